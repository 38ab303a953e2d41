//! Typed reading of front matter, key by key, so that every problem is
//! reported at the line of its key with what the key expects.
//!
//! This module holds `Fields` and what every kind of page shares: parsing
//! the YAML, finding a key's place in the file, and the typed getters
//! (`get`, `required`, `text`, `years`, …). Each kind of page reads its own
//! keys in its own module (`site.rs`, `actielijn.rs`, `actie.rs`, with
//! `catalogus.rs` for the site's open-data record); what the YAML parser
//! says is put into Dutch in `yaml.rs` (syntax) and `value.rs` (a value of
//! the wrong type).

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};
use std::sync::Arc;

mod actie;
mod actielijn;
mod catalogus;
mod causes;
mod simple;
mod site;
mod value;
mod yaml;

pub use actie::number_fault;

use super::frontmatter::Split;
use crate::error::{Diagnostic, Location, Problem};
use crate::model::Tekst;

const TEXT: &str = "tekst";
const YEARS: &str = "een lijst van jaartallen, bijvoorbeeld [2024, 2025]";

/// The front matter of one page, with the diagnostics it produces.
pub(crate) struct Fields<'a> {
    file: &'a str,
    yaml: &'a str,
    /// Byte offset of the YAML in the file.
    yaml_start: usize,
    map: Mapping,
    diags: &'a mut Vec<Diagnostic>,
    /// The keys that unknown keys are likely typos of: their absence is
    /// already reported with the typo.
    typos: Vec<&'static str>,
    /// The whole text of the file, to share the body with ([`Fields::share`]).
    source: Option<Arc<str>>,
}

impl<'a> Fields<'a> {
    /// Parses the YAML; reports syntax errors and a front matter that is not a
    /// mapping.
    pub(crate) fn parse(
        file: &'a str,
        split: &Split<'a>,
        diags: &'a mut Vec<Diagnostic>,
    ) -> Option<Self> {
        let map = match yaml::read(file, split, diags)? {
            Value::Mapping(map) => map,
            Value::Null => Mapping::new(),
            _ => {
                diags.push(Diagnostic::new(
                    Location::at(file, split.yaml_start),
                    Problem::NotAMapping,
                ));
                return None;
            }
        };
        let mut fields = Fields {
            file,
            yaml: split.yaml,
            yaml_start: split.yaml_start,
            map,
            diags,
            typos: Vec::new(),
            source: None,
        };
        fields.strip_escaped_controls();
        Some(fields)
    }

