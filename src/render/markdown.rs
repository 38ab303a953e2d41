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

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of the CSS classes syntect emits (`hl-keyword`, …).
pub(crate) const HIGHLIGHT_PREFIX: &str = "hl-";

pub(crate) fn syntaxes() -> &'static SyntaxSet {
    // Loaded on first use only: most editions have no code at all.
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

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
    pub target: String,
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

pub use crate::url::{is_remote, is_safe_url};

/// What a Markdown text holds that the sanitizer deals with, by byte offset:
/// raw HTML other than comments, links or images with an unsafe URL, images
/// from another host, and where raw HTML nests deeper than
/// `MAX_HTML_DEPTH`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    pub raw_html: Vec<usize>,
    pub unsafe_links: Vec<(String, usize)>,
    pub remote_images: Vec<(String, usize)>,
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
struct Depth {
    level: usize,
}

impl Depth {
    /// Takes in `fragment`; true when the limit is passed.
    fn feed(&mut self, fragment: &str) -> bool {
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

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Finds raw HTML and unsafe links without rendering.
/// The text a reader reads in a Markdown text, without markup: links and
/// emphasis as their text, images as their alternative text, raw HTML tags
/// left out, a paragraph, heading, list item, table row or code block per
/// line and a blank line between blocks. Spaces are kept as written (runs of
/// spaces and line breaks inside a paragraph become one space). For
/// comparing editions as readers see them.
pub(crate) fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let block_end = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    let mut item_depth = 0usize;
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
                for c in text.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            out.push(' ');
                        }
                        last_space = true;
                    } else {
                        out.push(c);
                        last_space = false;
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak
                if !out.ends_with([' ', '\n']) && !out.is_empty() =>
            {
                out.push(' ');
            }
            Event::FootnoteReference(label) => {
                out.push('[');
                out.push_str(&label);
                out.push(']');
            }
            Event::Start(Tag::Item) => {
                item_depth += 1;
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("• ");
            }
            Event::End(TagEnd::Item) => item_depth = item_depth.saturating_sub(1),
            Event::Start(Tag::TableCell) if !out.ends_with(['\n', ' ']) && !out.is_empty() => {
                out.push_str(" | ");
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            Event::End(TagEnd::Paragraph) if item_depth > 0 => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => block_end(&mut out),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                out.push('[');
                out.push_str(&label);
                out.push_str("] ");
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

pub fn scan(source: &str) -> Findings {
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

/// An image from another host in HTML (see [`remote_images_in_html`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteImage {
    /// The whole tag, from its `<` to after its `>`.
    pub tag: std::ops::Range<usize>,
    /// The address, character references decoded.
    pub src: String,
    /// The `src` and `alt` values as written (references not decoded).
    pub src_written: std::ops::Range<usize>,
    pub alt_written: Option<std::ops::Range<usize>>,
}

/// The images from another host in raw HTML, as a browser reads the tags:
/// every `<img>` (or `<image>`, which browsers read as `<img>`) whose `src`
/// is remote ([`is_remote`], character references decoded). Tags in any case,
/// quoted, single-quoted or unquoted values, `/` between attributes; the
/// first of a repeated attribute counts. Comments and the text of
/// `<script>`, `<style>`, `<textarea>` and the like are skipped, as a
/// browser does. Linear in the length of `html`.
pub fn remote_images_in_html(html: &str) -> Vec<RemoteImage> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + at;
        let rest = &bytes[start + 1..];
        i = start + 1;
        if rest.starts_with(b"!--") {
            i = comment_end(bytes, start + 4);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_at = start + 1 + usize::from(end_tag);
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let tag = read_tag(html, name_at);
        i = tag.end;
        if end_tag {
            continue;
        }
        if matches!(tag.name.as_str(), "img" | "image")
            && let Some(written) = tag.src
        {
            let src = decode_references(&html[written.clone()]);
            if is_remote(&src) {
                out.push(RemoteImage {
                    tag: start..tag.end,
                    src,
                    src_written: written,
                    alt_written: tag.alt,
                });
            }
        }
        if let Some(raw) = RAW_TEXT.iter().find(|r| **r == tag.name) {
            i = raw_text_end(bytes, i, raw.as_bytes());
        }
    }
    out
}

/// Elements whose content a browser reads as text, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Where a comment whose `<!--` ends before `from` ends: after `-->` or
/// `--!>`; `<!-->` and `<!--->` are empty comments; unclosed, the end.
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    (0..rest.len())
        .find_map(|k| {
            let r = &rest[k..];
            (r.starts_with(b"-->").then_some(3))
                .or_else(|| r.starts_with(b"--!>").then_some(4))
                .map(|len| from + k + len)
        })
        .unwrap_or(bytes.len())
}

