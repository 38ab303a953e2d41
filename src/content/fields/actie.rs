//! The front matter of an action page (`<actielijn>/<nummer>-….md`).

use serde_yaml::Value;

use super::Fields;
use super::value::typed_at;
use crate::content::frontmatter::Split;
use crate::error::{Diagnostic, Location, Problem};
use crate::model::{Actie, Bron, JarenBron, Nummer, Status, valid_id};

pub(crate) const ACTIE_KEYS: &[&str] = &[
    "nummer",
    "id",
    "titel",
    "status",
    "jaren",
    "jaren_bron",
    "jaren_toelichting",
    "concept",
];

/// Why a number such as `3//4`, `3/3` or `4/3` is not a valid action number,
/// and the number probably meant.
pub fn number_fault(text: &str) -> (&'static str, Option<String>) {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // `31.` or `31.0` or `31,`: a whole number with a point.
    if let Some((whole, fraction)) = text.trim().split_once(['.', ','])
        && digits(whole)
        && fraction.bytes().all(|b| b == b'0')
    {
        let whole = whole.trim_start_matches('0');
        return (
            "een nummer heeft geen punt of komma",
            (!whole.is_empty()).then(|| whole.to_string()),
        );
    }
    if digits(text.trim()) && text.trim().parse::<u32>().is_err() {
        return ("dit getal is te groot voor een actienummer", None);
    }
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    if parts.iter().all(|p| p.is_empty()) {
        return ("er staat geen nummer", None);
    }
    let numbers: Vec<u32> = parts
        .iter()
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse::<u32>().ok())
        .collect();
    let non_empty = parts.iter().filter(|p| !p.is_empty()).count();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    sorted.dedup();
    let suggestion = (numbers.len() == non_empty && !sorted.is_empty() && !sorted.contains(&0))
        .then(|| {
            let parts: Vec<String> = sorted.iter().map(u32::to_string).collect();
            parts.join("/")
        })
        .filter(|s| s != text);
    let reason = if numbers.len() != non_empty {
        "alleen cijfers en `/` zijn toegestaan"
    } else if parts.iter().any(|p| p.is_empty()) {
        "er staat een lege plek tussen de schuine strepen"
    } else if numbers.contains(&0) {
        "nummers beginnen bij 1"
    } else if sorted.len() < numbers.len() {
        "een nummer staat er twee keer in"
    } else {
        "de nummers lopen niet op"
    };
    (reason, suggestion)
}

