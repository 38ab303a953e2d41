//! Editing an action file in place: the value of `status:` and the body
//! replaced, every other byte as it was.

use crate::content::frontmatter;
use crate::error::Problem;
use crate::model::Status;

/// Where in `text` (a page, BOM already off) the value of the top-level
/// `status:` key is: the byte range of the value, inside quotes if quoted.
pub(crate) fn status_span(text: &str) -> Option<std::ops::Range<usize>> {
    let split = frontmatter::split(text).ok()?;
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let mut offset = yaml_start;
    for line in split.yaml.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix("status:") else {
            continue;
        };
        let content = rest.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start_matches([' ', '\t']).len();
        let value = &content[lead..];
        let value_start = start + "status:".len() + lead;
        let (inner_start, inner_len) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = value[1..].find(q)?;
                (value_start + 1, close)
            }
            _ => {
                // Up to a comment or the end of the line.
                let end = value
                    .find(" #")
                    .or_else(|| value.find("\t#"))
                    .unwrap_or(value.len());
                (value_start, value[..end].trim_end().len())
            }
        };
        if inner_len == 0 {
            return None;
        }
        return Some(inner_start..inner_start + inner_len);
    }
    None
}

/// `raw` (a page's bytes) with the status value and/or the body replaced;
/// every other byte as it was. The new body gets the file's line ends.
pub fn edit(raw: &[u8], status: Option<Status>, body: Option<&str>) -> Result<Vec<u8>, Problem> {
    let raw = std::str::from_utf8(raw).map_err(|_| Problem::NotUtf8)?;
    let bom = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &raw[bom..];
    let split = frontmatter::split(text).map_err(|(problem, _)| problem)?;
    let body_start = bom + text.len() - split.body.len();
    let mut out = String::with_capacity(raw.len() + body.map_or(0, str::len));
    let head = &raw[..body_start];
    match status {
        Some(status) => {
            let span = status_span(text).ok_or(Problem::StatusLineNotFound)?;
            out.push_str(&head[..bom + span.start]);
            out.push_str(status.key());
            out.push_str(&head[bom + span.end..]);
        }
        None => out.push_str(head),
    }
    match body {
        Some(body) => {
            let crlf = head.ends_with("\r\n");
            let mut new = body.trim_end().to_string();
            new.push('\n');
            if crlf {
                new = new.replace('\n', "\r\n");
            }
            out.push_str(&new);
        }
        None => out.push_str(&raw[body_start..]),
    }
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\n# opmerking\nnummer: 15\ntitel: \"Titel\"\nstatus: in-uitvoering   # bijgewerkt\njaren: [2024]\n---\nOude tekst.\n";

    #[test]
    fn finds_the_status_value() {
        let span = status_span(PAGE).unwrap();
        assert_eq!(&PAGE[span], "in-uitvoering");
        let quoted = "---\nstatus: \"afgerond\"\n---\n";
        assert_eq!(&quoted[status_span(quoted).unwrap()], "afgerond");
        // A key that merely ends in `status` is not it.
        assert_eq!(status_span("---\nxstatus: a\n---\n"), None);
        assert_eq!(status_span("---\n  status: a\n---\n"), None);
    }

    #[test]
    fn edits_only_the_status_value_and_the_body() {
        let new = edit(
            PAGE.as_bytes(),
            Some(Status::Afgerond),
            Some("Nieuw.\n\n- a\n- b"),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(new).unwrap(),
            "---\n# opmerking\nnummer: 15\ntitel: \"Titel\"\nstatus: afgerond   # bijgewerkt\njaren: [2024]\n---\nNieuw.\n\n- a\n- b\n"
        );
        let status_only = edit(PAGE.as_bytes(), Some(Status::Vertraging), None).unwrap();
        assert_eq!(
            String::from_utf8(status_only).unwrap(),
            PAGE.replace("in-uitvoering ", "vertraging ")
        );
    }

    #[test]
    fn keeps_bom_and_windows_line_ends() {
        let page = format!("\u{feff}{}", PAGE.replace('\n', "\r\n"));
        let new = edit(
            page.as_bytes(),
            Some(Status::Afgerond),
            Some("Een.\n\nTwee."),
        )
        .unwrap();
        let expected = format!(
            "\u{feff}{}",
            PAGE.replace("in-uitvoering", "afgerond")
                .replace("Oude tekst.\n", "Een.\n\nTwee.\n")
                .replace('\n', "\r\n")
        );
        assert_eq!(String::from_utf8(new).unwrap(), expected);
    }

    #[test]
    fn no_status_line_is_an_error() {
        let page = "---\nnummer: 1\n---\nTekst\n";
        assert_eq!(
            edit(page.as_bytes(), Some(Status::Afgerond), None),
            Err(Problem::StatusLineNotFound)
        );
    }
}
