//! Splitting a page into its YAML front matter and its Markdown body.

use crate::error::Problem;

/// A page split into its parts. Line numbers are 1-based and refer to the file
/// as the editor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The line on which the YAML starts (the line after the opening `---`).
    pub yaml_line: usize,
    /// The byte offset in the text where the YAML starts; the closing `---`
    /// starts at `yaml_start + yaml.len()`.
    pub yaml_start: usize,
    pub body: &'a str,
    /// The line on which the body starts.
    pub body_line: usize,
    /// The byte offset in the text where the body starts.
    pub body_start: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// Splits `text` (already without BOM) at its `---` fences. The error carries
/// the 1-based line it refers to.
pub fn split(text: &str) -> Result<Split<'_>, (Problem, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
