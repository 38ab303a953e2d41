//! Fuzzes the Markdown-and-sanitizer path on its own: any text as a progress
//! text, rendered with raw HTML cleaned and passed through, scanned for raw
//! HTML and unsafe links, and cleaned by the sanitizer directly. None of it
//! may panic, nothing the sanitizer lets through may carry script, and the
//! annex's version of the cleaned HTML holds no image from another host.
#![no_main]

use bijlage::render::markdown::{self, RawHtml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let resolve = |target: &str| (target == "1").then(|| "actielijn-1.html#actie-1".to_string());
    let (html, _) = markdown::render_with(&text, 2, &resolve, RawHtml::Sanitize);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script through the sanitizer: {html}");
    // The text may say "javascript:" (it is shown as text, even after a
    // `<` that is escaped); no tag's link or source may point there.
    for tag in tags(&lower) {
        for attribute in ["href=\"javascript:", "src=\"javascript:"] {
            assert!(!tag.contains(attribute), "javascript: through the sanitizer: {html}");
        }
    }
    let (raw, _) = markdown::render_with(&text, 0, &resolve, RawHtml::Allow);
    let _ = markdown::scan(&text);
    let cleaned = markdown::sanitize(&text);
    assert!(!cleaned.to_ascii_lowercase().contains("<script"));
    let _ = bijlage::render::annex_links(&html);
    // The annex loads nothing from another host: after its rewriting no
    // image from elsewhere is left, read as a browser reads the tags.
    for html in [&html, &raw] {
        let annex = bijlage::render::annex_images(html);
        let left = markdown::remote_images_in_html(&annex);
        assert!(left.is_empty(), "remote image in the annex: {left:?} in {annex}");
    }
    let _ = markdown::remote_images_in_html(&text);
});

/// The tags of serialized HTML: every literal `<` opens one (text has `&lt;`),
/// up to the first `>` outside a quoted attribute value.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (start, _) in html.match_indices('<') {
        let mut quote = None;
        let mut end = html.len();
        for (i, c) in html[start..].char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = start + i;
                    break;
                }
                _ => {}
            }
        }
        out.push(&html[start..end]);
    }
    out
}
