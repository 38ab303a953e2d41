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
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
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
