//! Headless Chromium sees the preview reload after an edit, shows review
//! mode and the failure overlay. Drives Debian's chromium through
//! playwright-core (npm, `npm ci`); tests/browser/reload.mjs does the
//! browsing. Fails, with what to install, when a piece is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::serve::{Server, Site};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn require_tools() -> PathBuf {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        chromium.is_file(),
        "chromium ontbreekt op {}: installeer het Debian-pakket (`apt-get install -y chromium`) \
         of wijs het aan met CHROMIUM=/pad/naar/chromium",
        chromium.display()
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.as_ref().is_ok_and(|o| o.status.success()),
        "node ontbreekt: installeer Node.js (`apt-get install -y nodejs npm`)"
    );
    assert!(
        manifest_dir()
            .join("tests/browser/node_modules/playwright-core/package.json")
            .is_file(),
        "playwright-core ontbreekt: draai `npm ci --prefix tests/browser` in {}",
        manifest_dir().display()
    );
    chromium
}

#[test]
fn chromium_reloads_after_an_edit_and_shows_review_mode_and_failures() {
    let chromium = require_tools();
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let output = Command::new("node")
        .arg(Path::new("tests/browser/reload.mjs"))
        .arg(&server.url)
        .arg(site.content())
        .env("CHROMIUM", &chromium)
        .current_dir(manifest_dir())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser test failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- server\n{}",
        server.stderr()
    );
    for step in [
        "ok: the page was reloaded, not patched",
        "ok: the reloaded page shows the edit",
        "ok: line 3 is numbered 3",
        "ok: the source is beside the rendering",
        "ok: the overlay shows file, line and column",
        "ok: no request leaves the server",
    ] {
        assert!(stdout.contains(step), "missing `{step}` in\n{stdout}");
    }
    // The server saw the edit and told the browser (version 2, or later
    // when the save reached it as two bursts).
    assert!(
        server.log_contains(", herladen (versie "),
        "{}",
        server.stderr()
    );
}
