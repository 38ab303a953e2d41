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
//! `finish`).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use lopdf::Document;

mod chromium;
mod document;

pub use chromium::find_chromium;
use chromium::{CHROMIUM_NAMES, print_once};
use document::finish;
pub use document::{Layout, layout};

/// The attribute that marks where a page number goes.
pub(crate) const MARK: &str = "data-pagina";
/// At most this many prints before the contents' numbers must hold.
const MAX_PRINTS: usize = 3;

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

pub(super) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> PdfError + '_ {
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

/// Prints the single-file annex of `rendered` (see `print`).
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
    use super::chromium::file_url;
    use super::document::pdf_date;
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
        let date = |unix| pdf_date(unix).map(|d| d.as_str().unwrap().to_vec());
        assert_eq!(date(0).unwrap(), b"D:19700101000000+00'00'");
        assert_eq!(date(1_764_547_200).unwrap(), b"D:20251201000000+00'00'");
        assert_eq!(
            date(951_782_400 + 3661).unwrap(),
            b"D:20000229010101+00'00'"
        );
        assert_eq!(date(i64::MAX), None);
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
