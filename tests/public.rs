//! The committed `public/` is the build of the shipped content: it must not
//! drift from what the tool produces.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bijlage::{ContentSource, Options};

fn committed(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

#[test]
fn committed_public_equals_a_fresh_build() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let options = Options::new(ContentSource::Dir(root.join("content")));
    let rendered = bijlage::render(&options).expect("the shipped content builds");
    let manifest = bijlage::output::manifest(&rendered.files);
    let mut fresh: BTreeMap<String, Vec<u8>> = rendered
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    // The build also writes the list of files it wrote.
    fresh.insert(bijlage::output::MANIFEST.to_string(), manifest.into_bytes());
    let on_disk = committed(&root.join("public"));
    let fresh_names: Vec<&String> = fresh.keys().collect();
    let disk_names: Vec<&String> = on_disk.keys().collect();
    assert_eq!(
        disk_names, fresh_names,
        "public/ has other files than a build: run `cargo run -- build`"
    );
    for (name, bytes) in &fresh {
        assert!(
            on_disk[name] == *bytes,
            "public/{name} differs from a fresh build: run `cargo run -- build` and commit public/"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let options = Options::new(ContentSource::Dir(root.join("content")));
    let tmp = tempfile::tempdir().unwrap();
    bijlage::build(&options, &tmp.path().join("a")).unwrap();
    bijlage::build(&options, &tmp.path().join("b")).unwrap();
    assert_eq!(
        committed(&tmp.path().join("a")),
        committed(&tmp.path().join("b"))
    );
}
