//! A value of the wrong type, in Dutch: what serde_yaml says is wrong
//! inside a key's value (a path, a place, a fault), reported at that place
//! with what to write instead.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::causes::{indentation, lines_at};
use super::{Fields, TEXT, YEARS};
use crate::error::{Location, Problem};

/// At most 40 characters of `text`, with `…` when there was more.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// What a YAML value is, in words, for "hier staat …".
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "niets".into(),
        Value::Bool(b) => format!("ja/nee (`{b}`)"),
        Value::Number(n) => format!("een getal (`{n}`)"),
        Value::String(s) => format!("tekst (`{}`)", short(s)),
        Value::Sequence(_) => "een lijst".into(),
        Value::Mapping(_) => "een mapping (sleutels met waarden)".into(),
        Value::Tagged(_) => "een waarde met een tag (!)".into(),
    }
}

/// The years an item of a list of years probably means: `2024`, `2024.0`,
/// `"2024"`, a range `2024-2025` or a date `2024-05-01`.
fn item_years(value: &Value) -> Option<Vec<u16>> {
    let year = |text: &str| {
        text.trim()
            .parse::<u16>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
    };
    match value {
        Value::Number(n) => match n.as_u64() {
            Some(n) => year(&n.to_string()).map(|y| vec![y]),
            None => n
                .as_f64()
                .filter(|f| f.fract() == 0.0)
                .and_then(|f| year(&format!("{f:.0}")))
                .map(|y| vec![y]),
        },
        Value::String(s) => {
            let s = s.trim();
            if let Some(y) = year(s) {
                return Some(vec![y]);
            }
            let parts: Vec<&str> = s.split(['-', '\u{2013}']).map(str::trim).collect();
            match parts.as_slice() {
                // A range of years.
                [a, b] => {
                    let (a, b) = (year(a)?, year(b)?);
                    (a <= b && b - a < 20).then(|| (a..=b).collect())
                }
                // A date: its year.
                [y, m, d] if m.len() == 2 && d.len() == 2 => year(y).map(|y| vec![y]),
                _ => s
                    .split([',', ' ', ';'])
                    .filter(|p| !p.is_empty())
                    .map(year)
                    .collect::<Option<Vec<u16>>>()
                    .filter(|v| !v.is_empty()),
            }
        }
        _ => None,
    }
}

/// A list of years written as one year, as text or with faulty items:
/// `2024`, "2024, 2025", `["2024", 2025.0]` become `[2024, 2025]`.
fn years_suggestion(value: &Value) -> Option<String> {
    let years: Vec<u16> = match value {
        Value::Sequence(items) => {
            let mut years = Vec::new();
            for item in items {
                years.extend(item_years(item)?);
            }
            years
        }
        other => item_years(other)?,
    };
    let mut years = years;
    years.sort_unstable();
    years.dedup();
    (!years.is_empty()).then(|| {
        let parts: Vec<String> = years.iter().map(u16::to_string).collect();
        format!("[{}]", parts.join(", "))
    })
}

/// Picks one top-level key out of a front matter and deserializes its
/// value as `T`, ignoring the rest: run on the YAML text (not on a parsed
/// value) so that serde_yaml's error names the path inside the value and
/// the byte where it went wrong.
struct Pick<'k, T> {
    key: &'k str,
    kind: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> serde::de::DeserializeSeed<'de> for Pick<'_, T> {
    type Value = Option<T>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Pick<'_, T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sleutels met waarden")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Value>()? {
            if key.as_str() == Some(self.key) {
                found = Some(map.next_value::<T>()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// What serde_yaml says is wrong inside a value, taken apart.
#[derive(Debug, PartialEq, Eq)]
struct Inner {
    /// The path below the key, e.g. `startjaar` or `[1]` or `[0].label`.
    path: String,
    /// Byte offset in the YAML.
    offset: usize,
    fault: Fault,
}

#[derive(Debug, PartialEq, Eq)]
enum Fault {
    /// "invalid type: string \"x\", expected u16": the kind found and the
    /// type expected, in serde's words.
    Type { found: String, expected: String },
    /// "invalid value: integer `99999`, expected u16".
    Value { expected: String },
    /// "unknown field `x`, expected one of `a`, `b`".
    UnknownField { field: String, allowed: Vec<String> },
    /// "missing field `x`".
    MissingField { field: String },
    /// Anything else (an untagged enum that matched no variant).
    Other,
}

/// The error of deserializing `key` of `yaml` as `T`, if any, with its path
/// below `key` and its place.
fn inner_error<T: DeserializeOwned>(yaml: &str, key: &str) -> Option<Inner> {
    use serde::de::DeserializeSeed;
    let pick = Pick::<T> {
        key,
        kind: std::marker::PhantomData,
    };
    let err = pick
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()?;
    let offset = err.location().map_or(0, |l| l.index());
    let text = err.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text);
    let (path, message) = match text.strip_prefix(key) {
        Some(rest) if rest.starts_with(['.', '[']) => match rest.split_once(": ") {
            Some((path, message)) => (path.trim_start_matches('.').to_string(), message),
            None => (String::new(), rest),
        },
        Some(rest) if rest.starts_with(": ") => (String::new(), &rest[2..]),
        _ => (String::new(), text),
    };
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let fault = if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let found = found.split([' ', '`']).next().unwrap_or(found);
        let found = match found {
            "floating" => "floating point",
            other => other,
        };
        Fault::Type {
            found: found.to_string(),
            expected: expected.to_string(),
        }
    } else if let Some(rest) = message.strip_prefix("invalid value: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        Fault::Value {
            expected: expected.to_string(),
        }
    } else if message.starts_with("unknown field ") {
        let mut names = ticked(message);
        let field = if names.is_empty() {
            String::new()
        } else {
            names.remove(0)
        };
        Fault::UnknownField {
            field,
            allowed: names,
        }
    } else if message.starts_with("missing field ") {
        Fault::MissingField {
            field: ticked(message).into_iter().next().unwrap_or_default(),
        }
    } else {
        Fault::Other
    };
    Some(Inner {
        path,
        offset,
        fault,
    })
}

