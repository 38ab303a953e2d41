//! The front matter nearly every action page has, read without the YAML
//! parser: one `key: value` per line, each value a text in double quotes
//! (no escapes), a plain word or whole number, or a list of whole numbers
//! between `[ ]`. libyaml spent some 60,000 instructions on such a front
//! matter of a few hundred bytes; this reads it in a few hundred.
//!
//! It gives the value serde_yaml gives, or gives up (`None`) at anything
//! else, and then serde_yaml reads the text as before: comments, other
//! quotes, escapes, blocks, indentation, tabs, keys written twice, words
//! YAML reads as something other than a text (`true`, `null`, `yes`), and
//! every error with its Dutch message.

use serde_yaml::{Mapping, Number, Value};

/// The mapping of `yaml` when every line is a simple `key: value` (see the
/// module); `None` for anything else.
pub(super) fn read(yaml: &str) -> Option<Value> {
    let mut map = Mapping::new();
    for line in yaml.split('\n') {
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, value) = entry(line)?;
        let key = Value::String(key.to_string());
        if map.contains_key(&key) {
            return None;
        }
        map.insert(key, value);
    }
    (!map.is_empty()).then_some(Value::Mapping(map))
}

/// One line `key: value`.
fn entry(line: &str) -> Option<(&str, Value)> {
    let bytes = line.as_bytes();
    let key_len = bytes
        .iter()
        .position(|&b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))?;
    if key_len == 0 || bytes[0].is_ascii_digit() || bytes[key_len] != b':' {
        return None;
    }
    // A key YAML reads as something other than a text (`true:`, `null:`).
    if read_otherwise(&line[..key_len]) {
        return None;
    }
    let rest = &line[key_len + 1..];
    if !rest.starts_with(' ') {
        return None;
    }
    let value = rest.trim_start_matches(' ');
    Some((&line[..key_len], scalar_or_list(value)?))
}

/// Only spaces after a value.
fn ends(rest: &str) -> bool {
    rest.bytes().all(|b| b == b' ')
}

fn scalar_or_list(value: &str) -> Option<Value> {
    match value.as_bytes().first()? {
        b'"' => {
            let close = value[1..].find('"')? + 1;
            let text = &value[1..close];
            (ends(&value[close + 1..]) && text.chars().all(quotable))
                .then(|| Value::String(text.to_string()))
        }
        b'[' => {
            let close = value.find(']')?;
            if !ends(&value[close + 1..]) {
                return None;
            }
            let inner = &value[1..close];
            let items = if inner.bytes().all(|b| b == b' ') {
                Vec::new()
            } else {
                inner
                    .split(',')
                    .map(|item| whole(item.trim_matches(' ')))
                    .collect::<Option<Vec<Value>>>()?
            };
            Some(Value::Sequence(items))
        }
        _ => plain(value.trim_end_matches(' ')),
    }
}

