//! The YAML syntax errors of a front matter in Dutch: libyaml's and
//! serde_yaml's messages translated, and the likely causes libyaml cannot
//! name (an unclosed quote, invisible spaces, curly quotes, indentation)
//! found in the text itself.

use serde_yaml::Value;

use super::causes::{
    self as causes, curly_quoted, indentation_fault, invisible_characters, invisible_place,
    unclosed_quote,
};
use crate::content::frontmatter::{self, Split};
use crate::error::{Diagnostic, Location, Problem, byte_offset};

/// The YAML of a front matter, parsed; `None` when it cannot be read, with
/// the problem that stopped it (or each invisible character) in `diags`.
/// Values that start with a curly quote are read as typed, with a warning.
pub(super) fn read(file: &str, split: &Split<'_>, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    // Invisible characters where YAML needs a space break the structure
    // in ways libyaml cannot explain: name them, and read no further.
    let invisible = invisible_characters(split.yaml);
    if !invisible.is_empty() {
        for (at, c) in invisible {
            let start = split.yaml_start + at;
            diags.push(Diagnostic::new(
                Location::span(file, start, start + c.len_utf8()),
                Problem::InvisibleCharacter {
                    name: causes::invisible(c).unwrap_or("onzichtbaar teken"),
                    code: u32::from(c),
                    place: invisible_place(split.yaml, at).into(),
                },
            ));
        }
        return None;
    }
    if let Some(offset) = frontmatter::too_deep(split.yaml) {
        diags.push(Diagnostic::new(
            Location::at(file, split.yaml_start + offset),
            Problem::TooDeep {
                what: "de front matter (haakjes [ en {)",
                limit: frontmatter::MAX_YAML_DEPTH,
            },
        ));
        return None;
    }
    let mut curly = curly_quoted(split.yaml);
    let parsed = match super::simple::read(split.yaml) {
        Some(value) => Ok(value),
        None => serde_yaml::from_str(split.yaml),
    };
    match parsed {
        Ok(value) => {
            for (at, open, close, suggestion) in curly {
                let start = split.yaml_start + at;
                diags.push(Diagnostic::warning(
                    Location::span(file, start, start + open.len_utf8()),
                    Problem::CurlyQuotesShown {
                        open,
                        close,
                        suggestion: suggestion.into(),
                    },
                ));
            }
            Some(value)
        }
        // A curly-quoted value on the line of the error or before it is
        // the likely cause.
        Err(err)
            if curly
                .first()
                .is_some_and(|&(at, ..)| at < error_line_end(split.yaml, &err)) =>
        {
            let (at, open, close, suggestion) = curly.swap_remove(0);
            let start = split.yaml_start + at;
            diags.push(Diagnostic::new(
                Location::span(file, start, start + open.len_utf8()),
                Problem::CurlyQuotes {
                    open,
                    close,
                    suggestion: suggestion.into(),
                },
            ));
            None
        }
        Err(err) => {
            let (problem, offset) = syntax_problem(split.yaml, &err);
            diags.push(Diagnostic::new(
                Location::at(file, split.yaml_start + offset),
                problem,
            ));
            None
        }
    }
}

/// The byte offset in `yaml` of the end of the line where `err` happened.
fn error_line_end(yaml: &str, err: &serde_yaml::Error) -> usize {
    let error_at = err.location().map_or(yaml.len(), |l| l.index());
    yaml[error_at.min(yaml.len())..]
        .find('\n')
        .map_or(yaml.len(), |i| error_at + i)
}

/// What a YAML syntax error means for the editor, and where in `yaml` (a
/// byte offset) to show it: a key written twice at its second line, an
/// unclosed quote where it opens, a line indented wrongly, else libyaml's
/// message in Dutch where it stopped.
fn syntax_problem(yaml: &str, err: &serde_yaml::Error) -> (Problem, usize) {
    let at = err.location().map(|l| (l.line(), l.column()));
    let (message, pos) = yaml_message(&err.to_string(), at);
    let yaml_offset = |(l, c): (usize, usize)| byte_offset(yaml, l.max(1), c.max(1));
    let offset = pos.map_or(0, yaml_offset);
    let error_line = pos.map_or(usize::MAX, |(l, _)| l);
    if let Some(key) = duplicate_key(&message) {
        let offset = second_key_line(yaml, &key).map_or(offset, |l| byte_offset(yaml, l, 1));
        (Problem::DuplicateKey { key }, offset)
    } else if message.contains(" as u128") || message.contains(" as i128") {
        let found = message.split('`').nth(1).unwrap_or_default().to_string();
        (Problem::NumberTooLarge { found }, offset)
    } else if let Some((l, c)) = unclosed_quote(yaml, error_line) {
        (Problem::UnclosedQuote, byte_offset(yaml, l, c))
    } else if let Some((at, by, deeper, above)) = (!message.contains("while scanning a quoted"))
        .then(|| indentation_fault(yaml, err.location().map_or(offset, |l| l.index())))
        .flatten()
    {
        (Problem::Indentation { by, deeper, above }, at)
    } else {
        (Problem::Yaml(yaml_dutch(&message)), offset)
    }
}

