//! Small helpers for text that several modules share, written once: HTML
//! escaping for the HTML the code writes itself (tera has its own escape
//! function, see `render::environment`), a path as the `/`-separated text
//! that diagnostics, manifests and data show, and whether stderr gets colour.

use std::io::IsTerminal;
use std::path::Path;

/// `text` escaped for HTML text and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// Whether `text` holds a control character other than a line break or a
/// tab (`char::is_control`: U+0000–U+001F, U+007F–U+009F), read by bytes:
/// the ones above U+007F are `C2 80`–`C2 9F` in UTF-8. Blocks of bytes
/// without a suspect byte are passed over at once (the compiler checks a
/// block in a few vector instructions); a block with one is read byte by
/// byte.
pub(crate) fn has_stray_control(text: &str) -> bool {
    const BLOCK: usize = 32;
    let bytes = text.as_bytes();
    let suspect =
        |b: u8| u8::from((b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2);
    let exact = |i: usize| {
        let b = bytes[i];
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    };
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(0u8, |any, &b| any | suspect(b)) != 0
            && (n * BLOCK..n * BLOCK + block.len()).any(exact)
    })
}

/// `path` with `/` between its parts on every platform.
pub(crate) fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Whether diagnostics on stderr are drawn in colour: only on a terminal,
/// and never with `NO_COLOR` set.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_by_bytes_as_by_characters() {
        for (c, pad) in (0u32..0x3000)
            .filter_map(char::from_u32)
            .flat_map(|c| [(c, 0), (c, 30), (c, 31), (c, 33)])
        {
            let text = format!("{}a{c}é", "x".repeat(pad));
            let by_chars = text.contains(|c: char| c.is_control() && !matches!(c, '\n' | '\t'));
            assert_eq!(has_stray_control(&text), by_chars, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn escapes_what_html_needs() {
        assert_eq!(escape_html("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(slash_path(Path::new("a/b.md")), "a/b.md");
    }
}
