//! The annex printed to PDF by headless Chromium, checked with poppler-utils:
//! page count, every action and actielijn present, page numbers in the margin.
//! Needs `chromium` and `poppler-utils` (installed by .ci/run).

use std::path::{Path, PathBuf};
use std::process::Command;

use bijlage::{ContentSource, Options};

fn tool(name: &str) -> PathBuf {
    let candidates = [format!("/usr/bin/{name}"), format!("/usr/local/bin/{name}")];
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!("`{name}` is missing: install chromium and poppler-utils (see .ci/run)")
        })
}

fn run(program: &Path, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("{}: {err}", program.display()));
    assert!(
        output.status.success(),
        "{} {args:?} failed: {}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_annex_prints_to_a_tidy_pdf() {
    let options = Options::new(ContentSource::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"),
    ));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let site = bijlage::build(&options, &out).expect("builds").site;
    let pdf = tmp.path().join("bijlage.pdf");
    let profile = tmp.path().join("profiel");
    run(
        &tool("chromium"),
        &[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", out.join("bijlage.html").display()),
        ],
    );

    let info = run(&tool("pdfinfo"), &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    let actielijnen = site.actielijnen.len();
    // A cover, contents with legend, a dashboard, at least a page per
    // actielijn and a colophon; and not one page per action or worse.
    let entries = site.acties().count();
    assert!(
        (3 + actielijnen + 1..=3 + actielijnen + entries).contains(&pages),
        "{pages} pages"
    );
    let size: Vec<f64> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .map(|s| {
            s.split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        size.len() == 2 && (size[0] - 841.9).abs() < 1.0 && (size[1] - 595.3).abs() < 1.0,
        "A4 landscape: {info}"
    );

    let text = squash(&run(&tool("pdftotext"), &[pdf.to_str().unwrap(), "-"]));
    for lijn in &site.actielijnen {
        assert!(
            text.contains(&squash(&lijn.titel)),
            "actielijn {} title: {}",
            lijn.nummer,
            lijn.titel
        );
        for actie in &lijn.acties {
            let label = if actie.nummer.is_extra() {
                "Extra actie:".to_string()
            } else {
                format!("{}.", actie.nummer)
            };
            let first_words: String = actie
                .titel
                .split_whitespace()
                .take(1)
                .collect::<Vec<_>>()
                .join(" ");
            // The first word only: pdftotext may take the rest of a title
            // that wraps after another cell's text (the whole title is
            // checked in the outline, below).
            let needle = format!("{label} {first_words}");
            assert!(text.contains(&needle), "{needle:?} in the PDF text");
        }
    }
    // Page numbers in the margin, from the second page (the cover has none).
    for page in [2, pages / 2, pages] {
        let needle = format!("pagina {page} van {pages}");
        assert!(text.contains(&needle), "{needle:?}");
    }
    assert!(!text.contains("pagina 1 van"), "no number on the cover");
}

// ---------------------------------------------------------------- `bijlage pdf`

/// Runs `bijlage pdf` on `content` (and `extra` options) into `pdf`; returns stdout.
fn bijlage_pdf(content: &Path, extra: &[&str], pdf: &Path) -> String {
    let output = assert_cmd::Command::cargo_bin("bijlage")
        .unwrap()
        .arg("pdf")
        .arg("--content")
        .arg(content)
        .args(extra)
        .arg("--output")
        .arg(pdf)
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "bijlage pdf failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// pdfinfo's `Key: value` lines.
fn info(pdf: &Path) -> std::collections::BTreeMap<String, String> {
    run(&tool("pdfinfo"), &[pdf.to_str().unwrap()])
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The text of one page, as lines (pdftotext -layout), trimmed, without empties.
fn page_lines(pdf: &Path, page: u32) -> Vec<String> {
    let p = page.to_string();
    run(
        &tool("pdftotext"),
        &["-layout", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
    )
    .lines()
    .map(squash)
    .filter(|l| !l.is_empty())
    .collect()
}

/// Whether some run of whole lines of `lines` reads `heading` (white space
/// squashed): the heading as set, not a mention of it inside another line.
fn has_heading(lines: &[String], heading: &str) -> bool {
    let heading = squash(heading);
    (0..lines.len()).any(|i| {
        let mut text = String::new();
        for line in &lines[i..] {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
            if text == heading {
                return true;
            }
            if !heading.starts_with(&text) {
                return false;
            }
        }
        false
    })
}

/// The outline (bookmarks) as (page, title), read by poppler's pdftohtml.
fn outline(pdf: &Path) -> Vec<(u32, String)> {
    let xml = run(
        &tool("pdftohtml"),
        &["-xml", "-i", "-q", "-stdout", pdf.to_str().unwrap()],
    );
    let start = xml.find("<outline>").expect("the PDF has an outline");
    xml[start..]
        .split("<item page=\"")
        .skip(1)
        .filter_map(|item| {
            let (page, rest) = item.split_once("\">")?;
            let (title, _) = rest.split_once("</item>")?;
            let title = title
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'");
            Some((page.parse().ok()?, title))
        })
        .collect()
}

/// How full each page is: from the top of the text area to the lowest word
/// above the footer, as a fraction of the text area (pdftotext -bbox), and
/// the page's first words.
fn fullness(pdf: &Path) -> Vec<(f64, String)> {
    let html = run(&tool("pdftotext"), &["-bbox", pdf.to_str().unwrap(), "-"]);
    // A4 landscape, @page margins 14 mm top and 16 mm bottom (bijlage.css).
    let mm = 72.0 / 25.4;
    let (top, bottom) = (14.0 * mm, 595.0 - 16.0 * mm);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let mut lowest = top;
            let mut first = Vec::new();
            for word in page.split("<word ").skip(1) {
                let attr = |name: &str| -> f64 {
                    let at = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    word[at..].split('"').next().unwrap().parse().unwrap()
                };
                let text = word
                    .split('>')
                    .nth(1)
                    .unwrap_or("")
                    .split('<')
                    .next()
                    .unwrap_or("");
                if attr("yMax") < bottom {
                    lowest = lowest.max(attr("yMax"));
                    if first.len() < 4 {
                        first.push(text.to_string());
                    }
                }
            }
            ((lowest - top) / (bottom - top), first.join(" "))
        })
        .collect()
}

/// No page but the cover, the colophon (the back page) and an actielijn's
/// last page (the page before one that starts the next actielijn or the
/// colophon) is less than a quarter full.
fn assert_no_wasted_pages(pdf: &Path) {
    let pages = fullness(pdf);
    let starts_part = |first: &str| first.starts_with("Actielijn ") || first.starts_with("Colofon");
    let mut report = String::new();
    for (i, (full, first)) in pages.iter().enumerate() {
        report.push_str(&format!("page {}: {:.0}% {first}\n", i + 1, full * 100.0));
    }
    for (i, (full, first)) in pages.iter().enumerate() {
        let cover = i == 0;
        let back = i + 1 == pages.len();
        let end_of_actielijn = pages.get(i + 1).is_some_and(|(_, next)| starts_part(next))
            && !first.starts_with("Dashboard")
            && !first.starts_with("Wijzigingen");
        if !(cover || back || end_of_actielijn) {
            assert!(
                *full >= 0.25,
                "page {} is {:.0}% full:\n{report}",
                i + 1,
                full * 100.0
            );
        }
    }
}

#[test]
fn bijlage_pdf_makes_a_tagged_pdf_whose_contents_pages_are_right() {
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let site = bijlage::render(&Options::new(ContentSource::Dir(content.clone())))
        .expect("renders")
        .site;
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("bijlage.pdf");
    let stdout = bijlage_pdf(&content, &[], &pdf);
    let info = info(&pdf);
    let pages: u32 = info["Pages"].parse().unwrap();
    assert!(
        stdout.contains(&format!(
            "{pages} pagina's; de paginanummers van de inhoudsopgave kloppen"
        )),
        "{stdout}"
    );
    assert_eq!(info["Tagged"], "yes", "{info:?}");
    assert!(
        info["Title"].contains(&site.meta.titel)
            && info["Title"].contains(&site.meta.editie.label().to_lowercase()),
        "{info:?}"
    );
    assert!(
        info["Page size"].starts_with("841.92 x 59"),
        "A4 landscape: {info:?}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/Lang(nl-NL)"), "the catalogue says nl-NL");
    assert!(
        !has(b"/Lang(nl)") && !has(b"/Lang (nl)"),
        "no structure element keeps plain nl"
    );
    assert!(
        info["CreationDate"].contains("Dec  1 00:00:00 2025"),
        "SOURCE_DATE_EPOCH: {info:?}"
    );

    // The outline holds every actielijn and every action, each on its page.
    let outline = outline(&pdf);
    let find = |title: &str| {
        outline
            .iter()
            .find(|(_, t)| squash(t) == squash(title))
            .map(|(p, _)| *p)
            .unwrap_or_else(|| panic!("{title:?} is not in the outline: {outline:?}"))
    };
    for lijn in &site.actielijnen {
        let heading = format!("Actielijn {}: {}", lijn.nummer, lijn.titel);
        let page = find(&heading);
        assert!(
            has_heading(&page_lines(&pdf, page), &heading),
            "{heading:?} on page {page}"
        );
        for actie in &lijn.acties {
            let label = if actie.nummer.is_extra() {
                "Extra actie:".to_string()
            } else {
                format!("{}.", actie.nummer)
            };
            find(&format!("{label} {}", actie.titel));
        }
    }

    // Every contents entry's number is the page on which its heading is set,
    // and no earlier page sets it; read from the text, not from the PDF's
    // own destinations.
    let contents = page_lines(&pdf, 2);
    assert_eq!(
        contents.first().map(String::as_str),
        Some("Inhoud"),
        "{contents:?}"
    );
    let mut entries = vec![
        ("Legenda".to_string(), "Legenda".to_string()),
        (
            "Dashboard totaaloverzicht".to_string(),
            "Dashboard totaaloverzicht".to_string(),
        ),
    ];
    for lijn in &site.actielijnen {
        let heading = format!("Actielijn {}: {}", lijn.nummer, lijn.titel);
        entries.push((heading.clone(), heading));
    }
    entries.push(("Colofon".into(), "Colofon".into()));
    let mut previous = 0;
    for (i, (entry, heading)) in entries.iter().enumerate() {
        let prefix = format!("{}. {entry}", i + 1);
        let line = contents
            .iter()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("{prefix:?} in the contents: {contents:?}"));
        let number: u32 = line
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page number at the end of {line:?}"));
        assert!(number >= previous && number <= pages, "{line:?}");
        previous = number;
        assert!(
            has_heading(&page_lines(&pdf, number), heading),
            "{line:?}: the heading {heading:?} is not on page {number}: {:?}",
            page_lines(&pdf, number)
        );
        for earlier in 3..number {
            assert!(
                !has_heading(&page_lines(&pdf, earlier), heading),
                "{line:?}: {heading:?} is set on page {earlier} already"
            );
        }
    }

    // "pagina X van Y" on every page but the cover.
    assert!(!page_lines(&pdf, 1).iter().any(|l| l.contains("pagina")));
    for page in 2..=pages {
        let needle = format!("pagina {page} van {pages}");
        assert!(
            page_lines(&pdf, page).iter().any(|l| l.ends_with(&needle)),
            "{needle:?} on page {page}"
        );
    }
    assert_no_wasted_pages(&pdf);

    // Deterministic: a second run gives the same bytes.
    let again = tmp.path().join("nog-eens.pdf");
    let stdout_again = bijlage_pdf(&content, &[], &again);
    if std::fs::read(&again).unwrap() != bytes {
        panic!(
            "two runs differ\nfirst run: {stdout}second run: {stdout_again}{}",
            difference(&pdf, &again)
        );
    }
}

