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
    fn escapes_what_html_needs() {
        assert_eq!(escape_html("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(slash_path(Path::new("a/b.md")), "a/b.md");
    }
}
