//! Helpers shared by the integration tests: the fixture sites, copying a
//! folder, and reading a folder back as a map of files.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The small fixture site (`tests/fixtures/mini`, with `content/`).
pub fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

/// Copies the folder `from` to `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// All files under `dir`, by relative path with `/` separators.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Rows of a published dashboard table in `tests/fixtures/gepubliceerd/`:
/// (label, [totaal, afgerond, in uitvoering, vertraging, doorlopend, nog niet
/// gestart]).
pub fn published_table(fixture: &Path) -> Vec<(String, [usize; 6])> {
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
