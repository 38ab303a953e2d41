//! The dashboard computed from the shipped content equals the table published
//! in the November 2025 edition, cell by cell. The expected figures are read
//! from `tests/fixtures/gepubliceerd/dashboard-2025-11.md`, a copy of the
//! published table with a note on its source, never typed here.

use std::path::{Path, PathBuf};

use bijlage::model::Status;
use bijlage::{ContentSource, Options};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Rows of a published dashboard table in `tests/fixtures/gepubliceerd/`:
/// (label, [totaal, afgerond, in uitvoering, vertraging, doorlopend, nog niet
/// gestart]).
fn published_table(fixture: &Path) -> Vec<(String, [usize; 6])> {
    let text = std::fs::read_to_string(fixture)
        .unwrap_or_else(|err| panic!("{} is niet te lezen: {err}", fixture.display()));
    let mut lines = text
        .lines()
        .skip_while(|l| !l.contains("| totaal | afgerond |"));
    let header = lines.next().expect("the fixture holds the dashboard table");
    assert!(header.contains("nog niet gestart"), "{header}");
    lines
        .skip(1) // the |---| line
        .take_while(|l| l.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let numbers: Vec<usize> = cells[1..]
                .iter()
                .map(|c| {
                    c.parse()
                        .unwrap_or_else(|_| panic!("geen getal: {c:?} in {line}"))
                })
                .collect();
            (
                cells[0].to_string(),
                numbers.try_into().expect("zes getallen per rij"),
            )
        })
        .collect()
}

fn row(telling: &bijlage::model::Telling) -> [usize; 6] {
    let mut cells = [telling.acties(), 0, 0, 0, 0, 0];
    for status in Status::ALL {
        cells[1 + status.index()] = telling.get(status);
    }
    cells
}

#[test]
fn computed_dashboard_equals_the_published_table() {
    let options = Options::new(ContentSource::Dir(manifest().join("content")));
    let rendered = bijlage::render(&options).expect("the shipped content builds");
    let dashboard = rendered.site.dashboard();
    let table =
        published_table(&manifest().join("tests/fixtures/gepubliceerd/dashboard-2025-11.md"));
    assert_eq!(
        table.len(),
        1 + dashboard.actielijnen.len(),
        "rows: {table:?}"
    );

    let (label, expected) = &table[0];
    assert_eq!(label, "alle actielijnen");
    assert_eq!(&row(&dashboard.totaal), expected, "totaal");

    for ((label, expected), (nummer, telling)) in table[1..].iter().zip(&dashboard.actielijnen) {
        assert_eq!(label, &format!("actielijn {nummer}"));
        assert_eq!(&row(telling), expected, "{label}");
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
