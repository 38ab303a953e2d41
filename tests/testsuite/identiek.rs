//! The output of a large generated site, pinned file by file (path, size,
//! SHA-256): optimisations of the pipeline must leave every byte as it was.
//! The shipped edition is pinned by `tests/testsuite/public.rs`; this covers what the
//! shipped edition has too little of: 2,000 actions over 40 actielijnen, with
//! combined and extra actions, drafts, cross-references, code blocks, and a
//! comparison with a previous edition (statuses, texts, new and removed
//! actions; `genereer::Programme::previous_files`).
//!
//! A snapshot that changes on purpose (a template, the data) is reviewed
//! with `cargo insta review`: the changed lines name the files.

use crate::common;

use std::fmt::Write as _;
use std::path::Path;

use bijlage::{ContentSource, Options};
use genereer::{self as generate, Spec};
use sha2::{Digest, Sha256};

/// One line per file: path, size and SHA-256, with the temporary folder
/// `tmp` (named in the output as the source of the previous edition)
/// written as `TMP`.
fn listing(dir: &Path, tmp: &Path) -> String {
    let tmp = tmp.display().to_string();
    let mut out = String::new();
    for (path, bytes) in common::tree(dir) {
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => text.replace(&tmp, "TMP").into_bytes(),
            Err(err) => err.into_bytes(),
        };
        let hash = Sha256::digest(&bytes);
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(out, "{path} {} {hex}", bytes.len());
    }
    out
}

fn generated() -> (tempfile::TempDir, generate::Programme) {
    let dir = tempfile::tempdir().unwrap();
    let programme = generate::programme(&Spec {
        acties: 2000,
        actielijnen: 40,
        zaad: 2025,
    });
    generate::write(dir.path(), &programme.bijlage_files()).unwrap();
    (dir, programme)
}

#[test]
fn a_generated_site_of_2000_actions_is_byte_for_byte_as_pinned() {
    let (dir, _) = generated();
    let public = dir.path().join("public");
    let options = Options::new(ContentSource::Dir(dir.path().join("content")));
    bijlage::build(&options, &public).expect("the generated site builds");
    insta::assert_snapshot!("generated_2000", listing(&public, dir.path()));
}

#[test]
fn a_generated_site_compared_with_its_previous_edition_is_as_pinned() {
    let (dir, programme) = generated();
    let vorige = dir.path().join("vorige");
    generate::write(&vorige, &programme.previous_files()).unwrap();
    let public = dir.path().join("public");
    let mut options = Options::new(ContentSource::Dir(dir.path().join("content")));
    options.previous = Some(vorige.join("content").display().to_string());
    let rendered = bijlage::build(&options, &public).expect("the generated site builds");
    let bijlage::VorigeEditie::Vergeleken(vergelijking) = &rendered.vorige_editie else {
        panic!("no comparison: {:?}", rendered.vorige_editie);
    };
    let changes = &vergelijking.wijzigingen;
    // The previous edition differs in every way the generator says.
    assert!(changes.status_changes().count() > 100);
    assert!(changes.gewijzigd.iter().any(|c| c.tekst));
    assert!(changes.toegevoegd.len() >= 30);
    assert_eq!(changes.verwijderd.len(), 1);
    insta::assert_snapshot!("generated_2000_previous", listing(&public, dir.path()));
}