/// How two PDFs differ, for a failed comparison: the pages whose text
/// differs (pdftotext), else the objects that differ (lopdf), each with the
/// start of both versions.
fn difference(a: &Path, b: &Path) -> String {
    let (pages_a, pages_b) = (info(a)["Pages"].clone(), info(b)["Pages"].clone());
    if pages_a != pages_b {
        return format!("{pages_a} pages against {pages_b}");
    }
    let pages: u32 = pages_a.parse().unwrap_or(0);
    for page in 1..=pages {
        let (la, lb) = (page_lines(a, page), page_lines(b, page));
        if la != lb {
            let at = la.iter().zip(&lb).take_while(|(x, y)| x == y).count();
            return format!(
                "the text of page {page} differs from line {}: {:?} against {:?}",
                at + 1,
                la.get(at),
                lb.get(at)
            );
        }
    }
    let (Ok(da), Ok(db)) = (lopdf::Document::load(a), lopdf::Document::load(b)) else {
        return "the same text on every page; lopdf cannot read one of them".into();
    };
    let short = |o: Option<&lopdf::Object>| {
        let text = format!("{o:?}");
        text.chars().take(300).collect::<String>()
    };
    let ids: std::collections::BTreeSet<_> = da.objects.keys().chain(db.objects.keys()).collect();
    let differ: Vec<String> = ids
        .into_iter()
        .filter(|id| da.objects.get(id) != db.objects.get(id))
        .take(5)
        .map(|id| {
            format!(
                "object {id:?}:\n  {}\n  {}",
                short(da.objects.get(id)),
                short(db.objects.get(id))
            )
        })
        .collect();
    format!(
        "the same text on every page; {} objects against {}; the trailers {}; first objects that differ:\n{}",
        da.objects.len(),
        db.objects.len(),
        if da.trailer == db.trailer {
            "are equal"
        } else {
            "differ"
        },
        differ.join("\n")
    )
}