/// After the text of a raw-text element `name` that starts at `from`: at its
/// end tag `</name` (any case), or the end.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    if name == b"plaintext" {
        return bytes.len();
    }
    let mut k = from;
    while let Some(at) = bytes[k..].windows(2).position(|w| w == b"</") {
        let candidate = k + at;
        let after = candidate + 2;
        let closes = bytes
            .get(after..after + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes
                .get(after + name.len())
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>');
        if closes {
            return candidate;
        }
        k = candidate + 2;
    }
    bytes.len()
}

/// A tag read from its name on: the name in lower case, where the values
/// of its first `src` and `alt` are, and the byte after its `>` (or the end).
struct ReadTag {
    name: String,
    src: Option<std::ops::Range<usize>>,
    alt: Option<std::ops::Range<usize>>,
    end: usize,
}

/// Reads a tag as the HTML tokenizer does, from the first letter of its name.
fn read_tag(html: &str, from: usize) -> ReadTag {
    let bytes = html.as_bytes();
    let separator = |b: u8| b.is_ascii_whitespace() || b == b'/' || b == b'>';
    let mut i = from;
    while i < bytes.len() && !separator(bytes[i]) {
        i += 1;
    }
    let name = html[from..i].to_ascii_lowercase();
    let mut src = None;
    let mut alt = None;
    let mut seen_src = false;
    let mut seen_alt = false;
    loop {
        // Before an attribute name: spaces and `/` are skipped.
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            let end = (i + 1).min(bytes.len());
            return ReadTag {
                name,
                src,
                alt,
                end,
            };
        }
        // The name: a leading `=` belongs to it.
        let name_start = i;
        i += 1;
        while i < bytes.len() && !separator(bytes[i]) && bytes[i] != b'=' {
            i += 1;
        }
        let attribute = &html[name_start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            seen_src |= attribute.eq_ignore_ascii_case("src");
            seen_alt |= attribute.eq_ignore_ascii_case("alt");
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let start = i + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |e| start + e);
                i = (end + 1).min(bytes.len());
                start..end
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                start..i
            }
        };
        if !seen_src && attribute.eq_ignore_ascii_case("src") {
            seen_src = true;
            src = Some(value);
        } else if !seen_alt && attribute.eq_ignore_ascii_case("alt") {
            seen_alt = true;
            alt = Some(value);
        }
    }
}