impl Fields<'_> {
    fn nummer(&mut self) -> Option<Nummer> {
        let id = self.get::<String>("id", "een id, bijvoorbeeld pilot-preventie-ronselen");
        let Some(raw) = self.raw("nummer").cloned() else {
            let Some(id) = id else {
                if !self.typos.contains(&"nummer") && !self.typos.contains(&"id") {
                    let location = self.top();
                    self.push(location, Problem::MissingId);
                }
                return None;
            };
            if !valid_id(&id) {
                let location = self.at("id");
                self.push(location, Problem::BadId { id });
                return None;
            }
            return Some(Nummer::Extra(id));
        };
        if id.is_some() {
            let location = self.at("id");
            self.push(location, Problem::IdWithNumber);
        }
        let parsed = match &raw {
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|&n| n > 0)
                .map(Nummer::Enkel),
            Value::String(s) => Nummer::parse(s),
            _ => None,
        };
        if parsed.is_none() {
            // As typed: `31.` is shown as `31.`, not as YAML's `31.0`.
            let offset = self.offset("nummer");
            let typed = typed_at(self.yaml, offset.saturating_sub(self.yaml_start));
            let found = match &raw {
                Value::String(s) => s.clone(),
                _ if !typed.is_empty() => typed.to_string(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let location = self.at("nummer");
            let (reason, suggestion) = match &raw {
                Value::String(_) | Value::Number(_) => number_fault(&found),
                _ => ("een nummer is een getal of tekst als \"3/4\"", None),
            };
            self.push(
                location,
                Problem::BadNumber {
                    found,
                    reason,
                    suggestion: suggestion.map(Into::into),
                },
            );
        }
        parsed
    }

    /// The front matter of an action.
    pub(crate) fn actie(&mut self, split: &Split<'_>) -> Option<Actie> {
        self.check_keys(ACTIE_KEYS);
        let nummer = self.nummer();
        let titel = self.text("titel");
        let status = self.required::<String>("status", "een van de vijf statussleutels");
        let status = status.and_then(|key| match Status::from_key(key.trim()) {
            Some(status) => Some(status),
            None => {
                let location = self.at("status");
                self.push(location, Problem::UnknownStatus { found: key });
                None
            }
        });
        let jaren = self.years("jaren");
        let jaren_bron = self
            .required::<String>("jaren_bron", "actieplan, titel of periode")
            .and_then(|key| match JarenBron::from_key(key.trim()) {
                Some(bron) => Some(bron),
                None => {
                    let location = self.at("jaren_bron");
                    self.push(location, Problem::UnknownYearSource { found: key });
                    None
                }
            });
        let jaren_toelichting = self.optional_text("jaren_toelichting");
        let concept = self
            .get::<bool>("concept", "true of false")
            .unwrap_or(false);
        if split.body.trim().is_empty()
            && let Some(nummer) = &nummer
        {
            let label = match nummer {
                Nummer::Extra(id) => id.clone(),
                other => other.to_string(),
            };
            // The closing `---`.
            let location = Location::at(self.file, split.yaml_start + split.yaml.len());
            self.diags.push(Diagnostic::warning(
                location,
                Problem::EmptyProgress { label },
            ));
        }
        let nummer_at = if self.raw("nummer").is_some() {
            self.offset("nummer")
        } else {
            self.offset("id")
        };
        Some(Actie {
            nummer: nummer?,
            titel: titel?,
            status: status?,
            jaren: jaren?,
            jaren_bron: jaren_bron?,
            jaren_toelichting,
            concept,
            tekst: self.body(split),
            bron: Bron {
                file: self.file.to_string(),
                nummer_at,
                jaren_at: self.offset("jaren"),
                body_at: split.body_start,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields::tests::{GOOD, actie, place};

    #[test]
    fn reads_a_good_action() {
        let (actie, diags) = actie(GOOD);
        assert!(diags.is_empty(), "{diags:?}");
        let actie = actie.unwrap();
        assert_eq!(actie.nummer, Nummer::Enkel(15));
        assert_eq!(actie.status, Status::InUitvoering);
        assert_eq!(actie.jaren, vec![2024]);
        assert_eq!(&GOOD[actie.bron.nummer_at..][..2], "15");
        assert_eq!(&GOOD[actie.bron.jaren_at..][..6], "[2024]");
        assert_eq!(&GOOD[actie.bron.body_at..], "Tekst\n");
        assert_eq!(actie.tekst, "Tekst\n");
    }

    #[test]
    fn unknown_status_is_reported_at_its_value() {
        let text = GOOD.replace("in-uitvoering", "in-uitvoerig");
        let (actie, diags) = actie(&text);
        assert!(actie.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(place(&text, &diags[0]), (4, 9));
        assert_eq!(
            diags[0].problem,
            Problem::UnknownStatus {
                found: "in-uitvoerig".into()
            }
        );
    }

    #[test]
    fn number_faults_say_why_and_suggest() {
        assert_eq!(
            number_fault("31."),
            ("een nummer heeft geen punt of komma", Some("31".into()))
        );
        assert_eq!(number_fault("99999999999").1, None);
        assert_eq!(
            number_fault("3//4"),
            (
                "er staat een lege plek tussen de schuine strepen",
                Some("3/4".into())
            )
        );
        assert_eq!(
            number_fault("3/3"),
            ("een nummer staat er twee keer in", Some("3".into()))
        );
        assert_eq!(
            number_fault("4/3"),
            ("de nummers lopen niet op", Some("3/4".into()))
        );
        assert_eq!(number_fault("drie").1, None);
    }

    #[test]
    fn combined_and_extra_entries() {
        let (a, _) = actie(&GOOD.replace("nummer: 15", "nummer: \"3/4\""));
        assert_eq!(a.unwrap().nummer, Nummer::Gecombineerd(vec![3, 4]));
        let (a, diags) = actie(&GOOD.replace("nummer: 15", "id: pilot-x"));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(a.unwrap().nummer, Nummer::Extra("pilot-x".into()));
        let (_, diags) = actie(&GOOD.replace("nummer: 15\n", ""));
        assert_eq!(diags[0].problem, Problem::MissingId);
    }
}