/// A character libyaml keeps as it is in a text between double quotes on
/// one line: printable, no escape, no quote, no line break.
fn quotable(c: char) -> bool {
    (matches!(c, ' '..='~') && c != '\\' && c != '"')
        || (c >= '\u{a0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

/// A whole number without sign or leading zero, as YAML reads it.
fn whole(text: &str) -> Option<Value> {
    let digits = !text.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit());
    (digits && (text == "0" || !text.starts_with('0')))
        .then(|| text.parse::<u64>().ok())
        .flatten()
        .map(|n| Value::Number(Number::from(n)))
}

/// A plain value: a whole number, or a word of letters, digits, `-` and `_`
/// starting with a letter that YAML reads as a text.
fn plain(text: &str) -> Option<Value> {
    let first = *text.as_bytes().first()?;
    if first.is_ascii_digit() {
        return whole(text);
    }
    let word = first.is_ascii_alphabetic()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (word && !read_otherwise(text)).then(|| Value::String(text.to_string()))
}

/// A word YAML (1.1 or 1.2) or Rust's float parser reads as something other
/// than a text.
fn read_otherwise(word: &str) -> bool {
    const OTHER: &[&str] = &[
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan",
    ];
    OTHER.iter().any(|o| o.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Option<Value> {
        serde_yaml::from_str(text).ok()
    }

    #[test]
    fn reads_an_action_front_matter_as_serde_yaml_does() {
        for text in [
            "nummer: 15\ntitel: \"Titel: met é en ’\"\nstatus: in-uitvoering\njaren: [2024, 2025]\njaren_bron: actieplan\n",
            "nummer: 0\njaren: []\nx_1: a_b\n\n  \n",
            "titel:   \"  ruimte  \"   \njaren: [ 2024 ,2025 ]\n",
        ] {
            let fast = read(text);
            assert!(fast.is_some(), "{text:?}");
            assert_eq!(fast, yaml(text), "{text:?}");
        }
    }

    #[test]
    fn gives_up_at_anything_else() {
        for text in [
            "",
            "nummer: \"3/4\" # commentaar\n",
            "titel: 'enkel'\n",
            "titel: \"met \\\" escape\"\n",
            "titel: \"open\n",
            "a: true\n",
            "true: 1\n",
            "null: x\n",
            "a: Null\n",
            "a: yes\n",
            "a: 012\n",
            "a: 1e5\n",
            "a: 2024-05-01\n",
            "a: 3/4\n",
            "a: twee woorden\n",
            "a: [1, x]\n",
            "a: [1,]\n",
            "a:\n  - 1\n",
            "a: 1\na: 2\n",
            " a: 1\n",
            "a:\t1\n",
            "a: 1\r\n",
            "A: 1\n",
            "a: \"tab\tin\"\n",
            "a: \"nel\u{85}\"\n",
            "a: 123456789012345678901\n",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    /// Pieces of front-matter lines, well-formed and not.
    const PIECES: &[&str] = &[
        "nummer",
        "titel",
        "a_b",
        "A",
        "1",
        ":",
        ": ",
        " ",
        "  ",
        "\n",
        "\"",
        "'",
        "\\",
        "[",
        "]",
        ",",
        "#",
        "-",
        "_",
        "0",
        "15",
        "2024",
        "007",
        "x",
        "in-uitvoering",
        "true",
        "No",
        "é",
        "\u{a0}",
        "\u{2028}",
        "\t",
        "~",
        "null",
        ".",
        "e5",
        "{",
        "}",
        "&",
        "*",
        "!",
        "|",
        ">",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// Whatever the text, the fast read gives what serde_yaml gives, or
        /// gives up.
        #[test]
        fn never_reads_otherwise_than_serde_yaml(
            picks in proptest::collection::vec(0..PIECES.len(), 0..30)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            if let Some(fast) = read(&text) {
                proptest::prop_assert_eq!(Some(fast), yaml(&text), "{:?}", text);
            }
        }

        /// Lines of the form the fast read takes, with random values.
        #[test]
        fn reads_simple_lines_as_serde_yaml_does(
            lines in proptest::collection::vec(
                (
                    proptest::prop_oneof!["[a-z_][a-z0-9_]{0,8}", "(true|false|null|no|y|n|on)"],
                    " {1,3}",
                    proptest::prop_oneof![
                        "\"[ -~é’\u{a0}]{0,12}\"",
                        "[A-Za-z][A-Za-z0-9_-]{0,8}",
                        "[0-9]{1,6}",
                        "\\[( ?[0-9]{1,4} ?,){0,3} ?[0-9]{1,4} ?\\]",
                    ],
                    " {0,2}",
                ),
                1..6,
            )
        ) {
            let text: String = lines
                .iter()
                .map(|(k, s, v, t)| format!("{k}:{s}{v}{t}\n"))
                .collect();
            if let Some(fast) = read(&text) {
                proptest::prop_assert_eq!(Some(fast), yaml(&text), "{:?}", text);
            }
        }
    }
}