/// `value` with its character references decoded: numeric ones (`&#58;`,
/// `&#x2F`, the `;` optional) and the named ones that make or hide an address
/// (`&colon;`, `&sol;`, `&bsol;`, `&Tab;`, `&NewLine;`, `&amp;`, `&period;`).
/// Others stay as written.
fn decode_references(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    const NAMED: &[(&str, char)] = &[
        ("colon;", ':'),
        ("sol;", '/'),
        ("bsol;", '\\'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("amp;", '&'),
        ("period;", '.'),
    ];
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(number) = after.strip_prefix('#') {
            let (hex, digits) = match number.strip_prefix(['x', 'X']) {
                Some(hex) => (true, hex),
                None => (false, number),
            };
            let len = digits
                .bytes()
                .take_while(|b| {
                    if hex {
                        b.is_ascii_hexdigit()
                    } else {
                        b.is_ascii_digit()
                    }
                })
                .count();
            if len > 0 {
                let significant = digits[..len].trim_start_matches('0');
                let code = match significant.len() {
                    0 => None,
                    1..=8 => u32::from_str_radix(significant, if hex { 16 } else { 10 }).ok(),
                    _ => None,
                };
                out.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
                let tail = &digits[len..];
                rest = tail.strip_prefix(';').unwrap_or(tail);
                continue;
            }
        } else if let Some((name, c)) = NAMED.iter().find(|(n, _)| after.starts_with(n)) {
            out.push(*c);
            rest = &after[name.len()..];
            continue;
        }
        out.push('&');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The ammonia configuration: its defaults, plus the attributes Markdown and
/// the highlighter produce.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .link_rel(None)
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .add_tag_attributes("span", ["class"])
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("pre", ["class", "data-taal"])
            .add_tag_attributes("sup", ["class"])
            .add_tag_attributes("div", ["class", "id"])
            .add_tag_attributes("li", ["id", "class"])
            // Paragraph references of a review copy (`render_cited`).
            .add_tag_attributes("p", ["id", "class"])
            .add_tag_attributes("ol", ["start"])
            // Column alignment is a class (see `aligned_cell`), never a
            // style attribute, which a strict Content-Security-Policy blocks.
            .add_tag_attributes("th", ["class"])
            .add_tag_attributes("td", ["class"]);
        builder
    })
}

/// Cleans an HTML fragment with the sanitizer's rules.
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let token = lang.split([',', ' ']).next().unwrap_or_default();
    let Some(syntax) = (!token.is_empty())
        .then(|| set.find_syntax_by_token(token))
        .flatten()
    else {
        return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed {
            prefix: HIGHLIGHT_PREFIX,
        },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
        }
    }
    format!(
        "<pre class=\"code\" data-taal=\"{}\"><code>{}</code></pre>\n",
        escape(token),
        generator.finalize()
    )
}

/// [`highlight`], once per distinct (language, code): a block that recurs
/// across progress texts (a data sample, a command) is highlighted once per
/// process and then copied. Plain blocks are only escaped, so not kept.
fn highlight_once(code: &str, lang: &str) -> String {
    type Cache = Mutex<HashMap<(String, String), String>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    if lang.trim().is_empty() {
        return highlight(code, lang);
    }
    let cache = CACHE.get_or_init(Cache::default);
    let key = (lang.to_string(), code.to_string());
    if let Some(html) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return html;
    }
    let html = highlight(code, lang);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, html.clone());
    }
    html
}

use crate::text::escape_html as escape;

/// The start tag of a table cell whose column is aligned: a class instead of
/// pulldown-cmark's `style="text-align: …"`, which a Content-Security-Policy
/// without `'unsafe-inline'` blocks. The theme styles the classes.
fn aligned_cell(head: bool, alignment: Alignment) -> Option<String> {
    let class = match alignment {
        Alignment::None => return None,
        Alignment::Left => "uitlijnen-links",
        Alignment::Center => "uitlijnen-midden",
        Alignment::Right => "uitlijnen-rechts",
    };
    let tag = if head { "th" } else { "td" };
    Some(format!("<{tag} class=\"{class}\">"))
}

fn shift(level: HeadingLevel, by: usize) -> HeadingLevel {
    let n = (level as usize + by).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
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

/// How the paragraphs of a progress text are cited in a review copy: every
/// paragraph outside a list item and every list item (at any depth) is
/// numbered from 1 in reading order, gets the id `{anker}_{n}` and shows
/// `{label}.{n}` ("15.2", "3/4.1", "pilot-x.3"). Anchors and ids of actions
/// hold no `_` (nor do the theme's own ids), so these ids are unique in a
/// page; a `.` would read better but is no valid id for html-validate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Alineas<'a> {
    /// What a reviewer writes: the action's label or, for an extra action,
    /// its id.
    pub label: &'a str,
    /// The action's (first) anchor, `actie-15`.
    pub anker: &'a str,
}

