//! What the sanitizer will change in a Markdown text, found without
//! rendering: raw HTML, unsafe links, remote images, nesting too deep.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{is_remote, is_safe_url, options, reference_target, remote_images_in_html};

/// What a Markdown text holds that the sanitizer deals with, by byte offset:
/// raw HTML other than comments, links or images with an unsafe URL, images
/// from another host, and where raw HTML nests deeper than
/// `MAX_HTML_DEPTH`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    /// The byte offsets of raw HTML (comments excepted).
    pub raw_html: Vec<usize>,
    /// Each unsafe link or image URL as written, with its byte offset.
    pub unsafe_links: Vec<(String, usize)>,
    /// Each image address from another host, with its byte offset.
    pub remote_images: Vec<(String, usize)>,
    /// Where raw HTML first nests deeper than allowed; None when it never does.
    pub too_deep: Option<usize>,
}

/// How deep raw HTML may nest. The sanitizer's HTML parser slows down
/// sharply with depth (100,000 nested `<div>` took over a minute); real
/// progress texts nest a handful of levels. Text beyond the limit is an
/// error found before the sanitizer runs, and the sanitizer is skipped.
pub(crate) const MAX_HTML_DEPTH: usize = 100;

/// Elements without end tag: they do not nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Follows how deep raw HTML nests across the fragments of one text: a
/// start tag opens a level (unless void or `/>`), an end tag closes one.
/// Deliberately simple and linear: it overestimates for end tags left out
/// (`<p>` without `</p>`), which does not reach the limit in real text.
#[derive(Debug, Default)]
pub(super) struct Depth {
    level: usize,
}

impl Depth {
    /// Takes in `fragment`; true when the limit is passed.
    pub(super) fn feed(&mut self, fragment: &str) -> bool {
        let bytes = fragment.as_bytes();
        let mut i = 0;
        while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
            let start = i + at + 1;
            let Some(&next) = bytes.get(start) else {
                break;
            };
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |e| start + e);
            if next == b'/' {
                self.level = self.level.saturating_sub(1);
            } else if next.is_ascii_alphabetic() {
                let name: String = fragment[start..end]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let self_closing = end > start && bytes[end - 1] == b'/';
                if !self_closing && !VOID.contains(&name.as_str()) {
                    self.level += 1;
                    if self.level > MAX_HTML_DEPTH {
                        return true;
                    }
                }
            }
            i = end.max(start);
        }
        false
    }
}

/// Whether `source` certainly holds no raw HTML, no image and no link other
/// than a cross-reference or to a web address, read from its bytes without
/// parsing: raw HTML and autolinks need a `<`, images a `![`, links by
/// reference a definition `[…]: …`, and an inline link `[…](…)` has its
/// address right after `](`. Most progress texts (plain text with
/// cross-references) are so, and are not parsed for [`scan`] a second time.
fn nothing_to_find(source: &str) -> bool {
    let bytes = source.as_bytes();
    if memchr::memchr(b'<', bytes).is_some()
        || memchr::memmem::find(bytes, b"![").is_some()
        || memchr::memmem::find(bytes, b"]:").is_some()
    {
        return false;
    }
    memchr::memmem::find_iter(bytes, b"](").all(|at| {
        let dest = &source[at + 2..];
        ["actie:", "#actie-", "https://", "http://"]
            .iter()
            .any(|safe| dest.starts_with(safe))
    })
}

/// Finds, without rendering, what the sanitizer will change in a Markdown
/// text: raw HTML, unsafe links, remote images, nesting too deep.
pub fn scan(source: &str) -> Findings {
    if nothing_to_find(source) {
        return Findings::default();
    }
    parsed(source)
}

/// [`scan`] by parsing the text.
fn parsed(source: &str) -> Findings {
    let mut findings = Findings::default();
    let mut depth = Depth::default();
    // The raw HTML written in one run, read as one: a tag may span the lines
    // of an HTML block, and the blocks between which Markdown writes nothing.
    let mut run = HtmlRun::default();
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) => run.push(source, html, range.start),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            _ => run.flush(&mut findings.remote_images),
        }
        match event {
            Event::Html(html) | Event::InlineHtml(html)
                if !html.trim_start().starts_with("<!--") =>
            {
                findings.raw_html.push(range.start);
                if findings.too_deep.is_none() && depth.feed(&html) {
                    findings.too_deep = Some(range.start);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) if is_remote(&dest_url) => {
                findings
                    .remote_images
                    .push((dest_url.to_string(), range.start));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if reference_target(&dest_url).is_none() && !is_safe_url(&dest_url) =>
            {
                findings
                    .unsafe_links
                    .push((dest_url.to_string(), range.start));
            }
            _ => {}
        }
    }
    run.flush(&mut findings.remote_images);
    findings.remote_images.sort_by_key(|(_, offset)| *offset);
    findings
}

