//! Showing diagnostics to editors, compiler style: path, line and column, the
//! offending line with a marker, the message, and what is allowed.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};

use crate::error::Diagnostic;

/// The byte range to underline: from the column to the end of the line's
/// content.
fn span(text: &str, line: usize, column: usize) -> Option<std::ops::Range<usize>> {
    if line == 0 {
        return None;
    }
    let start_of_line = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)?
    };
    let end_of_line = text[start_of_line..]
        .find('\n')
        .map_or(text.len(), |i| start_of_line + i);
    let content = text[start_of_line..end_of_line].trim_end();
    let start = start_of_line + column.saturating_sub(1).min(content.len());
    let end = (start_of_line + content.len()).max(start);
    Some(start..end)
}

/// Renders `diagnostics` as text, showing lines from `sources` (display path,
/// text). With `color`, uses ANSI colours.
pub fn render(diagnostics: &[Diagnostic], sources: &[(String, String)], color: bool) -> String {
    let mut files = SimpleFiles::new();
    let ids: Vec<(&str, usize)> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), files.add(name.clone(), text.clone())))
        .collect();
    let config = Config::default();
    let mut out = Vec::new();
    {
        let mut writer: Box<dyn codespan_reporting::term::WriteStyle> = if color {
            Box::new(term::termcolor::Ansi::new(&mut out))
        } else {
            Box::new(term::termcolor::NoColor::new(&mut out))
        };
        for diagnostic in diagnostics {
            let location = &diagnostic.location;
            let mut report = Report::error()
                .with_code(diagnostic.problem.code())
                .with_message(diagnostic.problem.to_string());
            let file = ids.iter().find(|(name, _)| *name == location.file);
            let label = file.and_then(|(name, id)| {
                let text = &sources.iter().find(|(n, _)| n == name)?.1;
                span(text, location.line, location.column).map(|range| Label::primary(*id, range))
            });
            match label {
                Some(label) => report = report.with_labels(vec![label]),
                None => report = report.with_notes(vec![format!("in {location}")]),
            }
            if let Some(help) = diagnostic.problem.help() {
                report = report.with_notes(vec![format!("hulp: {help}")]);
            }
            let _ = term::emit_to_write_style(&mut *writer, &config, &files, &report);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// Renders `diagnostics` as an HTML fragment (an `<ol>`), for the browser:
/// per problem its code and message, the place (file, line, column), the
/// offending line with the faulty part marked, and what is allowed. Used by
/// `bijlage serve` to show a failed rebuild.
pub fn render_html(diagnostics: &[Diagnostic], sources: &[(String, String)]) -> String {
    let mut out = String::from("<ol class=\"meldingen\">\n");
    for diagnostic in diagnostics {
        let location = &diagnostic.location;
        out.push_str("<li class=\"melding\">\n");
        out.push_str(&format!(
            "<p class=\"melding__kop\"><span class=\"melding__code\">fout[{}]</span> {}</p>\n",
            diagnostic.problem.code(),
            escape(&diagnostic.problem.to_string())
        ));
        let place = if location.line == 0 {
            format!("<code>{}</code>", escape(&location.file))
        } else {
            format!(
                "<code>{}</code>, regel {}, kolom {}",
                escape(&location.file),
                location.line,
                location.column
            )
        };
        out.push_str(&format!("<p class=\"melding__plaats\">{place}</p>\n"));
        let text = sources
            .iter()
            .find(|(name, _)| *name == location.file)
            .map(|(_, text)| text.as_str());
        if let Some((text, range)) =
            text.and_then(|t| span(t, location.line, location.column).map(|r| (t, r)))
        {
            let start_of_line = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let end_of_line = text[range.end..]
                .find('\n')
                .map_or(text.len(), |i| range.end + i);
            out.push_str(&format!(
                "<pre class=\"melding__bron\"><span class=\"melding__nr\">{}</span>{}<mark>{}</mark>{}</pre>\n",
                location.line,
                escape(&text[start_of_line..range.start]),
                escape(&text[range.clone()]),
                escape(&text[range.end..end_of_line]),
            ));
        }
        if let Some(help) = diagnostic.problem.help() {
            out.push_str(&format!(
                "<p class=\"melding__hulp\">hulp: {}</p>\n",
                escape(&help)
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Location, Problem};

    #[test]
    fn spans_cover_the_value_on_its_line() {
        let text = "---\nstatus: klaar\n---\n";
        assert_eq!(span(text, 2, 9), Some(12..17));
        assert_eq!(&text[12..17], "klaar");
        assert_eq!(span(text, 0, 0), None);
    }

    #[test]
    fn shows_path_line_marker_message_and_help() {
        let sources = vec![(
            "content/a/x.md".to_string(),
            "---\nstatus: klaar\n---\n".to_string(),
        )];
        let diagnostic = Diagnostic::new(
            Location::new("content/a/x.md", 2, 9),
            Problem::UnknownStatus {
                found: "klaar".into(),
            },
        );
        let text = render(&[diagnostic], &sources, false);
        assert!(text.contains("content/a/x.md:2:9"), "{text}");
        assert!(text.contains("status: klaar"), "{text}");
        assert!(text.contains("^^^^^"), "{text}");
        assert!(text.contains("status `klaar` bestaat niet"), "{text}");
        assert!(text.contains("toegestaan: afgerond"), "{text}");
    }

    #[test]
    fn html_shows_place_line_mark_message_and_help() {
        let sources = vec![(
            "content/a/x.md".to_string(),
            "---\nstatus: <klaar>\n---\n".to_string(),
        )];
        let diagnostics = [
            Diagnostic::new(
                Location::new("content/a/x.md", 2, 9),
                Problem::UnknownStatus {
                    found: "<klaar>".into(),
                },
            ),
            Diagnostic::new(
                Location::file("themes/x/templates/index.html"),
                Problem::Template {
                    template: "index.html".into(),
                    message: "kapot".into(),
                },
            ),
        ];
        let html = render_html(&diagnostics, &sources);
        assert!(
            html.contains("<code>content/a/x.md</code>, regel 2, kolom 9"),
            "{html}"
        );
        assert!(
            html.contains(
                "<span class=\"melding__nr\">2</span>status: <mark>&lt;klaar&gt;</mark></pre>"
            ),
            "{html}"
        );
        assert!(
            html.contains("status `&lt;klaar&gt;` bestaat niet"),
            "{html}"
        );
        assert!(html.contains("hulp: toegestaan: afgerond"), "{html}");
        assert!(
            html.contains("<code>themes/x/templates/index.html</code></p>"),
            "{html}"
        );
        assert_eq!(html.matches("<li class=\"melding\">").count(), 2);
    }
}