impl Alineas<'_> {
    /// The id and the visible reference of block `n`.
    pub(crate) fn of(&self, n: usize) -> (String, String) {
        (format!("{}_{n}", self.anker), format!("{}.{n}", self.label))
    }

    fn start(&self, tag: &str, n: usize) -> String {
        let (id, label) = self.of(n);
        format!(
            "<{tag} id=\"{}\" class=\"alinea\"><span class=\"alinea__ref\">{}</span> ",
            escape(&id),
            escape(&label)
        )
    }
}

/// [`render_with`], numbering paragraphs and list items for citing when
/// `alineas` is given.
pub(crate) fn render_cited(
    source: &str,
    heading_shift: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
    raw_html: RawHtml,
    alineas: Option<&Alineas<'_>>,
) -> (String, Vec<Broken>) {
    // List items open around the current event, and blocks numbered so far.
    let mut items = 0usize;
    let mut numbered = 0usize;
    let sanitize_html = raw_html == RawHtml::Sanitize;
    let mut has_raw_html = false;
    let mut depth = Depth::default();
    let mut too_deep = false;
    let mut dropped_images = 0usize;
    let mut broken = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut dropped_links = 0usize;
    // Column alignments of the current table, whether in its head, and the
    // column of the next cell.
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut column = 0usize;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(CowStr::from(highlight_once(text, lang))));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Table(table)) => {
                events.push(Event::Start(Tag::Table(vec![Alignment::None; table.len()])));
                alignments = table;
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
                events.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                events.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                events.push(Event::Start(Tag::TableRow));
            }
            Event::Start(Tag::TableCell) => {
                let alignment = alignments.get(column).copied().unwrap_or(Alignment::None);
                events.push(match aligned_cell(in_head, alignment) {
                    Some(tag) => Event::Html(CowStr::from(tag)),
                    None => Event::Start(Tag::TableCell),
                });
            }
            Event::End(TagEnd::TableCell) => {
                column += 1;
                events.push(Event::End(TagEnd::TableCell));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match reference_target(&dest_url) {
                Some(target) => match resolve(target) {
                    Some(href) => events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(href),
                        title,
                        id,
                    })),
                    None => {
                        broken.push(Broken {
                            target: target.to_string(),
                            offset: range.start,
                        });
                        dropped_links += 1;
                    }
                },
                None if sanitize_html && !is_safe_url(&dest_url) => dropped_links += 1,
                None => events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })),
            },
            Event::End(TagEnd::Link) if dropped_links > 0 => {
                // Pairs with the innermost dropped start: links do not nest.
                dropped_links -= 1;
            }
            Event::Start(Tag::Image { dest_url, .. })
                if sanitize_html && !is_safe_url(&dest_url) =>
            {
                // The alt text stays, as text.
                dropped_images += 1;
            }
            Event::End(TagEnd::Image) if dropped_images > 0 => dropped_images -= 1,
            Event::Html(html) | Event::InlineHtml(html) if sanitize_html => {
                has_raw_html = true;
                too_deep = too_deep || depth.feed(&html);
                events.push(Event::Html(html));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => events.push(Event::Start(Tag::Heading {
                level: shift(level, heading_shift),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                events.push(Event::End(TagEnd::Heading(shift(level, heading_shift))))
            }
            Event::Start(Tag::Item) => {
                items += 1;
                match alineas {
                    Some(alineas) => {
                        numbered += 1;
                        events.push(Event::Html(CowStr::from(alineas.start("li", numbered))));
                    }
                    None => events.push(Event::Start(Tag::Item)),
                }
            }
            Event::End(TagEnd::Item) => {
                items = items.saturating_sub(1);
                events.push(Event::End(TagEnd::Item));
            }
            Event::Start(Tag::Paragraph) if items == 0 && alineas.is_some() => {
                if let Some(alineas) = alineas {
                    numbered += 1;
                    events.push(Event::Html(CowStr::from(alineas.start("p", numbered))));
                }
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if html.contains(|c: char| c.is_control() && !matches!(c, '\n' | '\t')) {
        // From a numeric character reference such as `&#1;`: the loader
        // removed those typed as they are.
        html.retain(|c| !c.is_control() || matches!(c, '\n' | '\t'));
    }
    if too_deep {
        // Reported by `scan` as an error; here only kept from the sanitizer
        // and made harmless.
        html = escape(&html);
    } else if has_raw_html {
        html = sanitize(&html);
    }
    (html, broken)
}

#[cfg(test)]
mod tests {

    #[test]
    fn plain_text_is_what_readers_read() {
        assert_eq!(
            plain_text(
                "Start volgt na afronding onder [actie 11](actie:11).\nMet **nadruk**  en `code`."
            ),
            "Start volgt na afronding onder actie 11. Met nadruk en code."
        );
        assert_eq!(
            plain_text("Eerste alinea.\n\n- een\n- twee\n\nLaatste <b>vet</b>."),
            "Eerste alinea.\n\n• een\n• twee\n\nLaatste vet."
        );
        assert_eq!(plain_text("![Een grafiek](x.png)"), "Een grafiek");
    }
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

    #[test]
    fn remote_images_in_raw_html_are_found_as_a_browser_reads_the_tags() {
        let found = |html: &str| -> Vec<String> {
            remote_images_in_html(html)
                .into_iter()
                .map(|image| image.src)
                .collect()
        };
        for html in [
            "<img src=\"https://x.nl/a.png\">",
            "<IMG SRC='https://x.nl/a.png'>",
            "<img alt=\"a > b\" src=https://x.nl/a.png>",
            "<img/src=\"https://x.nl/a.png\"/>",
            "<img\nalt=x\nsrc = \"https://x.nl/a.png\">",
            "<image src=\"https://x.nl/a.png\">",
            "<img src=\"https&#58;//x.nl/a.png\">",
            "<img src=\"https&colon;&sol;&sol;x.nl/a.png\">",
            "<img src=\"&#x2F;&#x2f;x.nl/a.png\">",
            "<img src=\"ht&Tab;tps://x.nl/a.png\">",
            "<!--><img src=\"https://x.nl/a.png\">",
            "<a title=\"<!--\"><img src=\"https://x.nl/a.png\"> -->",
            "<textarea>x</TEXTAREA ><img src=\"https://x.nl/a.png\">",
        ] {
            let src = found(html);
            assert_eq!(src.len(), 1, "{html}: {src:?}");
            assert!(src[0].ends_with("x.nl/a.png"), "{html}: {src:?}");
        }
        for html in [
            "<img src=\"img/a.png\">",
            "<img alt=\"src=https://x.nl\" src=\"a.png\">",
            "<img src=\"a.png\" src=\"https://x.nl/a.png\">",
            "<imgx src=\"https://x.nl/a.png\">",
            "<a href=\"https://x.nl/\">x</a>",
            "<!-- <img src=\"https://x.nl/a.png\"> -->",
            "<textarea><img src=\"https://x.nl/a.png\"></textarea>",
            "<a title='<img src=\"https://x.nl/a.png\">'>",
            "</img src=\"https://x.nl/a.png\">",
            "<img src=\"https&colonx//x.nl\">",
            "<img src",
            "<img src=",
            "<",
            "<é src=\"https://x\"><img ",
        ] {
            assert!(found(html).is_empty(), "{html}");
        }
        // Where: at the `<` of each tag.
        let html = "<p>één <img src=\"a.png\"> <img src=\"//x.nl/b.png\"></p>";
        let images = remote_images_in_html(html);
        let at = html.rfind("<img").unwrap();
        assert_eq!(images.len(), 1);
        assert_eq!(images[0].tag, at..html.rfind("</p>").unwrap());
        assert_eq!(&html[images[0].src_written.clone()], "//x.nl/b.png");
        assert_eq!(images[0].alt_written, None);
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
