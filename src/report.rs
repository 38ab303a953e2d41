//! Showing diagnostics to editors, compiler style: path, line and column, the
//! offending line with a marker, the message, and what is allowed. Also as
//! JSON, for pipelines (schema in the README).

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

use crate::error::{Diagnostic, Location, Severity, Span};

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

/// The 1-based line and column (in characters) of byte `offset` of `text`:
/// the one place where spans become what an editor shows. An offset inside
/// a character counts as that character.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_boundary(text, offset);
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The byte range to underline for `span`: the span itself, or for an empty
/// span from its start to the end of the line's content.
fn underline(text: &str, span: Span) -> std::ops::Range<usize> {
    let start = floor_boundary(text, span.start());
    let end = floor_boundary(text, span.end()).max(start);
    if end > start {
        // Not past the end of the first line: a label spans one line.
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        return start..end.min(line_end).max(start);
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let content_end = start + text[start..line_end].trim_end().len();
    start..content_end
}

/// Lines longer than this many characters are cut in what is shown.
const LINE_LIMIT: usize = 200;

/// `text` with every line longer than [`LINE_LIMIT`] characters cut (with
/// `…`), so that a huge value gives a report of normal length; `None` when
/// no line is that long.
fn shorten_lines(text: &str) -> Option<String> {
    if !text.split('\n').any(|line| line.len() > LINE_LIMIT) {
        return None;
    }
    let mut out = String::with_capacity(text.len().min(1 << 16));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match line.char_indices().nth(LINE_LIMIT) {
            Some((cut, _)) => {
                out.push_str(&line[..cut]);
                out.push('…');
            }
            None => out.push_str(line),
        }
    }
    Some(out)
}

/// `span` of `text` in its shortened form `short`.
fn shorten_span(text: &str, short: &str, span: Span) -> Span {
    let map = |offset: usize| {
        let (line, column) = line_column(text, offset);
        crate::error::byte_offset(short, line, column.min(LINE_LIMIT + 1))
    };
    let start = map(span.start());
    Span::new(start, map(span.end()).max(start))
}

/// A message or help text of normal length: a quoted value (between
/// backticks) longer than 60 characters is cut, and so is the whole text
/// after 600 characters.
pub(crate) fn bounded(text: &str) -> String {
    let cut = |part: &str, limit: usize| -> String {
        match part.char_indices().nth(limit) {
            Some((i, _)) => format!("{}…", &part[..i]),
            None => part.to_string(),
        }
    };
    let parts: Vec<String> = text
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                cut(part, 60)
            } else {
                part.to_string()
            }
        })
        .collect();
    cut(&parts.join("`"), 600)
}

/// The text of `file` among `sources`.
fn source<'a>(sources: &'a [(String, String)], file: &str) -> Option<&'a str> {
    sources
        .iter()
        .find(|(name, _)| name == file)
        .map(|(_, text)| text.as_str())
}

/// Line and column of a diagnostic, when it has a span and its file's text
/// is known.
fn place(sources: &[(String, String)], location: &Location) -> Option<(usize, usize)> {
    let span = location.span?;
    Some(line_column(source(sources, &location.file)?, span.start()))
}

/// Renders `diagnostics` as text, showing lines from `sources` (display path,
/// text). With `color`, uses ANSI colours.
pub fn render(diagnostics: &[Diagnostic], sources: &[(String, String)], color: bool) -> String {
    let mut files = SimpleFiles::new();
    // Only the files a diagnostic names are read and shown.
    let named: std::collections::HashSet<&str> = diagnostics
        .iter()
        .map(|d| d.location.file.as_str())
        .collect();
    let sources: Vec<&(String, String)> = sources
        .iter()
        .filter(|(name, _)| named.contains(name.as_str()))
        .collect();
    let shortened: Vec<Option<String>> = sources.iter().map(|(_, t)| shorten_lines(t)).collect();
    let ids: Vec<(&str, usize)> = sources
        .iter()
        .zip(&shortened)
        .map(|((name, text), short)| {
            let shown = short.clone().unwrap_or_else(|| text.clone());
            (name.as_str(), files.add(name.clone(), shown))
        })
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
                .with_message(bounded(&diagnostic.problem.to_string()));
            let file = ids.iter().find(|(name, _)| *name == location.file);
            let label = file.and_then(|(name, id)| {
                let index = sources.iter().position(|(n, _)| n == name)?;
                let text = &sources[index].1;
                let span = location.span?;
                Some(match &shortened[index] {
                    Some(short) => {
                        Label::primary(*id, underline(short, shorten_span(text, short, span)))
                    }
                    None => Label::primary(*id, underline(text, span)),
                })
            });
            match label {
                Some(label) => report = report.with_labels(vec![label]),
                None => report = report.with_notes(vec![format!("in {location}")]),
            }
            if let Some(help) = diagnostic.problem.help() {
                report = report.with_notes(vec![format!("hulp: {}", bounded(&help))]);
            }
            let _ = term::emit_to_write_style(&mut *writer, &config, &files, &report);
        }
    }
    dutch_severities(&String::from_utf8_lossy(&out))
}

/// "1 fout en 2 waarschuwingen": the counts of `diagnostics`, empty when
/// there are none.
pub fn counts(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(count(errors, "fout", "fouten"));
    }
    if warnings > 0 {
        parts.push(count(warnings, "waarschuwing", "waarschuwingen"));
    }
    parts.join(" en ")
}

/// One diagnostic in the JSON report.
#[derive(Debug, Serialize)]
pub(crate) struct Melding<'a> {
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
pub(crate) struct Rapport<'a> {
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

