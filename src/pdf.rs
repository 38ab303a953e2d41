//! `bijlage pdf`: the single-file annex printed to a tagged PDF by the
//! system's Chromium, with the page numbers of the table of contents filled in.
//!
//! Chromium (headless, `--print-to-pdf`) tags the PDF from the page's
//! accessibility tree, writes a document outline from its headings
//! (`--generate-pdf-document-outline`), takes the title from `<title>`, the
//! paper size from `@page` (A4 landscape) and prints "pagina X van Y" from the
//! `@page` margin boxes of the theme. What Chromium cannot do is
//! `target-counter()`, so the page numbers of the contents are found the
//! long way:
//!
//! 1. the theme marks each place for a number with `data-pagina="ANKER"` on an
//!    empty element (the contents list of `bijlage.html`);
//! 2. the annex is printed; every in-page link target becomes a named
//!    destination in the PDF, which says on which page the anchor landed;
//! 3. the numbers are filled in and the annex is printed again;
//! 4. the named destinations of that print must give the same numbers (the
//!    numbers take up fixed room, so they do not move the text), else a third
//!    print; if the numbers still do not hold, the command fails.
//!
//! Afterwards the language (`nl-NL`) is written into the catalogue and, when
//! `SOURCE_DATE_EPOCH` is set, the creation date is fixed (see
//! [`finish`]).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lopdf::{Document, Object, ObjectId};

/// The attribute that marks where a page number goes.
pub(crate) const MARK: &str = "data-pagina";
/// The language written into the PDF's catalogue.
pub(crate) const LANG: &str = "nl-NL";
/// Programs tried on `PATH` when no `--chromium` is given.
pub(crate) const CHROMIUM_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
/// At most this many prints before the contents' numbers must hold.
const MAX_PRINTS: usize = 3;
/// How long one print may take.
const PRINT_TIMEOUT: Duration = Duration::from_secs(180);

/// Why no PDF was made. The messages are for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "Chromium is niet gevonden (gezocht op PATH naar {}). Installeer het met \
         `apt-get install chromium` (Debian, Ubuntu) of geef het programma op met \
         `--chromium PAD`.",
        CHROMIUM_NAMES.join(", ")
    )]
    /// No Chromium on PATH.
    NoChromium,
    #[error(
        "`{0}` bestaat niet of is geen programma. Geef met `--chromium` het pad van \
         Chromium op, of installeer het met `apt-get install chromium`."
    )]
    /// `--chromium` names no program.
    NotAProgram(PathBuf),
    /// The theme makes no annex file of this name.
    #[error("het thema maakt geen bijlagebestand `{0}`; er is niets om af te drukken")]
    NoAnnex(String),
    #[error("Chromium ({program}) kon de bijlage niet afdrukken: {reason}")]
    /// Chromium ran but did not print.
    Chromium {
        /// The Chromium that ran.
        program: PathBuf,
        /// What it said.
        reason: String,
    },
    #[error(
        "de PDF van Chromium is niet te lezen ({0}). Werk Chromium bij (`apt-get install chromium`)."
    )]
    /// Chromium wrote a PDF that cannot be read.
    Unreadable(String),
    #[error(
        "deze Chromium maakt geen {0}; werk Chromium bij (`apt-get install chromium`, versie 126 of nieuwer)"
    )]
    /// This Chromium lacks a feature the PDF needs (tagging, an outline).
    Unsupported(&'static str),
    #[error(
        "de inhoudsopgave verwijst naar {}, maar die staan niet in de PDF: \
         controleer dat elk `{MARK}` in bijlage.html bij een anker met een link hoort",
        .0.join(", ")
    )]
    /// Contents entries whose anchors are not in the PDF.
    Missing(Vec<String>),
    #[error(
        "de paginanummers in de inhoudsopgave kloppen na {MAX_PRINTS} keer afdrukken nog \
         steeds niet: {}. Er is geen PDF geschreven.",
        .0.iter().map(|(a, printed, actual)| format!("`{a}` staat op pagina {actual}, niet op {printed}")).collect::<Vec<_>>().join("; ")
    )]
    /// Page numbers still wrong after the last print: (anchor, printed, actual).
    Unsettled(Vec<(String, u32, u32)>),
    #[error("{path}: {source}")]
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> PdfError + '_ {
    move |source| PdfError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The printed annex.
#[derive(Debug)]
pub struct Pdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: u32,
    /// Each contents entry (its anchor) and the page it starts on, as printed.
    pub contents: Vec<(String, u32)>,
    /// How many times Chromium printed.
    pub prints: usize,
}

