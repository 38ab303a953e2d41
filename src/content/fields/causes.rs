//! The likely causes of a YAML error that libyaml cannot name, found in
//! the text itself: a quote that is not closed, a character that looks like
//! a space but is not one, a curly quote, a line indented differently.

/// The first line, up to `until` (1-based, in the YAML), whose value opens a
/// quote that the line does not close: the likely cause of a YAML error, as
/// a quoted text may run over lines and so swallow what follows. Returns the
/// line and the column (in characters) of the opening quote.
pub(super) fn unclosed_quote(yaml: &str, until: usize) -> Option<(usize, usize)> {
    for (i, line) in yaml.lines().enumerate().take(until) {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        // The value: after `key: ` or a list item's `- `.
        let value_start = match trimmed.strip_prefix("- ") {
            Some(_) => line.len() - trimmed.len() + 2,
            None => match line.find(": ") {
                Some(j) => j + 2,
                None => continue,
            },
        };
        let value = line[value_start..].trim_start();
        let offset = line.len() - value.len();
        let mut chars = value.chars();
        let closed = match chars.next() {
            Some('"') => {
                let mut escaped = false;
                chars.any(|c| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
            }
            // In single quotes, '' is a quote inside the text.
            Some('\'') => value[1..].replace("''", "").contains('\''),
            _ => continue,
        };
        if !closed {
            return Some((i + 1, line[..offset].chars().count() + 1));
        }
    }
    None
}

/// Characters that look like a space, or like nothing, but are not a space
/// for YAML: pasted from Word or a web page.
pub(super) fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "harde spatie",
        '\u{202f}' => "smalle harde spatie",
        '\u{2007}' => "cijferspatie",
        '\u{2002}' | '\u{2003}' | '\u{2009}' => "brede of smalle spatie",
        '\u{200b}' => "spatie zonder breedte",
        '\u{2060}' => "woordverbinder",
        '\u{feff}' => "onzichtbaar BOM-teken",
        _ => return None,
    })
}

/// Whether `yaml` may hold an invisible character or a curly quote: all of
/// them (U+00A0, U+00AB, U+2002–U+2060, U+FEFF) start with one of these
/// bytes in UTF-8. Most front matters hold none, and are not searched.
fn special_bytes(yaml: &str) -> bool {
    memchr::memchr3(0xC2, 0xE2, 0xEF, yaml.as_bytes()).is_some()
}

/// The lines of `yaml` with their byte offsets.
pub(super) fn lines_at(yaml: &str) -> impl Iterator<Item = (usize, &str)> {
    yaml.split_inclusive('\n').scan(0, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line.trim_end_matches('\n')))
    })
}

/// Invisible characters where YAML needs a space: in the indentation, after
/// a `key:`, a list's `-`, or `,` `[` `{` of a list or mapping between
/// brackets; not inside quotes. Byte offset in the YAML, and the character.
pub(super) fn invisible_characters(yaml: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    if !special_bytes(yaml) {
        return found;
    }
    for (at, line) in lines_at(yaml) {
        let mut indentation = true;
        let mut quote: Option<char> = None;
        // Depth of `[` and `{`: `,` separates only between brackets.
        let mut depth = 0usize;
        // The last character that is not a space, and the one just before.
        let mut last = None;
        let mut previous = None;
        for (i, c) in line.char_indices() {
            let before = previous.replace(c);
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                last = Some(c);
                continue;
            }
            if invisible(c).is_some() {
                let after_separator = match last {
                    Some(':' | '-') => true,
                    Some(',' | '[' | '{') => depth > 0,
                    _ => false,
                };
                if indentation || after_separator {
                    found.push((at + i, c));
                }
                continue;
            }
            match c {
                ' ' | '\t' => continue,
                '#' if indentation || before == Some(' ') => break,
                '"' | '\'' if !matches!(last, Some(l) if l.is_alphanumeric()) => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if c != '-' {
                indentation = false;
            }
            last = Some(c);
        }
    }
    found
}

/// Where the character at byte `at` of `yaml` is, in words: after the
/// word before it on its line, or in the indentation.
pub(super) fn invisible_place(yaml: &str, at: usize) -> String {
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let before =
        yaml[line_start..at].trim_end_matches(|c: char| c == ' ' || invisible(c).is_some());
    match before.rsplit(' ').next().filter(|w| !w.is_empty()) {
        Some(word) if !before.trim_start().is_empty() => {
            let word: String = word
                .chars()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("na `{word}`")
        }
        _ => "in de inspringing van deze regel".to_string(),
    }
}