/// Consecutive raw HTML fragments of a text, with where each starts in the
/// source (a fragment inside a block quote or list is not a plain slice of
/// the source: it lacks the `>` or indent, and is placed at its start).
#[derive(Debug, Default)]
struct HtmlRun {
    text: String,
    /// (offset in `text`, offset in the source, whether it is the source's
    /// own slice there).
    pieces: Vec<(usize, usize, bool)>,
}

impl HtmlRun {
    fn push(&mut self, source: &str, fragment: &str, at: usize) {
        let exact = source.get(at..at + fragment.len()) == Some(fragment);
        self.pieces.push((self.text.len(), at, exact));
        self.text.push_str(fragment);
    }

    /// Adds the images from another host in the run to `out` (at their
    /// place in the source) and starts a new run.
    fn flush(&mut self, out: &mut Vec<(String, usize)>) {
        if self.text.is_empty() {
            return;
        }
        let maybe_image = (self.text.as_bytes().windows(3))
            .any(|w| w[0] == b'<' && w[1..].eq_ignore_ascii_case(b"im"));
        if maybe_image {
            for image in remote_images_in_html(&self.text) {
                let (offset, src) = (image.tag.start, image.src);
                let piece = self.pieces.partition_point(|p| p.0 <= offset) - 1;
                let (start, at, exact) = self.pieces[piece];
                out.push((src, if exact { at + offset - start } else { at }));
            }
        }
        self.text.clear();
        self.pieces.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_passed_over_have_nothing_to_find() {
        for text in [
            "Zie [actie 3](actie:3) en [de site](https://example.org).",
            "Gewoon tekst [tussen haken] en (ronde) haken! Dat is: klaar.",
        ] {
            assert!(nothing_to_find(text), "{text:?}");
        }
        for text in [
            "[x](javascript:alert(1))",
            "[x]( javascript:alert(1))",
            "![](https://x.nl/a.png)",
            "<b>x</b>",
            "[x][r]\n\n[r]: javascript:y",
            "[x](actie:3) [y](data:z)",
        ] {
            assert!(!nothing_to_find(text), "{text:?}");
            assert_ne!(parsed(text), Findings::default(), "{text:?}");
        }
    }

    const PIECES: &[&str] = &[
        "[",
        "]",
        "(",
        ")",
        "](",
        "![",
        "]:",
        "<",
        ">",
        "actie:3",
        "#actie-4",
        "https://x.nl/a",
        "http:",
        "javascript:x",
        "data:y",
        "//x.nl",
        " ",
        "\n",
        "\n\n",
        "tekst",
        "*",
        "`",
        "\\",
        "    ",
        "> ",
        "- ",
        "^1",
        "&lt;",
        "!",
        ":",
        "<b>",
        "\t",
        "\"t\"",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// A text passed over without parsing has nothing the parse would find.
        #[test]
        fn a_text_passed_over_has_nothing_the_parse_finds(
            picks in proptest::collection::vec(0..PIECES.len(), 0..30)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            if nothing_to_find(&text) {
                proptest::prop_assert_eq!(parsed(&text), Findings::default(), "{:?}", text);
            }
        }
    }

    #[test]
    fn scan_places_a_remote_raw_html_image_at_its_tag() {
        let source = "Tekst <img src=\"https://x.nl/a.png\"> en\n\n<div>\n<p>x <img\n  src=\"//x.nl/b.png\"></p>\n</div>\n\n> <img src=\"https://x.nl/c.png\">\n\n![](https://x.nl/d.png)\n";
        let images = scan(source).remote_images;
        let at = |needle: &str| source.find(needle).unwrap();
        assert_eq!(
            images,
            [
                ("https://x.nl/a.png".to_string(), at("<img src=\"https")),
                ("//x.nl/b.png".to_string(), at("<img\n")),
                (
                    "https://x.nl/c.png".to_string(),
                    at("<img src=\"https://x.nl/c")
                ),
                ("https://x.nl/d.png".to_string(), at("![]")),
            ]
        );
    }
}
