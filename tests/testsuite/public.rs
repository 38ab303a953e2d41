//! The committed `public/` is the build of the shipped content: it must not
//! drift from what the tool produces.

use crate::common::tree;

use std::collections::BTreeMap;
use std::path::PathBuf;

use bijlage::{ContentSource, Options};

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
    let on_disk = tree(&root.join("public"));
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