/// serde's name of an expected type in words for editors; `key` decides
/// whether a number is a year.
fn expected_words(expected: &str, key: &str) -> &'static str {
    let year = key.contains("jaar") || key.contains("jaren");
    match expected {
        "u16" | "u32" | "u64" | "i64" | "i32" | "u8" if year => "een jaartal, zoals 2026",
        "u16" | "u32" | "u64" | "i64" | "i32" | "u8" => "een geheel getal, zoals 31",
        "a string" => "tekst tussen aanhalingstekens, zoals \"Afgerond\"",
        "a sequence" => "een lijst, zoals [31, 34], of regels die met `- ` beginnen",
        "a boolean" => "true of false",
        e if e.starts_with("struct ") || e == "a map" => {
            "sleutels met waarden, elk op een eigen regel"
        }
        _ => "een waarde zoals in het voorbeeld in de README",
    }
}

/// serde's name of a kind of value in words.
fn found_words(found: &str) -> &'static str {
    match found {
        "string" => "tekst",
        "integer" => "een getal",
        "floating point" => "een getal met een punt",
        "sequence" => "een lijst",
        "map" => "sleutels met waarden",
        "boolean" => "ja/nee",
        "unit" | "null" => "niets",
        _ => "een waarde",
    }
}

/// A path below a key in words: `startjaar` under `nog_niet_gemonitord`,
/// the 2nd item of `jaren`.
fn path_words(key: &str, path: &str) -> String {
    let mut words = format!("`{key}`");
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            words = format!("`{name}` onder {words}");
        }
        for index in indexes.split(['[', ']']).filter(|p| !p.is_empty()) {
            if let Ok(i) = index.parse::<usize>() {
                words = format!("het {}e item van {words}", i + 1);
            }
        }
    }
    words
}

