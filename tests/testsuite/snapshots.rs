//! Snapshots of the rendered index and an actielijn page of the shipped
//! edition: any change to the markup shows up in review.

use std::path::PathBuf;

use bijlage::{ContentSource, Options};

fn page(name: &str) -> String {
    let options = Options::new(ContentSource::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"),
    ));
    let rendered = bijlage::render(&options).expect("the shipped content builds");
    let file = rendered
        .files
        .iter()
        .find(|f| f.path == name)
        .unwrap_or_else(|| panic!("{name} is rendered"));
    String::from_utf8(file.bytes.clone()).expect("HTML is UTF-8")
}

#[test]
fn index_page() {
    insta::assert_snapshot!("index.html", page("index.html"));
}

#[test]
fn actielijn_page() {
    insta::assert_snapshot!("actielijn-1.html", page("actielijn-1.html"));
}