/// The Chromium to use: `given` if any, else the first of [`CHROMIUM_NAMES`]
/// on `PATH`.
pub fn find_chromium(given: Option<&Path>) -> Result<PathBuf, PdfError> {
    if let Some(path) = given {
        let found = if path.components().count() == 1 {
            on_path(path.as_os_str())
        } else {
            Some(path.to_path_buf()).filter(|p| p.is_file())
        };
        return found.ok_or_else(|| PdfError::NotAProgram(path.to_path_buf()));
    }
    CHROMIUM_NAMES
        .iter()
        .find_map(|name| on_path(name.as_ref()))
        .ok_or(PdfError::NoChromium)
}

fn on_path(name: &std::ffi::OsStr) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The anchors of the places marked for a page number, in document order.
pub(crate) fn marks(html: &str) -> Vec<String> {
    let needle = format!("{MARK}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

/// `html` with each marked, empty element holding its page number.
pub fn fill(html: &str, numbers: &BTreeMap<String, u32>) -> String {
    let mut out = html.to_string();
    for (anchor, number) in numbers {
        let empty = format!("{MARK}=\"{anchor}\"></");
        out = out.replace(&empty, &format!("{MARK}=\"{anchor}\">{number}</"));
    }
    out
}

/// Prints `html` (a self-contained page) to PDF with `chromium`, using
/// `work` for the page, the profile and the PDF.
fn print_once(chromium: &Path, html: &str, work: &Path) -> Result<Vec<u8>, PdfError> {
    let page = work.join("bijlage.html");
    let pdf = work.join("bijlage.pdf");
    std::fs::write(&page, html).map_err(io_err(&page))?;
    let _ = std::fs::remove_file(&pdf);
    let mut child = Command::new(chromium)
        // The page is bijlage's own file, with no script and nothing from
        // another host (tests/annex.rs). `--blink-settings=scriptEnabled=false`
        // would be safer still, but then headless Chromium prints nothing.
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profiel").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied => {
                PdfError::NotAProgram(chromium.to_path_buf())
            }
            _ => PdfError::Chromium {
                program: chromium.to_path_buf(),
                reason: err.to_string(),
            },
        })?;
    // Read stderr on a thread, so that a chatty Chromium never blocks on a full pipe.
    let stderr = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = io::Read::read_to_string(&mut pipe, &mut text);
            text
        })
    });
    let deadline = Instant::now() + PRINT_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Chromium {
                    program: chromium.to_path_buf(),
                    reason: format!(
                        "na {} seconden nog niet klaar; afgebroken",
                        PRINT_TIMEOUT.as_secs()
                    ),
                });
            }
            Err(err) => {
                return Err(PdfError::Chromium {
                    program: chromium.to_path_buf(),
                    reason: err.to_string(),
                });
            }
        }
    };
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    match std::fs::read(&pdf) {
        Ok(bytes) if status.success() && !bytes.is_empty() => Ok(bytes),
        _ => Err(PdfError::Chromium {
            program: chromium.to_path_buf(),
            reason: format!(
                "{status}; {}",
                last_lines(&stderr, 5).unwrap_or("geen foutmelding".into())
            ),
        }),
    }
}

fn last_lines(text: &str, n: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    (!lines.is_empty()).then(|| lines[lines.len().saturating_sub(n)..].join(" / "))
}

/// `file://` URL of an absolute path, with what a URL cannot hold escaped.
fn file_url(path: &Path) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    format!(
        "file://{}",
        utf8_percent_encode(&path.to_string_lossy(), PATH)
    )
}

/// What the printer made: its pages, and the page of each named destination.
#[derive(Debug)]
pub struct Layout {
    /// How many pages were printed.
    pub pages: u32,
    /// The page of each named destination (an anchor of the annex).
    pub destinations: BTreeMap<String, u32>,
    /// Whether the PDF is tagged (structure for screen readers).
    pub tagged: bool,
    /// Whether it has an outline (bookmarks).
    pub outline: bool,
}

