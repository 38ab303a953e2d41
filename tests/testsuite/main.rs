//! The integration tests, in one test binary (as mdBook's `tests/testsuite`):
//! one module per subject, the shared helpers in [`common`]. One binary links
//! the library (with axum, tokio, …) once instead of once per file.
//!
//! Run one group with a filter on its module path, e.g.
//! `cargo test --test testsuite serve::` or
//! `cargo test --test testsuite fouten::leeg_bestand`.
//! Snapshots live in `tests/testsuite/snapshots/`, named
//! `testsuite__<module>__<name>.snap`. Fixture sites live in `tests/fixtures/`.

mod common;

mod annex;
mod annex_pdf;
mod browser;
mod changes;
mod cli;
mod dashboard;
mod edities;
mod fouten;
mod fouten_alledaags;
mod identiek;
mod loader_proptest;
mod markup;
mod open_data;
mod open_data_catalogus;
mod posities;
mod public;
mod review;
mod ruwe_html;
mod scale;
mod serve;
mod serve_browser;
mod serve_veilig;
mod spreadsheet;
mod spreadsheet_import;
mod uitvoer;
mod veilig;

/// Cargo.toml has `autotests = false`, so a test file directly under
/// `tests/` (or a new `tests/<name>/main.rs`) would silently not run: every
/// test file is a module of this binary, and every module file here is
/// listed above.
#[test]
fn every_test_file_is_in_the_testsuite() {
    use std::path::Path;
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let is_test = if path.is_dir() {
            path.join("main.rs").is_file() && name != "testsuite"
        } else {
            name.ends_with(".rs")
        };
        if is_test {
            stray.push(name);
        }
    }
    assert!(
        stray.is_empty(),
        "tests/{stray:?} would not run: move it to tests/testsuite/<naam>.rs and add \
         `mod <naam>;` to tests/testsuite/main.rs"
    );
    let main = std::fs::read_to_string(tests.join("testsuite/main.rs")).unwrap();
    for entry in std::fs::read_dir(tests.join("testsuite")).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path
            .file_name()
            .unwrap()
            .to_str()
            .and_then(|n| n.strip_suffix(".rs"))
        else {
            continue;
        };
        if stem != "main" {
            assert!(
                main.contains(&format!("\nmod {stem};\n")),
                "tests/testsuite/{stem}.rs is no module of the testsuite: add `mod {stem};` to main.rs"
            );
        }
    }
}