/// Splits serde_yaml's "X at line L column C, while Y at line L2 column C2"
/// into a message without positions and the most useful position: where the
/// unfinished construct (a quoted string, a list) started, else where the
/// parser stopped. Positions are relative to the YAML text.
fn yaml_message(message: &str, at: Option<(usize, usize)>) -> (String, Option<(usize, usize)>) {
    fn position(text: &str) -> (String, Option<(usize, usize)>) {
        match text.find(" at line ") {
            Some(i) => {
                let mut numbers = text[i + 9..]
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse::<usize>().ok());
                let pos = numbers.next().zip(numbers.next());
                (text[..i].to_string(), pos)
            }
            None => (text.to_string(), None),
        }
    }
    match message.split_once(", while ") {
        Some((head, tail)) => {
            let (head, head_pos) = position(head);
            let (tail, tail_pos) = position(tail);
            (
                format!("{head}, while {tail}"),
                tail_pos.or(head_pos).or(at),
            )
        }
        None => {
            let (head, pos) = position(message);
            (head, pos.or(at))
        }
    }
}

/// The common libyaml and serde_yaml messages in Dutch. The first part says
/// what is wrong, the part after ", while" where it started; an unknown
/// message is kept as it is.
fn yaml_dutch(message: &str) -> String {
    fn head(text: &str) -> Option<&'static str> {
        Some(match text {
            "found unexpected end of stream" | "EOF while parsing a value" => {
                "onverwacht einde van de front matter"
            }
            "mapping values are not allowed in this context" => {
                "hier mag geen `sleutel: waarde` staan; staat er een dubbele punt met een spatie in een waarde?"
            }
            "did not find expected key" => "hier werd een sleutel verwacht; klopt de inspringing?",
            "did not find expected ',' or ']'" => "`,` of `]` ontbreekt",
            "did not find expected ',' or '}'" => "`,` of `}` ontbreekt",
            "found character that cannot start any token" => {
                "een waarde mag niet met dit teken beginnen (zoals @, ` of een tab)"
            }
            "found a tab character that violates indentation"
            | "found a tab character where an indentation space is expected" => {
                "een tab in de inspringing: spring in met spaties"
            }
            "block sequence entries are not allowed in this context" => {
                "hier mag geen lijstitem (`- `) staan"
            }
            "did not find expected '-' indicator" => {
                "hier werd een lijstitem (`- `) verwacht; klopt de inspringing?"
            }
            "could not find expected ':'" => "de dubbele punt na de sleutel ontbreekt",
            "found unexpected ':'" => "onverwachte dubbele punt",
            "did not find expected node content" => "hier ontbreekt een waarde",
            "found unknown escape character" => {
                "onbekend teken na `\\`; schrijf `\\\\` voor een backslash, of gebruik enkele aanhalingstekens"
            }
            "control characters are not allowed" => "stuurtekens zijn niet toegestaan",
            "found undefined tag handle" => "onbekende tag (!)",
            "found unexpected document indicator" => {
                "een regel `---` of `...` midden in de front matter"
            }
            "mapping keys are not allowed in this context" => "hier mag geen sleutel (`?`) staan",
            "did not find expected alphabetic or numeric character" => {
                "hier werd een letter of cijfer verwacht"
            }
            "did not find expected comment or line break" => {
                "na deze waarde mag op dezelfde regel alleen commentaar (#) staan"
            }
            "found incompatible YAML document" => "onbekende YAML-versie",
            "recursion limit exceeded" => "te diep genest",
            "repetition limit exceeded" => "te veel herhalingen via verwijzingen (*)",
            "unknown anchor" => "verwijzing (*) naar een anker (&) dat niet bestaat",
            "deserializing from YAML containing more than one document is not supported" => {
                "meer dan één YAML-document; gebruik geen regel `---` of `...` in de front matter"
            }
            "invalid Unicode character" | "found invalid Unicode character escape code" => {
                "ongeldig Unicode-teken"
            }
            "found undefined alias" => "verwijzing (*) naar een anker (&) dat niet bestaat",
            "found duplicate anchor; first occurrence" => "dit anker (&) bestaat al",
            "did not find expected whitespace or line break"
            | "did not find expected whitespace" => "hier ontbreekt een spatie",
            "found an indentation indicator equal to 0" => {
                "een tekstblok (| of >) met inspringing 0"
            }
            "found unknown directive name"
            | "could not find expected directive name"
            | "found duplicate %TAG directive"
            | "found duplicate %YAML directive"
            | "found extremely long version number"
            | "did not find expected version number"
            | "did not find expected digit or '.' character" => {
                "een regel die met % begint is in de front matter niet toegestaan"
            }
            "did not find expected tag URI"
            | "did not find URI escaped octet"
            | "did not find expected '!'"
            | "did not find the expected '>'" => "onbekende tag (!)",
            "did not find expected hexadecimal number"
            | "expected low surrogate area"
            | "unexpected low surrogate area" => {
                "ongeldige code na `\\` in een tekst tussen dubbele aanhalingstekens"
            }
            m if m.starts_with("expected a mapping") || m == "unexpected tagged value in merge" => {
                "`<<` mag alleen naar sleutels met waarden verwijzen"
            }
            _ => return None,
        })
    }
    fn tail(text: &str) -> Option<&'static str> {
        Some(match text.strip_prefix("while ")? {
            "scanning a quoted scalar" | "parsing a quoted scalar" => {
                "in de tekst tussen aanhalingstekens die hier begint: het sluitende aanhalingsteken ontbreekt"
            }
            "scanning a plain scalar"
            | "parsing a block node"
            | "parsing a flow node"
            | "parsing a node" => "in de waarde die hier begint",
            "scanning a simple key" => "na de sleutel die hier begint",
            "parsing a block mapping" => "in het blok met sleutels dat hier begint",
            "parsing a block collection" => "in de lijst die hier begint",
            "parsing a flow sequence" => "in de lijst tussen [ ] die hier begint",
            "parsing a flow mapping" => "in de mapping tussen { } die hier begint",
            "scanning for the next token" => "bij het lezen van de volgende waarde",
            "scanning a block scalar" => "in het tekstblok (| of >) dat hier begint",
            "scanning an anchor" => "in het anker (&) dat hier begint",
            "scanning an alias" => "in de verwijzing (*) die hier begint",
            "scanning a tag" | "parsing a tag" => "in de tag (!) die hier begint",
            _ => return None,
        })
    }
    // libyaml's English never reaches an editor: an unknown message becomes
    // a general one; the position still says where.
    const GENERAL: &str = "de YAML klopt hier niet";
    match message.split_once(", ") {
        Some((h, t)) => match (head(h), tail(t)) {
            (Some(h), Some(t)) => format!("{h} ({t})"),
            (Some(h), None) => h.to_string(),
            (None, Some(t)) => format!("{GENERAL} ({t})"),
            (None, None) => GENERAL.to_string(),
        },
        None => head(message).unwrap_or(GENERAL).to_string(),
    }
}