/// Reads the page count and the named destinations (`/Dests` in the
/// catalogue, as Chromium writes them, or the `/Names` tree) of a PDF.
pub fn layout(doc: &Document) -> Result<Layout, PdfError> {
    let pages = doc.get_pages();
    let number: BTreeMap<ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let catalog = doc
        .catalog()
        .map_err(|e| PdfError::Unreadable(e.to_string()))?;
    let mut destinations = BTreeMap::new();
    let mut add = |name: &[u8], dest: &Object| {
        let dest = doc.dereference(dest).map(|(_, o)| o).ok();
        // A destination is an array [page …] or a dictionary with /D.
        let array = match dest {
            Some(Object::Array(a)) => Some(a),
            Some(Object::Dictionary(d)) => d
                .get(b"D")
                .ok()
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, o)| o.as_array().ok()),
            _ => None,
        };
        if let Some(page) = array
            .and_then(|a| a.first())
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| number.get(&id))
        {
            destinations.insert(String::from_utf8_lossy(name).into_owned(), *page);
        }
    };
    if let Ok(dests) = catalog
        .get(b"Dests")
        .and_then(|d| doc.dereference(d))
        .and_then(|(_, o)| o.as_dict())
    {
        for (name, dest) in dests.iter() {
            add(name, dest);
        }
    }
    if let Ok(tree) = catalog
        .get(b"Names")
        .and_then(|n| doc.dereference(n))
        .and_then(|(_, o)| o.as_dict())
        .and_then(|n| n.get(b"Dests"))
        .and_then(|d| doc.dereference(d))
        .map(|(_, o)| o)
    {
        walk_names(doc, tree, 0, &mut add);
    }
    let tagged = catalog
        .get(b"MarkInfo")
        .and_then(|m| doc.dereference(m))
        .and_then(|(_, o)| o.as_dict())
        .and_then(|m| m.get(b"Marked"))
        .and_then(|m| m.as_bool())
        .unwrap_or(false)
        && catalog.has(b"StructTreeRoot");
    Ok(Layout {
        pages: pages.len() as u32,
        destinations,
        tagged,
        outline: catalog.has(b"Outlines"),
    })
}

/// A name tree: `/Names [name dest …]` in the leaves, `/Kids` above them.
fn walk_names(doc: &Document, node: &Object, depth: usize, add: &mut impl FnMut(&[u8], &Object)) {
    let Ok(node) = node.as_dict() else { return };
    if depth > 32 {
        return;
    }
    if let Ok(names) = node.get(b"Names").and_then(|n| n.as_array()) {
        for pair in names.chunks(2) {
            if let [name, dest] = pair {
                if let Ok(name) = name.as_str() {
                    add(name, dest);
                }
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(|k| k.as_array()) {
        for kid in kids {
            if let Ok((_, kid)) = doc.dereference(kid) {
                walk_names(doc, kid, depth + 1, add);
            }
        }
    }
}

/// Prints the single-file annex of `rendered` (see [`print`]).
pub fn print_annex(rendered: &crate::Rendered, chromium: &Path) -> Result<Pdf, PdfError> {
    let name = &rendered.site.meta.bijlage_bestand;
    let html = rendered
        .files
        .iter()
        .find(|f| &f.path == name)
        .and_then(|f| std::str::from_utf8(&f.bytes).ok())
        .ok_or_else(|| PdfError::NoAnnex(name.clone()))?;
    print(chromium, html, &headings(&rendered.site))
}

/// The headings of the annex whose text may wrap: each actielijn's and each
/// action's, as the template writes them (bijlage.html).
pub fn headings(site: &crate::model::Site) -> Vec<String> {
    let mut out = Vec::new();
    for lijn in &site.actielijnen {
        out.push(format!("Actielijn {}: {}", lijn.nummer, lijn.titel));
        for actie in &lijn.acties {
            let label = if actie.nummer.is_extra() {
                "Extra actie:".to_string()
            } else {
                format!("{}.", actie.nummer)
            };
            out.push(format!("{label} {}", actie.titel));
        }
    }
    out
}

/// Where `bijlage pdf` writes without `--output`: the annex's file name with
/// `.pdf`, in the current folder.
pub fn default_output(rendered: &crate::Rendered) -> PathBuf {
    Path::new(&rendered.site.meta.bijlage_bestand).with_extension("pdf")
}

/// Prints the annex `html`: once, then again with the contents' page numbers,
/// until they hold (see the module documentation).
///
/// `headings` are the texts of headings that may wrap over lines: Chromium
/// writes a bookmark's title with the lines of its heading run together
/// ("campagnes,meldpunten"); a bookmark that equals one of them but for
/// white space gets its text back.
pub fn print(chromium: &Path, html: &str, headings: &[String]) -> Result<Pdf, PdfError> {
    let work = tempfile::Builder::new()
        .prefix("bijlage-pdf-")
        .tempdir()
        .map_err(io_err(&std::env::temp_dir()))?;
    let anchors = marks(html);
    let mut printed: BTreeMap<String, u32> = BTreeMap::new();
    for prints in 1..=MAX_PRINTS {
        let bytes = print_once(chromium, &fill(html, &printed), work.path())?;
        let mut doc =
            Document::load_mem(&bytes).map_err(|e| PdfError::Unreadable(e.to_string()))?;
        let found = layout(&doc)?;
        if !found.tagged {
            return Err(PdfError::Unsupported("getagde PDF"));
        }
        if !found.outline {
            return Err(PdfError::Unsupported("bladwijzers (document outline)"));
        }
        let missing: Vec<String> = anchors
            .iter()
            .filter(|a| !found.destinations.contains_key(*a))
            .cloned()
            .collect();
        if !missing.is_empty() {
            return Err(PdfError::Missing(missing));
        }
        let actual: BTreeMap<String, u32> = anchors
            .iter()
            .map(|a| (a.clone(), found.destinations[a]))
            .collect();
        if actual == printed || anchors.is_empty() {
            finish(&mut doc, headings)?;
            let mut bytes = Vec::with_capacity(bytes.len());
            doc.save_to(&mut bytes)
                .map_err(|e| PdfError::Unreadable(e.to_string()))?;
            return Ok(Pdf {
                bytes,
                pages: found.pages,
                contents: anchors.iter().map(|a| (a.clone(), actual[a])).collect(),
                prints,
            });
        }
        if prints == MAX_PRINTS {
            let wrong = anchors
                .iter()
                .filter(|a| printed.get(*a) != actual.get(*a))
                .map(|a| (a.clone(), printed.get(a).copied().unwrap_or(0), actual[a]))
                .collect();
            return Err(PdfError::Unsettled(wrong));
        }
        printed = actual;
    }
    unreachable!("the loop returns on its last print")
}

/// The finishing touches Chromium leaves out: the bookmarks' spaces (see
/// [`print`]), the language as `nl-NL` (the
/// page says `nl`) in the catalogue and on the structure elements that carry
/// it, and, when `SOURCE_DATE_EPOCH` is set, that moment as the creation and
/// modification date, so that two runs give the same file.
fn finish(doc: &mut Document, headings: &[String]) -> Result<(), PdfError> {
    let squash = |t: &str| t.split_whitespace().collect::<String>();
    let known: BTreeMap<String, &String> = headings.iter().map(|h| (squash(h), h)).collect();
    let lang = Object::string_literal(LANG);
    doc.catalog_mut()
        .map_err(|e| PdfError::Unreadable(e.to_string()))?
        .set("Lang", lang.clone());
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            // A bookmark: a /Title with a /Parent and a destination.
            let bookmark = dict.has(b"Parent") && (dict.has(b"Dest") || dict.has(b"A"));
            if let (true, Ok(title)) = (bookmark, dict.get(b"Title")) {
                if let Ok(text) = lopdf::decode_text_string(title) {
                    if let Some(heading) = known.get(&squash(&text)) {
                        if text != **heading {
                            dict.set("Title", lopdf::text_string(heading));
                        }
                    }
                }
            }
            let structure =
                dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"StructElem".as_slice());
            if structure && dict.has(b"Lang") {
                dict.set("Lang", lang.clone());
            }
        }
    }
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map(pdf_date);
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference()).ok();
    if let (Some(date), Some(info)) = (date, info) {
        if let Ok(Object::Dictionary(info)) = doc.get_object_mut(info) {
            info.set("CreationDate", Object::string_literal(date.clone()));
            info.set("ModDate", Object::string_literal(date));
        }
    }
    Ok(())
}