/// Values (after `key:` or `- `) that start with a curly quote: byte offset
/// in the YAML of the quote, the quote, its closing partner and the value
/// written with straight quotes.
pub(super) fn curly_quoted(yaml: &str) -> Vec<(usize, char, char, String)> {
    let mut found = Vec::new();
    if !special_bytes(yaml) {
        return found;
    }
    for (at, line) in lines_at(yaml) {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let value_start = if let Some(rest) = trimmed.strip_prefix("- ") {
            line.len() - rest.trim_start().len()
        } else {
            match line.find(": ") {
                Some(j) => line.len() - line[j + 1..].trim_start().len(),
                None => continue,
            }
        };
        let value = line[value_start..].trim_end();
        let Some(open) = value.chars().next() else {
            continue;
        };
        let close = match open {
            '\u{201c}' | '\u{201e}' => '\u{201d}',
            '\u{2018}' | '\u{201a}' => '\u{2019}',
            '\u{201d}' => '\u{201d}',
            '\u{2019}' => '\u{2019}',
            '\u{ab}' => '\u{bb}',
            _ => continue,
        };
        let inner = value[open.len_utf8()..]
            .trim_end_matches(['\u{201c}', '\u{201d}', '\u{2019}', '\u{2018}', '\u{bb}']);
        let fixed = format!(
            "{}\"{}\"",
            &line[..value_start],
            inner.replace('\\', "\\\\").replace('"', "\\\"")
        );
        found.push((
            at + value_start,
            open,
            close,
            fixed.trim_start().to_string(),
        ));
    }
    found
}

/// The indentation of a line in spaces.
pub(super) fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line indented differently from the line above it, where libyaml
/// stopped at byte `error_at` of `yaml`: the offset of the line's first
/// character, how far off it is, whether deeper, and the indentation above.
pub(super) fn indentation_fault(
    yaml: &str,
    error_at: usize,
) -> Option<(usize, usize, bool, usize)> {
    let lines: Vec<(usize, &str)> = lines_at(yaml).collect();
    let index = lines
        .iter()
        .rposition(|&(at, _)| at <= error_at.min(yaml.len().saturating_sub(1)))?;
    let (at, line) = lines[index];
    let (_, above) = lines[..index]
        .iter()
        .rev()
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    // Under `- key: value`, the keys of the same item start after `- `.
    let item_above = above.trim_start().starts_with("- ") && above.contains(": ");
    let extra = if item_above && !line.trim_start().starts_with("- ") {
        2
    } else {
        0
    };
    let (here, there) = (indentation(line), indentation(above) + extra);
    // A line under `key:` that opens a block may be deeper.
    let opens_block = above.trim_end().ends_with(':');
    if here == there || (opens_block && here > there) || line.trim().is_empty() {
        return None;
    }
    let first = at + line.len() - line.trim_start().len();
    Some((first, here.abs_diff(there), here > there, there))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields::tests::{actie, place};
    use crate::error::Problem;

    #[test]
    fn an_unclosed_quote_is_reported_where_it_starts() {
        let text = "---\nnummer: 1\ntitel: \"open\nstatus: afgerond\n---\n";
        let (_, diags) = actie(text);
        assert_eq!(place(text, &diags[0]), (3, 8));
        assert_eq!(diags[0].problem, Problem::UnclosedQuote);
        // Also when a later quote closes it and the error comes later.
        let text =
            "---\nnummer: 1\ntitel: \"open\nstatus: afgerond\njaren_toelichting: \"x\"\n---\n";
        let (_, diags) = actie(text);
        assert_eq!(place(text, &diags[0]), (3, 8));
        // A quoted text closed on its line, with an escaped quote, is fine.
        assert_eq!(unclosed_quote("a: \"x \\\" y\"\nb: 'it''s'\n", 9), None);
        assert_eq!(unclosed_quote("a: 1\n- 'open\n", 9), Some((2, 3)));
    }
    #[test]
    fn invisible_characters_only_where_yaml_needs_a_space() {
        let nbsp = |s: &str| s.replace('~', "\u{a0}");
        let at = |s: &str| {
            invisible_characters(&nbsp(s))
                .iter()
                .map(|(i, _)| *i)
                .collect::<Vec<_>>()
        };
        assert_eq!(at("status:~afgerond\n"), vec![7]);
        assert_eq!(at("~~titel: x\n"), vec![0, 2]);
        assert_eq!(at("a:\n  -~x\n"), vec![6]);
        assert_eq!(at("a: [1,~2]\n"), vec![6]);
        // In a text, in quotes, in a comment: shown as typed, no error.
        assert_eq!(at("titel: Samen,~sterk\n"), Vec::<usize>::new());
        assert_eq!(at("titel: \"a:~b\"\n"), Vec::<usize>::new());
        assert_eq!(at("titel: x # a:~b\n"), Vec::<usize>::new());
    }
    #[test]
    fn curly_quotes_are_found_with_what_to_type() {
        let found = curly_quoted("titel: \u{201c}Aanpak: \"regio\"\u{201d}\n- \u{201e}x\u{201d}\n");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, 7);
        assert_eq!(found[0].3, "titel: \"Aanpak: \\\"regio\\\"\"");
        assert_eq!((found[1].1, found[1].2), ('\u{201e}', '\u{201d}'));
        assert_eq!(found[1].3, "- \"x\"");
    }
}
