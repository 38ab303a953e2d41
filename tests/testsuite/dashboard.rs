//! The dashboard computed from the shipped content equals the table published
//! in the November 2025 edition, cell by cell. The expected figures are read
//! from `tests/fixtures/gepubliceerd/dashboard-2025-11.md`, a copy of the
//! published table with a note on its source, never typed here; the same for
//! the spring 2025 edition in `edities/2025-07/` and
//! `tests/fixtures/gepubliceerd/dashboard-2025-07.md`.

use std::path::{Path, PathBuf};

use bijlage::model::Status;

use crate::common::published_table;
use bijlage::{ContentSource, Options};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn row(telling: &bijlage::model::Telling) -> [usize; 6] {
    let mut cells = [telling.acties(), 0, 0, 0, 0, 0];
    for status in Status::ALL {
        cells[1 + status.index()] = telling.get(status);
    }
    cells
}

/// The dashboard computed from the content folder `content` equals the
/// published table in `fixture`, cell by cell.
fn assert_dashboard(content: &Path, fixture: &Path) {
    let options = Options::new(ContentSource::Dir(content.to_path_buf()));
    let rendered = bijlage::render(&options).expect("the content builds");
    let dashboard = rendered.site.dashboard();
    let table = published_table(fixture);
    let content = content.display();
    assert_eq!(
        table.len(),
        1 + dashboard.actielijnen.len(),
        "{content}: rows: {table:?}"
    );

    let (label, expected) = &table[0];
    assert_eq!(label, "alle actielijnen");
    assert_eq!(&row(&dashboard.totaal), expected, "{content}: totaal");

    for ((label, expected), (nummer, telling)) in table[1..].iter().zip(&dashboard.actielijnen) {
        assert_eq!(label, &format!("actielijn {nummer}"));
        assert_eq!(&row(telling), expected, "{content}: {label}");
    }
}

/// The content folder of the edition of `month` (`2025-11`): `content/` when
/// it is that edition, else the past edition `edities/<month>/content/`. So
/// the fixture of an edition keeps being checked after the next edition
/// takes its place in `content/` (see "publish a new edition" in the README).
fn edition(month: &str) -> PathBuf {
    let current = manifest().join("content");
    let site = std::fs::read_to_string(current.join("_index.md")).expect("content/_index.md");
    if site.contains(&format!("editie: \"{month}\"")) {
        current
    } else {
        manifest().join("edities").join(month).join("content")
    }
}

/// Every published dashboard in `tests/fixtures/gepubliceerd/`
/// (`dashboard-<JJJJ-MM>.md`) against the edition of that month.
fn published() -> Vec<(String, PathBuf)> {
    let dir = manifest().join("tests/fixtures/gepubliceerd");
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/gepubliceerd")
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            let month = name.strip_prefix("dashboard-")?.strip_suffix(".md")?;
            Some((month.to_string(), entry.path()))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn computed_dashboard_equals_the_published_table() {
    assert_dashboard(
        &edition("2025-11"),
        &manifest().join("tests/fixtures/gepubliceerd/dashboard-2025-11.md"),
    );
}

/// The spring 2025 edition, kept as the previous edition in
/// `edities/2025-07/`: its computed dashboard is the one printed then (43
/// actions: 8 / 18 / 8 / 5 / 4, and per actielijn).
#[test]
fn the_spring_edition_computes_the_dashboard_printed_in_july_2025() {
    assert_dashboard(
        &edition("2025-07"),
        &manifest().join("tests/fixtures/gepubliceerd/dashboard-2025-07.md"),
    );
}

/// Every edition with a published dashboard in the fixtures, also those
/// added later.
#[test]
fn every_published_dashboard_equals_its_edition() {
    let published = published();
    assert!(published.len() >= 2, "{published:?}");
    for (month, fixture) in published {
        assert_dashboard(&edition(&month), &fixture);
    }
}

#[test]
fn the_embedded_edition_is_the_shipped_content() {
    let on_disk = Options::new(ContentSource::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"),
    ));
    let embedded = Options {
        content: ContentSource::Embedded,
        ..on_disk.clone()
    };
    let a = bijlage::render(&on_disk).expect("disk");
    let b = bijlage::render(&embedded).expect("embedded");
    assert_eq!(a.files, b.files);
}