    /// Removes control characters that YAML escapes made (`"a\0b"`): the
    /// loader removed those typed as they are, these appear only now. A
    /// warning at the key.
    fn strip_escaped_controls(&mut self) {
        fn strip(value: &mut Value) -> Option<char> {
            match value {
                Value::String(text) => {
                    let bad = text
                        .chars()
                        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))?;
                    text.retain(|c| !c.is_control() || matches!(c, '\n' | '\t'));
                    Some(bad)
                }
                Value::Sequence(items) => items
                    .iter_mut()
                    .filter_map(strip)
                    .fold(None, |a, b| a.or(Some(b))),
                Value::Mapping(map) => map
                    .iter_mut()
                    .filter_map(|(_, v)| strip(v))
                    .fold(None, |a, b| a.or(Some(b))),
                Value::Tagged(tagged) => strip(&mut tagged.value),
                _ => None,
            }
        }
        let mut found = Vec::new();
        for (key, value) in self.map.iter_mut() {
            if let Some(c) = strip(value) {
                found.push((key.as_str().unwrap_or_default().to_string(), c));
            }
        }
        for (key, c) in found {
            let location = self.at(&key);
            self.diags.push(Diagnostic::warning(
                location,
                Problem::ControlCharacter {
                    code: format!("U+{:04X}", u32::from(c)),
                },
            ));
        }
    }

    /// Lets the page's body share `source`, the file's whole text, instead of
    /// being copied out of it.
    pub(crate) fn share(mut self, source: &Arc<str>) -> Self {
        self.source = Some(Arc::clone(source));
        self
    }

    fn body(&self, split: &Split<'_>) -> Tekst {
        match &self.source {
            Some(source) => Tekst::shared(source, split.body),
            None => Tekst::from(split.body),
        }
    }

    /// The byte offset in the file of the line of a top-level `key:`.
    fn key_offset(&self, key: &str) -> Option<usize> {
        let mut start = 0;
        for line in self.yaml.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(key)
                && rest.trim_start_matches(' ').starts_with(':')
            {
                return Some(self.yaml_start + start);
            }
            start += line.len();
        }
        None
    }

    /// The byte offset in the file of a top-level key's value (or of the key
    /// when the value starts on a later line). Falls back to the opening
    /// `---`.
    fn offset(&self, key: &str) -> usize {
        let Some(line_start) = self.key_offset(key) else {
            return 0;
        };
        let line = self.file_line(line_start);
        let after_colon = line[key.len()..]
            .find(':')
            .map_or(line.len(), |i| key.len() + i + 1);
        let value = &line[after_colon..];
        if value.trim().is_empty() {
            line_start
        } else {
            line_start + line.len() - value.trim_start().len()
        }
    }

    /// The line of the YAML starting at byte `start` of the file, without its
    /// line break.
    fn file_line(&self, start: usize) -> &'a str {
        let yaml: &'a str = self.yaml;
        let rest = yaml
            .get(start.saturating_sub(self.yaml_start)..)
            .unwrap_or("");
        rest.split('\n').next().unwrap_or("")
    }

    fn at(&self, key: &str) -> Location {
        Location::at(self.file, self.offset(key))
    }

    /// The lines of the block under a top-level `key:`: (byte offset in the
    /// file, line without line break), up to the next top-level key.
    fn block(&self, key: &str) -> Vec<(usize, &'a str)> {
        let Some(start) = self.key_offset(key) else {
            return Vec::new();
        };
        let yaml: &'a str = self.yaml;
        let mut offset = start;
        let mut lines = Vec::new();
        for (i, line) in yaml[start - self.yaml_start..]
            .split_inclusive('\n')
            .enumerate()
        {
            let bare = line.trim_end_matches('\n');
            let top_level = !bare.starts_with([' ', '\t', '#']) && !bare.trim().is_empty();
            if i > 0 && top_level {
                break;
            }
            lines.push((offset, bare));
            offset += line.len();
        }
        lines
    }

    /// The byte offsets of the values of `sub:` inside the block of `key`
    /// (also as `- sub:`), in order.
    fn nested_offsets(&self, key: &str, sub: &str) -> Vec<usize> {
        self.block(key)
            .into_iter()
            .skip(1)
            .filter_map(|(offset, line)| {
                let trimmed = line.trim_start();
                let trimmed = trimmed.strip_prefix("- ").map_or(trimmed, str::trim_start);
                let rest = trimmed.strip_prefix(sub)?.trim_start_matches(' ');
                let value = rest.strip_prefix(':')?;
                let value_start = line.len() - value.trim_start().len();
                Some(if value.trim().is_empty() {
                    offset + line.len() - trimmed.len()
                } else {
                    offset + value_start
                })
            })
            .collect()
    }

    /// Where the text of `key.sub` starts in the file: where `text` (its
    /// parsed value) appears from the value on, else its first line, else
    /// the value itself.
    fn text_offset(&self, key: &str, sub: &str, text: Option<&str>) -> usize {
        let Some(&value) = self.nested_offsets(key, sub).first() else {
            return self.offset(key);
        };
        let Some(text) = text else {
            return value;
        };
        let yaml_end = self.yaml_start + self.yaml.len();
        let rest = &self.yaml[value - self.yaml_start..yaml_end - self.yaml_start];
        let first_line = text.lines().next().unwrap_or_default();
        [text, first_line]
            .iter()
            .filter(|t| !t.is_empty())
            .find_map(|t| rest.find(*t))
            .map_or(value, |i| value + i)
    }

    /// The opening `---`: where a missing key is reported.
    fn top(&self) -> Location {
        Location::at(self.file, 0)
    }

    fn push(&mut self, location: Location, problem: Problem) {
        self.diags.push(Diagnostic::new(location, problem));
    }

    fn check_keys(&mut self, allowed: &'static [&'static str]) {
        let unknown: Vec<String> = self
            .map
            .keys()
            .map(|key| match key {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            })
            .filter(|key| !allowed.contains(&key.as_str()))
            .collect();
        for key in unknown {
            self.typos.extend(crate::error::suggest(&key, allowed));
            let location = Location::at(self.file, self.key_offset(&key).unwrap_or(0));
            self.push(location, Problem::UnknownKey { key, allowed });
        }
    }

    fn raw(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// An optional key of type `T`.
    fn get<T: DeserializeOwned>(&mut self, key: &str, expected: &'static str) -> Option<T> {
        let value = self.raw(key)?;
        match T::deserialize(value) {
            Ok(v) => Some(v),
            Err(_) => {
                let value = value.clone();
                self.wrong_value::<T>(key, &value, expected);
                None
            }
        }
    }

    /// A required key of type `T`.
    fn required<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
        expected: &'static str,
    ) -> Option<T> {
        if self.raw(key).is_none() {
            if !self.typos.contains(&key) {
                let location = self.top();
                self.push(location, Problem::MissingKey { key });
            }
            return None;
        }
        self.get(key, expected)
    }

    /// A required, non-empty text.
    fn text(&mut self, key: &'static str) -> Option<String> {
        let text: String = self.required(key, TEXT)?;
        if text.trim().is_empty() {
            let location = self.at(key);
            self.push(location, Problem::Empty { key: key.into() });
            return None;
        }
        Some(text.trim().to_string())
    }

    fn optional_text(&mut self, key: &str) -> Option<String> {
        self.get::<String>(key, TEXT)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// A list of years: whole numbers, each once, returned ascending.
    fn years(&mut self, key: &'static str) -> Option<Vec<u16>> {
        let raw: Vec<i64> = self.required(key, YEARS)?;
        let mut years = Vec::with_capacity(raw.len());
        for year in raw {
            let Ok(year) = u16::try_from(year) else {
                let location = self.at(key);
                self.push(
                    location,
                    Problem::WrongType {
                        key: key.into(),
                        expected: YEARS,
                        found: format!("een getal (`{year}`) dat geen jaartal is").into(),
                        suggestion: None,
                    },
                );
                return None;
            };
            if years.contains(&year) {
                let location = self.at(key);
                self.push(location, Problem::DuplicateYear { year });
            } else {
                years.push(year);
            }
        }
        if years.is_empty() {
            let location = self.at(key);
            self.push(location, Problem::Empty { key: key.into() });
            return None;
        }
        years.sort_unstable();
        Some(years)
    }

    fn positive(&mut self, key: &'static str) -> Option<u32> {
        let n: i64 = self.required(key, "een geheel getal vanaf 1")?;
        match u32::try_from(n) {
            Ok(n) if n > 0 => Some(n),
            _ => {
                let location = self.at(key);
                self.push(
                    location,
                    Problem::BadNumber {
                        found: n.to_string(),
                        reason: "nummers beginnen bij 1",
                        suggestion: None,
                    },
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::split;
    use crate::model::Actie;

    pub(super) fn actie(text: &str) -> (Option<Actie>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let s = split(text).unwrap();
        let result = Fields::parse("a/x.md", &s, &mut diags).and_then(|mut f| f.actie(&s));
        (result, diags)
    }

    /// Line and column of a diagnostic in `text`, as the report shows them.
    pub(super) fn place(text: &str, diagnostic: &Diagnostic) -> (usize, usize) {
        let span = diagnostic.location.span.expect("a span");
        crate::report::line_column(text, span.start())
    }

    pub(super) const GOOD: &str = "---\nnummer: 15\ntitel: \"Titel\"\nstatus: in-uitvoering\njaren: [2024]\njaren_bron: actieplan\n---\nTekst\n";

    #[test]
    fn yaml_errors_are_located_in_the_file() {
        let text = "---\nnummer: 1\ntitel: [unclosed\n---\n";
        let (_, diags) = actie(text);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].problem.code(), "yaml");
        assert!(place(text, &diags[0]).0 >= 3, "{:?}", diags[0].location);
    }

    #[test]
    fn a_typo_of_a_required_key_is_reported_once() {
        let (_, diags) = actie(&GOOD.replace("status:", "stauts:"));
        let codes: Vec<&str> = diags.iter().map(|d| d.problem.code()).collect();
        assert_eq!(codes, vec!["onbekende-sleutel"]);
    }

    #[test]
    fn reports_every_problem_of_a_page() {
        let text = "---\nnummer: \"4/3\"\ntitel: \"\"\nstauts: afgerond\njaren: 2024\njaren_bron: gok\n---\n";
        let (_, diags) = actie(text);
        let codes: Vec<&str> = diags.iter().map(|d| d.problem.code()).collect();
        assert_eq!(
            codes,
            vec![
                "onbekende-sleutel",
                "ongeldig-nummer",
                "leeg",
                // No "ontbrekende-sleutel" for `status`: `stauts` says it.
                "verkeerd-type",
                "onbekende-jaren-bron"
            ]
        );
        assert_eq!(place(text, &diags[0]).0, 4);
    }
}
