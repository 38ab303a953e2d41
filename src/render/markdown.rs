//! Markdown to HTML: pulldown-cmark with tables, footnotes and strikethrough;
//! fenced code highlighted by syntect with CSS classes; cross-references to
//! actions (`[actie 15](actie:15)` or `(#actie-15)`) resolved to their page.
//!
//! Content may come from partners, so by default nothing that can run script
//! reaches the output: a link or image with a scheme other than http(s),
//! mailto or tel (`javascript:`, `data:`, …) loses its link, and a fragment
//! with raw HTML is cleaned by ammonia, which keeps the markup Markdown
//! produces (tables, footnotes, highlighted code with its classes) and drops
//! `<script>`, event handlers and unsafe URLs. `ruwe_html: true` in the site's
//! front matter passes everything through as written.

mod highlight;
mod html;
mod plain;
mod sanitize;
mod scan;
mod tags;

use pulldown_cmark::Options;

pub(crate) use highlight::{HIGHLIGHT_PREFIX, syntaxes};
pub(crate) use html::{Alineas, render_cited};
pub(crate) use plain::plain_text;
pub use sanitize::sanitize;
pub(crate) use scan::MAX_HTML_DEPTH;
pub use scan::{Findings, scan};
pub use tags::{RemoteImage, remote_images_in_html};

/// The action a link points at, if it is a cross-reference: `actie:15`,
/// `actie:pilot-x` or `#actie-15`.
pub(crate) fn reference_target(dest: &str) -> Option<&str> {
    dest.strip_prefix("actie:")
        .or_else(|| dest.strip_prefix("#actie-"))
        .map(str::trim)
}

/// A cross-reference that points nowhere, with its byte offset in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The reference as written after `actie:` or `#actie-`.
    pub target: String,
    /// The byte offset of the link in the text.
    pub offset: usize,
}

/// What to do with raw HTML and unsafe links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Clean raw HTML and drop unsafe links (the default).
    #[default]
    Sanitize,
    /// Pass everything through as written (`ruwe_html: true`).
    Allow,
}

