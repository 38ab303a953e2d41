//! Content may come from partners: by default no `<script>`, event handler
//! or `javascript:` URL from the Markdown reaches the built site; the site's
//! front matter can allow raw HTML explicitly (`ruwe_html: true`).

use crate::common::copy_dir;

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;

const HOSTILE: &str = "\n\nDoor een partner aangeleverd: <script>alert('x')</script>\
<img src=\"logo.png\" alt=\"logo\" onerror=\"alert(1)\"> <b>belangrijk</b>\n\n\
<a href=\"javascript:alert(2)\" onmouseover=\"alert(3)\">meer</a> en \
[nog meer](javascript:alert(4)) en [de bron](https://www.example.org).\n\n\
<iframe src=\"https://kwaad.example\"></iframe>\n";

/// The mini fixture with hostile HTML in an action, built; `allow` sets
/// `ruwe_html: true`. Returns actielijn-1.html and the stderr.
fn build(allow: bool) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini"),
        tmp.path(),
    );
    let actie = tmp.path().join("content/actielijn-a/03-los.md");
    let mut text = fs::read_to_string(&actie).unwrap();
    text.push_str(HOSTILE);
    fs::write(&actie, text).unwrap();
    if allow {
        let site = tmp.path().join("content/_index.md");
        let text = fs::read_to_string(&site).unwrap();
        fs::write(&site, text.replacen("---\n", "---\nruwe_html: true\n", 1)).unwrap();
    }
    let assert = Command::cargo_bin("bijlage")
        .unwrap()
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let html = fs::read_to_string(tmp.path().join("uit/actielijn-1.html")).unwrap();
    (html, stderr)
}

#[test]
fn raw_html_is_sanitized_by_default() {
    let (html, stderr) = build(false);
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script>alert",
        "onerror",
        "onmouseover",
        "javascript:",
        "<iframe",
        "kwaad.example",
    ] {
        assert!(!lower.contains(bad), "{bad} reached the output");
    }
    // The harmless parts stay.
    assert!(html.contains("<b>belangrijk</b>"), "{html}");
    assert!(
        html.contains("<img src=\"logo.png\" alt=\"logo\">"),
        "{html}"
    );
    assert!(html.contains("<a href=\"https://www.example.org\">de bron</a>"));
    assert!(html.contains("<a>meer</a>"), "a link without its href");
    // The rest of the page, and of the same text, is as before.
    assert!(html.contains("<del>nooit</del>"));
    assert!(
        html.contains("class=\"hl-"),
        "highlighted code keeps its classes"
    );
    // The editor is told, with the place.
    assert!(
        stderr.contains("waarschuwing[ruwe-html]: ruwe HTML in de tekst wordt opgeschoond"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/actielijn-a/03-los.md:18:31"),
        "{stderr}"
    );
    assert!(
        stderr.contains("waarschuwing[onveilige-link]: link `javascript:alert(4)`"),
        "{stderr}"
    );
}

#[test]
fn raw_html_passes_when_the_site_allows_it() {
    let (html, stderr) = build(true);
    assert!(html.contains("<script>alert('x')</script>"), "{html}");
    assert!(html.contains("onerror=\"alert(1)\""), "{html}");
    assert!(html.contains("href=\"javascript:alert(4)\""), "{html}");
    assert!(!stderr.contains("waarschuwing"), "{stderr}");
}