/// The value as the editor typed it, starting at byte `offset` of `text`:
/// a quoted text with its quotes, else up to `,` `]` `}` a comment or the
/// end of the line.
pub(super) fn typed_at(text: &str, offset: usize) -> &str {
    let Some(rest) = text.get(offset..) else {
        return "";
    };
    let line = rest.split('\n').next().unwrap_or_default();
    let end = match line.chars().next() {
        Some(q @ ('"' | '\'')) => line[1..].find(q).map_or(line.len(), |i| i + 2),
        // A list or mapping between brackets: up to its closing bracket.
        Some(open @ ('[' | '{')) => {
            let close = if open == '[' { ']' } else { '}' };
            let mut depth = 0usize;
            line.char_indices()
                .find_map(|(i, c)| {
                    if c == open {
                        depth += 1;
                    } else if c == close {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    None
                })
                .unwrap_or(line.len())
        }
        _ => line
            .find([',', ']', '}'])
            .into_iter()
            .chain(line.find(" #"))
            .min()
            .unwrap_or(line.len()),
    };
    line[..end].trim_end()
}

impl Fields<'_> {
    /// Reports that the value of `key` is not what `expected` says: at the
    /// place inside the value where it goes wrong, else at the key with
    /// what was found (and what was probably meant).
    pub(super) fn wrong_value<T: DeserializeOwned>(
        &mut self,
        key: &str,
        value: &Value,
        expected: &'static str,
    ) {
        if let Some(inner) = inner_error::<T>(self.yaml, key)
            && self.push_inner(key, value, expected, inner)
        {
            return;
        }
        let location = self.at(key);
        let suggestion = if expected == YEARS {
            years_suggestion(value)
        } else if expected == TEXT && matches!(value, Value::Number(_) | Value::Bool(_)) {
            let plain = serde_yaml::to_string(value).unwrap_or_default();
            Some(format!("\"{}\"", plain.trim()))
        } else {
            None
        };
        self.push(
            location,
            Problem::WrongType {
                key: key.to_string(),
                expected,
                found: describe(value).into(),
                suggestion: suggestion.map(Into::into),
            },
        );
    }

    /// Reports a fault inside the value of `key` at its place; `false` when
    /// the fault is the value as a whole (reported by the caller).
    fn push_inner(
        &mut self,
        key: &str,
        value: &Value,
        expected: &'static str,
        inner: Inner,
    ) -> bool {
        let offset = self.yaml_start + inner.offset;
        let typed = typed_at(self.yaml, inner.offset);
        let location = Location::span(self.file, offset, offset + typed.len());
        let path: Box<str> = path_words(key, &inner.path).into();
        let problem = match inner.fault {
            Fault::UnknownField { field, allowed } => {
                self.push_unknown_sub_key(key, &inner.path, inner.offset, field, allowed);
                return true;
            }
            Fault::MissingField { field } => {
                let parent = if inner.path.is_empty() {
                    key.to_string()
                } else {
                    format!("{key}.{}", inner.path)
                };
                self.push(self.at(key), Problem::MissingSubKey { parent, key: field });
                return true;
            }
            _ if inner.path.is_empty() => return false,
            Fault::Type { found, .. }
                if found == "string" && self.item_swallowed(inner.offset).is_some() =>
            {
                let Some((at, by, above)) = self.item_swallowed(inner.offset) else {
                    return false;
                };
                self.push(
                    Location::at(self.file, self.yaml_start + at),
                    Problem::Indentation {
                        by,
                        deeper: true,
                        above,
                    },
                );
                return true;
            }
            Fault::Type {
                found,
                expected: wanted,
            } => {
                // A number typed between quotes: the number.
                let unquoted = typed.trim_matches(['"', '\'']);
                let number = (found == "string" && wanted.starts_with(['u', 'i']))
                    .then(|| unquoted.parse::<u64>().ok())
                    .flatten()
                    .map(|n| n.to_string().into_boxed_str());
                Problem::WrongValue {
                    path,
                    found: format!("{} (`{}`)", found_words(&found), short(typed)).into(),
                    expected: expected_words(&wanted, &format!("{key}.{}", inner.path)),
                    suggestion: self.value_suggestion(key, value, expected).or(number),
                }
            }
            Fault::Value { expected: wanted } => Problem::WrongValue {
                path,
                found: format!("`{}`, dat kan hier niet", short(typed)).into(),
                expected: expected_words(&wanted, &format!("{key}.{}", inner.path)),
                suggestion: self.value_suggestion(key, value, expected),
            },
            Fault::Other => Problem::WrongValue {
                path,
                found: "een item dat niet klopt (dit item of een van de items eronder)".into(),
                expected,
                suggestion: None,
            },
        };
        self.push(location, problem);
        true
    }

    /// An unknown key inside the value of `key` (at `path` below it, byte
    /// `offset` of the YAML), reported at its own line.
    fn push_unknown_sub_key(
        &mut self,
        key: &str,
        path: &str,
        offset: usize,
        field: String,
        allowed: Vec<String>,
    ) {
        let parent = match path.rsplit_once('.') {
            Some((parent, _)) => format!("{key}.{parent}"),
            None => key.to_string(),
        };
        let parent = parent.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit() || c == '[');
        // The key's own line, not its value.
        let line_start = self.yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
        let indent = self.yaml[line_start..].len()
            - self.yaml[line_start..].trim_start_matches([' ', '-']).len();
        let at = Location::at(self.file, self.yaml_start + line_start + indent);
        self.push(
            at,
            Problem::UnknownSubKey {
                parent: parent.into(),
                key: field.into(),
                allowed: allowed.into(),
            },
        );
    }

    /// A list item at byte `offset` of the YAML whose next line is an item
    /// indented deeper: YAML reads both as one text. The next line's first
    /// character, how much deeper, and the indentation of the item's line.
    fn item_swallowed(&self, offset: usize) -> Option<(usize, usize, usize)> {
        let start = self.yaml[..offset.min(self.yaml.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let mut lines = lines_at(&self.yaml[start..]);
        let (_, line) = lines.next()?;
        let (at, next) = lines.next()?;
        let (here, there) = (indentation(next), indentation(line));
        (line.trim_start().starts_with("- ") && next.trim_start().starts_with("- ") && here > there)
            .then(|| (start + at + here, here - there, there))
    }

    /// What a faulty list of years probably means.
    fn value_suggestion(
        &self,
        key: &str,
        value: &Value,
        expected: &'static str,
    ) -> Option<Box<str>> {
        (expected == YEARS)
            .then(|| years_suggestion(value))
            .flatten()
            .map(|years| format!("{key}: {years}").into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_of_years_suggest_the_list() {
        let list = |s: &str| years_suggestion(&serde_yaml::from_str(s).unwrap());
        assert_eq!(list("[\"2024\", 2025]"), Some("[2024, 2025]".into()));
        assert_eq!(list("[2024.0]"), Some("[2024]".into()));
        assert_eq!(list("[2024-2026]"), Some("[2024, 2025, 2026]".into()));
        assert_eq!(list("[2024-05-01]"), Some("[2024]".into()));
        assert_eq!(list("[\"twee\"]"), None);
    }
}
