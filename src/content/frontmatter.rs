//! Splitting a page into its YAML front matter and its Markdown body.

use crate::error::Problem;

/// A page split into its parts. Line numbers are 1-based and refer to the file
/// as the editor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    pub(crate) yaml: &'a str,
    /// The line on which the YAML starts (the line after the opening `---`).
    pub(crate) yaml_line: usize,
    /// The byte offset in the text where the YAML starts; the closing `---`
    /// starts at `yaml_start + yaml.len()`.
    pub(crate) yaml_start: usize,
    pub(crate) body: &'a str,
    /// The line on which the body starts.
    pub(crate) body_line: usize,
    /// The byte offset in the text where the body starts.
    pub(crate) body_start: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// Splits `text` (already without BOM) at its `---` fences. The error carries
/// the 1-based line it refers to.
pub(crate) fn split(text: &str) -> Result<Split<'_>, (Problem, usize)> {
    if text.trim().is_empty() {
        return Err((Problem::EmptyFile, 1));
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if !is_fence(&text[..first_end]) {
        return Err((Problem::NoFrontMatter, 1));
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if is_fence(&text[offset..end]) {
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_line: 2,
                yaml_start: first_end,
                body: &text[end..],
                body_line: line + 1,
                body_start: end,
            });
        }
        offset = end;
        line += 1;
    }
    Err((Problem::UnclosedFrontMatter, 1))
}

/// How deep `[…]` and `{…}` may nest in front matter. The YAML parser takes
/// time quadratic in the depth before its own recursion limit stops it
/// (100,000 levels took 34 seconds); front matter nests three levels.
pub(crate) const MAX_YAML_DEPTH: usize = 32;

/// The byte offset in `yaml` of the bracket that nests deeper than
/// [`MAX_YAML_DEPTH`], if one does. Linear, and found before the YAML
/// parser runs. Brackets inside quoted texts and comments do not count; a
/// quote opens a text only where a value can start, so an apostrophe in a
/// plain text does not hide the brackets after it.
pub(crate) fn too_deep(yaml: &str) -> Option<usize> {
    // No deeper than there are brackets: most front matters have a few.
    if memchr::memchr2_iter(b'[', b'{', yaml.as_bytes()).count() <= MAX_YAML_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    // The last byte that was not a space: where a quoted text may start.
    let mut before = b'\n';
    let bytes = yaml.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' && q == b'"' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\''
                    if matches!(before, b'\n' | b':' | b'[' | b'{' | b',' | b'-' | b'?') =>
                {
                    quote = Some(b)
                }
                b'#' if matches!(before, b'\n') || bytes.get(i.wrapping_sub(1)) == Some(&b' ') => {
                    i += bytes[i..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .unwrap_or(bytes.len() - i);
                    before = b'\n';
                    continue;
                }
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_YAML_DEPTH {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        if b == b'\n' && quote.is_none() {
            before = b'\n';
        } else if b != b' ' && b != b'\t' {
            before = b;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_nested_too_deep_are_found_before_parsing() {
        let deep = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(too_deep(&deep), Some(3 + MAX_YAML_DEPTH));
        let fine = "a: [1, {b: [2]}]\ntitel: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n";
        assert_eq!(too_deep(fine), None);
        // An apostrophe inside a plain text does not open a quote.
        let sneaky = format!("a: Mensen's {}\n", "[".repeat(40));
        assert!(too_deep(&sneaky).is_some());
        // A comment does not count.
        assert_eq!(too_deep(&format!("a: 1 # {}\n", "[".repeat(40))), None);
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\na: 1\nb: 2\n---\nTekst\n").unwrap();
        assert_eq!(s.yaml, "a: 1\nb: 2\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "Tekst\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn accepts_crlf_and_trailing_spaces_on_fences() {
        let s = split("--- \r\na: 1\r\n---\r\nTekst\r\n").unwrap();
        assert_eq!(s.yaml, "a: 1\r\n");
        assert_eq!(s.body, "Tekst\r\n");
    }

    #[test]
    fn empty_body_without_final_newline() {
        let s = split("---\na: 1\n---").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert_eq!(split("Tekst\n"), Err((Problem::NoFrontMatter, 1)));
        assert_eq!(split("---\na: 1\n"), Err((Problem::UnclosedFrontMatter, 1)));
        assert_eq!(split("  \n"), Err((Problem::EmptyFile, 1)));
    }

    #[test]
    fn a_fence_inside_the_body_is_body() {
        let s = split("---\na: 1\n---\nx\n---\ny\n").unwrap();
        assert_eq!(s.body, "x\n---\ny\n");
    }
}