/// A PDF date (`D:YYYYMMDDHHmmSS+00'00'`) of a Unix time, in UTC.
pub(crate) fn pdf_date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}+00'00'",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Writes `bytes` to `path` through a temporary file beside it, so that a
/// failed run leaves a previous PDF as it was.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".bijlage-pdf-")
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    io::Write::write_all(&mut tmp, bytes).map_err(io_err(path))?;
    tmp.persist(path).map_err(|e| PdfError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_found_and_filled_in_order() {
        let html = r##"<li><a href="#a">A</a> <span data-pagina="a"></span></li><li><span data-pagina="b-2"></span></li>"##;
        assert_eq!(marks(html), ["a", "b-2"]);
        let numbers = BTreeMap::from([("a".to_string(), 3), ("b-2".to_string(), 12)]);
        assert_eq!(
            fill(html, &numbers),
            r##"<li><a href="#a">A</a> <span data-pagina="a">3</span></li><li><span data-pagina="b-2">12</span></li>"##
        );
        // Filling starts from the unfilled page each time.
        assert_eq!(fill(html, &BTreeMap::new()), html);
    }

    #[test]
    fn pdf_dates_are_utc() {
        assert_eq!(pdf_date(0), "D:19700101000000+00'00'");
        assert_eq!(pdf_date(1_764_547_200), "D:20251201000000+00'00'");
        assert_eq!(pdf_date(951_782_400 + 3661), "D:20000229010101+00'00'");
    }

    #[test]
    fn a_missing_chromium_names_the_package() {
        let err = find_chromium(Some(Path::new("/bestaat/niet/chromium"))).unwrap_err();
        assert!(
            err.to_string().contains("apt-get install chromium"),
            "{err}"
        );
        assert!(
            PdfError::NoChromium
                .to_string()
                .contains("apt-get install chromium")
        );
    }

    #[test]
    fn file_urls_escape_what_a_url_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/een map/#1.html")),
            "file:///tmp/een%20map/%231.html"
        );
    }
}