fn melding<'a>(diagnostic: &'a Diagnostic, sources: &[(String, String)]) -> Melding<'a> {
    let location = &diagnostic.location;
    let (regel, kolom) = place(sources, location).unzip();
    Melding {
        bestand: &location.file,
        regel,
        kolom,
        code: diagnostic.problem.code(),
        melding: bounded(&diagnostic.problem.to_string()),
        hulp: diagnostic.problem.help().as_deref().map(bounded),
    }
}

/// `diagnostics` as the JSON report (pretty-printed, with a final newline);
/// lines and columns computed from `sources` (display path, text).
pub fn json(
    diagnostics: &[Diagnostic],
    sources: &[(String, String)],
    samenvatting: Option<String>,
) -> String {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.is_error());
    let rapport = Rapport {
        versie: 1,
        geslaagd: errors.is_empty(),
        fouten: errors.into_iter().map(|d| melding(d, sources)).collect(),
        waarschuwingen: warnings.into_iter().map(|d| melding(d, sources)).collect(),
        samenvatting,
    };
    let mut text = serde_json::to_string_pretty(&rapport).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

use crate::text::escape_html as escape;

/// Renders `diagnostics` as an HTML fragment (an `<ol>`), for the browser:
/// per problem its code and message, the place (file, line, column), the
/// offending line with the faulty part marked, and what is allowed. Used by
/// `bijlage serve` to show a failed rebuild.
pub(crate) fn render_html(diagnostics: &[Diagnostic], sources: &[(String, String)]) -> String {
    let mut out = String::from("<ol class=\"meldingen\">\n");
    for diagnostic in diagnostics {
        let location = &diagnostic.location;
        out.push_str("<li class=\"melding\">\n");
        let severity = match diagnostic.severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
        };
        out.push_str(&format!(
            "<p class=\"melding__kop\"><span class=\"melding__code\">{severity}[{}]</span> {}</p>\n",
            diagnostic.problem.code(),
            escape(&bounded(&diagnostic.problem.to_string()))
        ));
        let text = source(sources, &location.file);
        let place = match (text, location.span) {
            (Some(text), Some(span)) => {
                let (line, column) = line_column(text, span.start());
                Some((text, span, line, column))
            }
            _ => None,
        };
        match place {
            Some((_, _, line, column)) => out.push_str(&format!(
                "<p class=\"melding__plaats\"><code>{}</code>, regel {line}, kolom {column}</p>\n",
                escape(&location.file)
            )),
            None => out.push_str(&format!(
                "<p class=\"melding__plaats\"><code>{}</code></p>\n",
                escape(&location.file)
            )),
        }
        if let Some((text, span, line, _)) = place {
            let short = shorten_lines(text);
            let (text, span) = match &short {
                Some(short) => (short.as_str(), shorten_span(text, short, span)),
                None => (text, span),
            };
            let range = underline(text, span);
            let start_of_line = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let end_of_line = text[range.end..]
                .find('\n')
                .map_or(text.len(), |i| range.end + i);
            out.push_str(&format!(
                "<pre class=\"melding__bron\"><span class=\"melding__nr\">{line}</span>{}<mark>{}</mark>{}</pre>\n",
                escape(&text[start_of_line..range.start]),
                escape(&text[range.clone()]),
                escape(&text[range.end..end_of_line]),
            ));
        }
        if let Some(help) = diagnostic.problem.help() {
            out.push_str(&format!(
                "<p class=\"melding__hulp\">hulp: {}</p>\n",
                escape(&bounded(&help))
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
    fn lines_and_columns_count_characters() {
        let text = "---\ntitel: \"Caf\u{e9} \u{2019}t\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (2, 1));
        // ’ is byte 14 of its line (after é, 2 bytes) and character 14; the
        // t after it is byte 17 and character 15.
        assert_eq!(text.find('\u{2019}'), Some(4 + 14));
        assert_eq!(line_column(text, 4 + 14), (2, 14));
        assert_eq!(line_column(text, 4 + 17), (2, 15));
        // Inside a character: that character.
        let e = text.find('\u{e9}').unwrap();
        assert_eq!(line_column(text, e + 1), line_column(text, e));
        assert_eq!(line_column(text, 10_000), (3, 1));
    }

    #[test]
    fn an_empty_span_underlines_to_the_end_of_the_line() {
        let text = "---\nstatus: klaar  \n---\n";
        assert_eq!(underline(text, Span::new(12, 12)), 12..17);
        assert_eq!(underline(text, Span::new(12, 14)), 12..14);
        // A span running over lines stops at the end of its first line.
        assert_eq!(underline(text, Span::new(12, 22)), 12..19);
    }

    #[test]
    fn shows_path_line_marker_message_and_help() {
        let sources = vec![(
            "content/a/x.md".to_string(),
            "---\nstatus: klaar\n---\n".to_string(),
        )];
        let diagnostic = Diagnostic::new(
            Location::at("content/a/x.md", 12),
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
        let sources = vec![(
            "content/a/y.md".to_string(),
            "---\nnummer: 1\ntitel: \"\u{e9}\u{eb}\"\nstatus: klaar\n---\n".to_string(),
        )];
        let offset = sources[0].1.find("klaar").unwrap();
        let diagnostics = vec![
            Diagnostic::warning(Location::file("content/a/x.md"), Problem::IgnoredFile),
            Diagnostic::new(
                Location::at("content/a/y.md", offset),
                Problem::UnknownStatus {
                    found: "klaar".into(),
                },
            ),
        ];
        let value: serde_json::Value =
            serde_json::from_str(&json(&diagnostics, &sources, None)).unwrap();
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
                Location::at("content/a/x.md", 12),
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