pub(crate) use crate::url::{is_remote, is_safe_url};
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}
/// Renders `source` to HTML. `resolve` turns the target of a cross-reference
/// into an href; unresolved targets are returned as [`Broken`] and keep their
/// text without link. Headings are shifted down by `heading_shift` levels so
/// that a `#` in a progress text nests under the page's own headings.
pub fn render(
    source: &str,
    heading_shift: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (String, Vec<Broken>) {
    render_with(source, heading_shift, resolve, RawHtml::Sanitize)
}

/// [`render`], with the choice what to do with raw HTML and unsafe links.
pub fn render_with(
    source: &str,
    heading_shift: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
    raw_html: RawHtml,
) -> (String, Vec<Broken>) {
    render_cited(source, heading_shift, resolve, raw_html, None)
}
#[cfg(test)]
mod tests {

    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn cited_paragraphs_and_list_items_are_numbered_in_order() {
        let alineas = Alineas {
            label: "3/4",
            anker: "actie-3",
        };
        let source = "Eerste.\n\n- een\n- twee\n  - diep\n\n> Geciteerd.\n\n1. los\n\n   tweede deel\n\nLaatste.\n";
        let (html, _) = render_cited(source, 0, &none, RawHtml::Sanitize, Some(&alineas));
        let refs: Vec<&str> = html
            .match_indices("<span class=\"alinea__ref\">")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                &rest[..rest.find('<').unwrap()]
            })
            .collect();
        assert_eq!(
            refs,
            [
                "3/4.1", "3/4.2", "3/4.3", "3/4.4", "3/4.5", "3/4.6", "3/4.7"
            ],
            "{html}"
        );
        assert!(
            html.contains("<p id=\"actie-3_1\" class=\"alinea\">"),
            "{html}"
        );
        assert!(
            html.contains("<li id=\"actie-3_4\" class=\"alinea\">"),
            "{html}"
        );
        // The paragraphs of a loose list item are cited by the item.
        assert!(html.contains("<p>tweede deel</p>"), "{html}");
        assert!(html.contains("<p id=\"actie-3_7\" class=\"alinea\"><span class=\"alinea__ref\">3/4.7</span> Laatste.</p>"), "{html}");
        // Without citing, nothing changes.
        let (plain, _) = render_with(source, 0, &none, RawHtml::Sanitize);
        assert!(!plain.contains("alinea"), "{plain}");
        // The sanitizer keeps the references when raw HTML is cleaned.
        let (raw, _) = render_cited(
            "Met <b>html</b>.\n\n- punt\n",
            0,
            &none,
            RawHtml::Sanitize,
            Some(&alineas),
        );
        assert!(
            raw.contains("<p id=\"actie-3_1\" class=\"alinea\">"),
            "{raw}"
        );
        assert!(
            raw.contains("<li id=\"actie-3_2\" class=\"alinea\">"),
            "{raw}"
        );
    }

    #[test]
    fn renders_tables_footnotes_and_strikethrough() {
        let (html, _) = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ tekst[^1]\n\n[^1]: noot\n",
            0,
            &none,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>weg</del>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn aligned_table_columns_get_classes_not_styles() {
        let (html, _) = render(
            "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 | 7 | 8 |\n",
            0,
            &none,
        );
        assert!(!html.contains("style="), "{html}");
        assert!(
            html.contains("<th class=\"uitlijnen-links\">a</th>"),
            "{html}"
        );
        assert!(
            html.contains("<th class=\"uitlijnen-midden\">b</th>"),
            "{html}"
        );
        assert!(
            html.contains("<th class=\"uitlijnen-rechts\">c</th>"),
            "{html}"
        );
        assert!(html.contains("<th>d</th>"), "{html}");
        assert!(
            html.contains("<td class=\"uitlijnen-rechts\">7</td>"),
            "{html}"
        );
        assert!(html.contains("<td>8</td>"), "{html}");
        assert_eq!(
            html.matches("<td class=\"uitlijnen-links\">").count(),
            2,
            "{html}"
        );
    }

    #[test]
    fn highlights_code_with_classes_not_styles() {
        let (html, _) = render("```rust\nfn main() {}\n```\n", 0, &none);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        let (plain, _) = render("```onbekend\n<x>\n```\n", 0, &none);
        assert!(plain.contains("&lt;x&gt;"), "{plain}");
    }

    #[test]
    fn resolves_and_reports_cross_references() {
        let resolve = |t: &str| (t == "15").then(|| "actielijn-2.html#actie-15".to_string());
        let (html, broken) = render(
            "Zie [actie 15](actie:15) en [actie 99](#actie-99).",
            0,
            &resolve,
        );
        assert!(
            html.contains("<a href=\"actielijn-2.html#actie-15\">actie 15</a>"),
            "{html}"
        );
        assert!(html.contains(" en actie 99."), "{html}");
        assert_eq!(
            broken,
            vec![Broken {
                target: "99".into(),
                offset: 28
            }]
        );
    }

    const HOSTILE: &str = "Tekst <script>alert(1)</script> en <img src=\"x.png\" onerror=\"alert(2)\">\n\n\
        <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">klik</a> <b>vet</b>\n\n\
        [md](javascript:alert(5)) [MD](JaVaScRiPt:alert(6)) ![plaatje](data:text/html;base64,PHNjcmlwdD4=) \
        <javascript:alert(7)> [goed](https://example.org) [anker](#x) [pad](a/b.html) [post](mailto:a@b.nl)\n\n\
        <div style=\"background:url(javascript:alert(8))\">blok</div>\n";

    fn assert_harmless(html: &str) {
        let lower = html.to_ascii_lowercase();
        // As text (a dropped autolink's) `javascript:` is harmless; in an
        // attribute it is not.
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "=\"javascript:",
            "url(javascript",
            "=\"data:",
            "style=\"back",
        ] {
            assert!(!lower.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn raw_html_and_unsafe_links_are_sanitized_by_default() {
        let (html, _) = render(HOSTILE, 0, &none);
        assert_harmless(&html);
        // What is harmless stays.
        assert!(html.contains("<b>vet</b>"), "{html}");
        assert!(html.contains("<img src=\"x.png\">"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">goed</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"#x\">anker</a>"), "{html}");
        assert!(html.contains("<a href=\"a/b.html\">pad</a>"), "{html}");
        assert!(
            html.contains("<a href=\"mailto:a@b.nl\">post</a>"),
            "{html}"
        );
        // A dropped link keeps its text.
        assert!(html.contains("md MD"), "{html}");
        let findings = scan(HOSTILE);
        assert_eq!(findings.raw_html.len(), 8, "{findings:?}");
        let urls: Vec<&str> = findings
            .unsafe_links
            .iter()
            .map(|(u, _)| u.as_str())
            .collect();
        assert_eq!(
            urls,
            vec![
                "javascript:alert(5)",
                "JaVaScRiPt:alert(6)",
                "data:text/html;base64,PHNjcmlwdD4=",
                "javascript:alert(7)"
            ]
        );
    }

    #[test]
    fn unsafe_links_are_dropped_even_without_raw_html() {
        let (html, _) = render(
            "[x](javascript:alert(1)) en [y]( java\tscript:alert(1))",
            0,
            &none,
        );
        assert_harmless(&html);
        assert!(!html.contains("<a"), "{html}");
    }

    #[test]
    fn raw_html_passes_when_allowed() {
        let (html, _) = render_with(HOSTILE, 0, &none, RawHtml::Allow);
        assert!(html.contains("<script>alert(1)</script>"), "{html}");
        assert!(html.contains("href=\"javascript:alert(5)\""), "{html}");
    }

    #[test]
    fn sanitizing_keeps_what_markdown_produces() {
        let text = "<b>x</b>\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~weg~~ tekst[^1]\n\n[^1]: noot\n\n```rust\nfn main() {}\n```\n";
        let (clean, _) = render(text, 0, &none);
        let (raw, _) = render_with(text, 0, &none, RawHtml::Allow);
        for kept in [
            "<table>",
            "<del>weg</del>",
            "class=\"footnote-definition\"",
            "class=\"footnote-reference\"",
            "<pre class=\"code\" data-taal=\"rust\">",
            "<span class=\"hl-source hl-rust\">",
        ] {
            assert!(raw.contains(kept), "{kept} not in the raw render: {raw}");
            assert!(clean.contains(kept), "{kept} lost by sanitizing: {clean}");
        }
        assert!(clean.contains("<th class=\"uitlijnen-links\">"), "{clean}");
        assert!(clean.contains("<td class=\"uitlijnen-rechts\">"), "{clean}");
        // Without raw HTML nothing is re-serialized: the output is as
        // pulldown-cmark writes it.
        let plain = text.replace("<b>x</b>\n\n", "");
        assert_eq!(
            render(&plain, 0, &none).0,
            render_with(&plain, 0, &none, RawHtml::Allow).0
        );
    }

    #[test]
    fn safe_urls() {
        for url in [
            "https://x.nl",
            "http://x",
            "mailto:a@b",
            "tel:+31",
            "#a",
            "a/b:c",
            "/x",
            "?q=1",
            "",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
        for url in [
            "javascript:x",
            " JAVASCRIPT:x",
            "java\tscript:x",
            "data:x",
            "vbscript:x",
            "file:///etc",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
    }

    #[test]
    fn shifts_headings() {
        let (html, _) = render("# Kop\n\ntekst", 3, &none);
        assert!(html.starts_with("<h4>Kop</h4>"), "{html}");
    }

    /// The fuzzer's finding (fuzz/fuzz_targets/markdown.rs): a text that only
    /// says `javascript:` is shown as text, sanitized or not; only a link or
    /// a source may not point there.
    #[test]
    fn javascript_as_plain_text_stays_text() {
        for raw in [RawHtml::Sanitize, RawHtml::Allow] {
            let (html, _) = render_with("javascript:", 2, &none, raw);
            assert_eq!(html.trim(), "<p>javascript:</p>");
        }
        // The second finding: an unclosed tag is text, its `<` escaped.
        let (html, _) = render_with("<src=\"javascript:", 2, &none, RawHtml::Sanitize);
        assert!(html.starts_with("<p>&lt;src="), "{html}");
        assert!(!html.contains("<src"), "{html}");
    }
}