#[test]
fn an_edition_with_changes_prints_without_wasted_pages() {
    let editions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edities");
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("bijlage.pdf");
    let vorige = editions.join("vorige");
    bijlage_pdf(
        &editions.join("nu/content"),
        &["--previous", vorige.to_str().unwrap()],
        &pdf,
    );
    let contents = page_lines(&pdf, 2);
    assert!(
        contents
            .iter()
            .any(|l| l.starts_with("3. Wijzigingen sinds")),
        "{contents:?}"
    );
    assert_no_wasted_pages(&pdf);
}

#[test]
fn without_chromium_bijlage_pdf_says_what_to_install() {
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("bijlage.pdf");
    for (args, path, needle) in [
        (
            vec![],
            tmp.path().to_str().unwrap(),
            "Chromium is niet gevonden",
        ),
        (
            vec!["--chromium", "/bestaat/niet/chromium"],
            "/usr/bin:/bin",
            "`/bestaat/niet/chromium` bestaat niet",
        ),
    ] {
        let output = assert_cmd::Command::cargo_bin("bijlage")
            .unwrap()
            .arg("pdf")
            .arg("--content")
            .arg(&content)
            .args(&args)
            .arg("--output")
            .arg(&pdf)
            .env("PATH", path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(needle), "{stderr}");
        assert!(stderr.contains("apt-get install chromium"), "{stderr}");
        assert!(!pdf.exists());
    }
}

