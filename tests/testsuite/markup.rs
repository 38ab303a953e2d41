//! Snapshots of the markup of the parts of the shipped edition's pages that
//! are computed or repeated: the dashboard and an action's article. The whole
//! pages are pinned byte for byte by `public.rs` (the committed `public/`
//! against a fresh build); these snapshots show in review what a change does
//! to one part, without a change elsewhere on the page rippling through them.

use crate::common::{element, output_text, shipped};

/// The dashboard on the start page: the totals per status with their bar and
/// the table per actielijn, all computed from the actions.
#[test]
fn dashboard() {
    let rendered = shipped();
    let index = output_text(&rendered, "index.html");
    insta::assert_snapshot!("dashboard", element(index, "<section id=\"dashboard\""));
}

/// An action whose status, title and text changed since the previous
/// edition: number, title, the change note with the old status, status,
/// timeline and progress text.
#[test]
fn a_changed_action() {
    let rendered = shipped();
    let actielijn = output_text(&rendered, "actielijn-1.html");
    insta::assert_snapshot!(
        "actie-2",
        element(actielijn, "<article class=\"actie\" id=\"actie-2\"")
    );
}

/// A combined action (3/4): one article, an anchor for the second number,
/// and a timeline with years outside its span.
#[test]
fn a_combined_action() {
    let rendered = shipped();
    let actielijn = output_text(&rendered, "actielijn-1.html");
    insta::assert_snapshot!(
        "actie-3-4",
        element(actielijn, "<article class=\"actie\" id=\"actie-3\"")
    );
}
