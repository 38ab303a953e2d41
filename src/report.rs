//! Showing diagnostics to editors, compiler style: path, line and column, the
//! offending line with a marker, the message, and what is allowed. Also as
//! JSON, for pipelines (schema in the README).

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

use crate::error::{Diagnostic, Severity};

/// codespan-reporting writes its severities in English: "error[code]" and
/// "warning[code]" at the start of a line (after colour codes) become
/// "fout[code]" and "waarschuwing[code]".
fn dutch_severities(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        // Skip leading ANSI escape sequences (ESC [ … letter).
        let mut start = 0;
        while line[start..].starts_with('\u{1b}') {
            match line[start..].find(|c: char| c.is_ascii_alphabetic()) {
                Some(i) => start += i + 1,
                None => break,
            }
        }
        let rest = &line[start..];
        let translated = [("error[", "fout["), ("warning[", "waarschuwing[")]
            .iter()
            .find_map(|(en, nl)| rest.strip_prefix(en).map(|tail| format!("{nl}{tail}")));
        match translated {
            Some(tail) => {
                out.push_str(&line[..start]);
                out.push_str(&tail);
            }
            None => out.push_str(line),
        }
    }
    out
}

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
            let report = match diagnostic.severity {
                Severity::Error => Report::error(),
                Severity::Warning => Report::warning(),
            };
            let mut report = report
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
    dutch_severities(&String::from_utf8_lossy(&out))
}

/// One diagnostic in the JSON report.
#[derive(Debug, Serialize)]
pub struct Melding<'a> {
    /// The file as shown to editors, e.g. `content/actielijn-2/15-x.md`.
    pub bestand: &'a str,
    /// 1-based; `null` when the problem concerns the file as a whole.
    pub regel: Option<usize>,
    /// 1-based, in characters; `null` with `regel`.
    pub kolom: Option<usize>,
    /// A stable identifier of the kind of problem.
    pub code: &'static str,
    /// What is wrong, in Dutch.
    pub melding: String,
    /// What is allowed or how to fix it, if known.
    pub hulp: Option<String>,
}

/// The JSON report of a run.
#[derive(Debug, Serialize)]
pub struct Rapport<'a> {
    /// The version of this schema; raised only when a field changes meaning
    /// or disappears.
    pub versie: u32,
    /// `true` when there are no errors.
    pub geslaagd: bool,
    pub fouten: Vec<Melding<'a>>,
    pub waarschuwingen: Vec<Melding<'a>>,
    /// The one-line summary of the site, when it could be built.
    pub samenvatting: Option<String>,
}

fn melding(diagnostic: &Diagnostic) -> Melding<'_> {
    let location = &diagnostic.location;
    let (regel, kolom) = if location.line == 0 {
        (None, None)
    } else {
        (Some(location.line), Some(location.column.max(1)))
    };
    Melding {
        bestand: &location.file,
        regel,
        kolom,
        code: diagnostic.problem.code(),
        melding: diagnostic.problem.to_string(),
        hulp: diagnostic.problem.help(),
    }
}

/// `diagnostics` as the JSON report (pretty-printed, with a final newline).
pub fn json(diagnostics: &[Diagnostic], samenvatting: Option<String>) -> String {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.is_error());
    let rapport = Rapport {
        versie: 1,
        geslaagd: errors.is_empty(),
        fouten: errors.into_iter().map(melding).collect(),
        waarschuwingen: warnings.into_iter().map(melding).collect(),
        samenvatting,
    };
    let mut text = serde_json::to_string_pretty(&rapport).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
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
        assert!(text.starts_with("fout[onbekende-status]"), "{text}");
    }

    #[test]
    fn severities_are_dutch_with_and_without_colour() {
        assert_eq!(
            dutch_severities("error[x]: a\n  warning[y]\nwarning[z]: b\n"),
            "fout[x]: a\n  warning[y]\nwaarschuwing[z]: b\n"
        );
        assert_eq!(
            dutch_severities("\u{1b}[1m\u{1b}[38;5;9merror[x]\u{1b}[0m: a"),
            "\u{1b}[1m\u{1b}[38;5;9mfout[x]\u{1b}[0m: a"
        );
    }

    #[test]
    fn json_separates_errors_from_warnings() {
        let diagnostics = vec![
            Diagnostic::warning(Location::file("content/a/x.md"), Problem::IgnoredFile),
            Diagnostic::new(
                Location::new("content/a/y.md", 4, 9),
                Problem::UnknownStatus {
                    found: "klaar".into(),
                },
            ),
        ];
        let value: serde_json::Value = serde_json::from_str(&json(&diagnostics, None)).unwrap();
        assert_eq!(value["geslaagd"], false);
        assert_eq!(value["fouten"][0]["bestand"], "content/a/y.md");
        assert_eq!(value["fouten"][0]["regel"], 4);
        assert_eq!(value["fouten"][0]["kolom"], 9);
        assert_eq!(value["fouten"][0]["code"], "onbekende-status");
        assert_eq!(value["waarschuwingen"][0]["regel"], serde_json::Value::Null);
        assert_eq!(value["waarschuwingen"][0]["code"], "overgeslagen-bestand");
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