/// The review copy (`bijlage review`) printed the same way: A4 landscape, and
/// the CONCEPT marking with the edition on the text of every page, the
/// cover's included.
#[test]
fn the_review_file_prints_with_the_marking_on_every_page() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let editions = root.join("tests/fixtures/edities");
    let options = Options {
        previous: Some(editions.join("vorige").display().to_string()),
        ..Options::new(ContentSource::Dir(editions.join("nu/content")))
    };
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bijlage-concept.html");
    let (rendered, _) = bijlage::review(&options, Some(&file)).expect("the review file builds");
    let pdf = tmp.path().join("concept.pdf");
    let profile = tmp.path().join("profiel");
    run(
        &tool("chromium"),
        &[
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", file.display()),
        ],
    );
    let info = run(&tool("pdfinfo"), &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count");
    assert!(
        pages >= 3 + rendered.site.actielijnen.len(),
        "{pages} pages"
    );
    assert!(info.contains("841.9"), "A4 landscape: {info}");
    // pdftotext ends every page with a form feed.
    let text = run(&tool("pdftotext"), &[pdf.to_str().unwrap(), "-"]);
    let per_page: Vec<String> = text
        .split('\u{c}')
        .map(squash)
        .filter(|p| !p.is_empty())
        .collect();
    assert_eq!(per_page.len(), pages, "one text per page");
    let marking = "CONCEPT — niet voor publicatie · editie mei 2026 ·";
    for (n, page) in per_page.iter().enumerate() {
        assert!(page.contains(marking), "page {}: {page}", n + 1);
    }
    // What reviewers cite is on paper: references and sources.
    let all = squash(&text);
    assert!(all.contains("1.1 De meting is afgerond."), "{all}");
    assert!(all.contains("Bron: actielijn-a/01.md"), "{all}");
    assert!(all.contains("Hoe te reageren"));
}
