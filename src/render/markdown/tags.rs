//! A reader of the tags of raw HTML, as a browser reads them: finds the
//! images from another host, for the warning at their tag and the annex's
//! links in their place.

use super::is_remote;

/// An image from another host in HTML (see [`remote_images_in_html`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteImage {
    /// The whole tag, from its `<` to after its `>`.
    pub tag: std::ops::Range<usize>,
    /// The address, character references decoded.
    pub src: String,
    /// The `src` and `alt` values as written (references not decoded).
    pub src_written: std::ops::Range<usize>,
    /// The `alt` value as written; None when the tag has no `alt`.
    pub alt_written: Option<std::ops::Range<usize>>,
}

/// The images from another host in raw HTML, as a browser reads the tags:
/// every `<img>` (or `<image>`, which browsers read as `<img>`) whose `src`
/// is remote (`url::is_remote`, character references decoded). Tags in any case,
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