/// The key of serde_yaml's "duplicate entry with key \"x\"" message.
fn duplicate_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("duplicate entry with key ")?;
    Some(
        rest.trim_start_matches('"')
            .trim_end_matches('"')
            .trim_matches('`')
            .to_string(),
    )
}

/// The 1-based line (in the YAML) of the second top-level `key:`.
fn second_key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
        })
        .nth(1)
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields::tests::{actie, place};
    use crate::error::Problem;

    #[test]
    fn yaml_messages_are_dutch_with_the_original_as_fallback() {
        assert_eq!(
            yaml_dutch("found unexpected end of stream, while scanning a quoted scalar"),
            "onverwacht einde van de front matter (in de tekst tussen aanhalingstekens die hier begint: het sluitende aanhalingsteken ontbreekt)"
        );
        let (_, diags) = actie("---\nnummer: 1\ntitel: a: b\n---\n");
        assert_eq!(
            diags[0].problem,
            Problem::Yaml(
                "hier mag geen `sleutel: waarde` staan; staat er een dubbele punt met een spatie in een waarde?"
                    .into()
            )
        );
        let text = "---\nnummer: 1\ntitel: x\nnummer: 2\n---\n";
        let (_, diags) = actie(text);
        assert_eq!(place(text, &diags[0]), (4, 1));
        assert_eq!(
            diags[0].problem,
            Problem::DuplicateKey {
                key: "nummer".into()
            }
        );
    }
    #[test]
    fn no_libyaml_message_stays_english() {
        assert_eq!(
            yaml_dutch("found unknown directive name"),
            "een regel die met % begint is in de front matter niet toegestaan"
        );
        assert_eq!(yaml_dutch("something new"), "de YAML klopt hier niet");
        assert_eq!(
            yaml_dutch("something new, while parsing a flow sequence"),
            "de YAML klopt hier niet (in de lijst tussen [ ] die hier begint)"
        );
        assert_eq!(
            yaml_dutch("did not find expected key, while something"),
            "hier werd een sleutel verwacht; klopt de inspringing?"
        );
    }
}
