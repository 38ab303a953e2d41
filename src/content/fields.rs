//! Typed reading of front matter, key by key, so that every problem is
//! reported at the line of its key with what the key expects.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};
use std::sync::Arc;

use super::frontmatter::Split;
use crate::error::{Diagnostic, Location, Problem};
use crate::model::{
    Actie, Actielijn, Bron, Editie, JarenBron, LegendaItem, Lijst, NietGemonitord, Nummer, Punt,
    SiteMeta, Status, Tekst, valid_id,
};

pub const SITE_KEYS: &[&str] = &[
    "programma",
    "titel",
    "editie",
    "planjaren",
    "uitgevers",
    "website",
    "nog_niet_gemonitord",
    "tijdlijn",
    "legenda",
    "bijlage_bestand",
];
pub const ACTIELIJN_KEYS: &[&str] = &[
    "nummer",
    "korte_titel",
    "titel",
    "operationele_doelen",
    "beoogde_effecten",
];
pub const ACTIE_KEYS: &[&str] = &[
    "nummer",
    "id",
    "titel",
    "status",
    "jaren",
    "jaren_bron",
    "jaren_toelichting",
    "concept",
];

const TEXT: &str = "tekst";
const YEARS: &str = "een lijst van jaartallen, bijvoorbeeld [2024, 2025]";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NietGemonitordFm {
    acties: Vec<u32>,
    startjaar: u16,
    toelichting: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TijdlijnFm {
    uitvoeringsjaar: String,
    geen_uitvoeringsjaar: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegendaFm {
    sleutel: String,
    label: String,
    omschrijving: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PuntFm {
    Tekst(String),
    MetKop { kop: String, tekst: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LijstFm {
    inleiding: Option<String>,
    #[serde(default)]
    punten: Vec<PuntFm>,
}

impl From<LijstFm> for Lijst {
    fn from(fm: LijstFm) -> Lijst {
        Lijst {
            inleiding: fm.inleiding.filter(|s| !s.trim().is_empty()),
            punten: fm
                .punten
                .into_iter()
                .map(|p| match p {
                    PuntFm::Tekst(tekst) => Punt { kop: None, tekst },
                    PuntFm::MetKop { kop, tekst } => Punt {
                        kop: Some(kop),
                        tekst,
                    },
                })
                .collect(),
        }
    }
}

/// The front matter of one page, with the diagnostics it produces.
pub struct Fields<'a> {
    file: &'a str,
    yaml: &'a str,
    yaml_line: usize,
    map: Mapping,
    diags: &'a mut Vec<Diagnostic>,
    /// The whole text of the file, to share the body with ([`Fields::share`]).
    source: Option<Arc<str>>,
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

impl<'a> Fields<'a> {
    /// Parses the YAML; reports syntax errors and a front matter that is not a
    /// mapping.
    pub fn parse(file: &'a str, split: &Split<'a>, diags: &'a mut Vec<Diagnostic>) -> Option<Self> {
        let value: Value = match serde_yaml::from_str(split.yaml) {
            Ok(value) => value,
            Err(err) => {
                let at = err.location().map(|l| (l.line(), l.column()));
                let (message, pos) = yaml_message(&err.to_string(), at);
                let (line, column) =
                    pos.map_or((split.yaml_line, 1), |(l, c)| (split.yaml_line + l - 1, c));
                diags.push(Diagnostic::new(
                    Location::new(file, line, column),
                    Problem::Yaml(message),
                ));
                return None;
            }
        };
        let map = match value {
            Value::Mapping(map) => map,
            Value::Null => Mapping::new(),
            _ => {
                diags.push(Diagnostic::new(
                    Location::new(file, split.yaml_line, 1),
                    Problem::NotAMapping,
                ));
                return None;
            }
        };
        Some(Fields {
            file,
            yaml: split.yaml,
            yaml_line: split.yaml_line,
            map,
            diags,
            source: None,
        })
    }

    /// Lets the page's body share `source`, the file's whole text, instead of
    /// being copied out of it.
    pub fn share(mut self, source: &Arc<str>) -> Self {
        self.source = Some(Arc::clone(source));
        self
    }

    fn body(&self, split: &Split<'_>) -> Tekst {
        match &self.source {
            Some(source) => Tekst::shared(source, split.body),
            None => Tekst::from(split.body),
        }
    }

    /// The line and column of a top-level key's value (or of the key when the
    /// value starts on a later line). Falls back to the opening `---`.
    fn position(&self, key: &str) -> (usize, usize) {
        for (i, line) in self.yaml.lines().enumerate() {
            if let Some(rest) = line.strip_prefix(key) {
                let rest_trimmed = rest.trim_start_matches(' ');
                if let Some(value) = rest_trimmed.strip_prefix(':') {
                    let value_start = line.len() - value.trim_start().len();
                    let column = if value.trim().is_empty() {
                        1
                    } else {
                        value_start + 1
                    };
                    return (self.yaml_line + i, column);
                }
            }
        }
        (self.yaml_line.saturating_sub(1).max(1), 1)
    }

    fn at(&self, key: &str) -> Location {
        let (line, column) = self.position(key);
        Location::new(self.file, line, column)
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
            let (line, _) = self.position(&key);
            self.push(
                Location::new(self.file, line, 1),
                Problem::UnknownKey { key, allowed },
            );
        }
    }

    fn raw(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// An optional key of type `T`.
    fn get<T: DeserializeOwned>(&mut self, key: &str, expected: &'static str) -> Option<T> {
        let value = self.raw(key)?.clone();
        match serde_yaml::from_value(value) {
            Ok(v) => Some(v),
            Err(_) => {
                let location = self.at(key);
                self.push(
                    location,
                    Problem::WrongType {
                        key: key.to_string(),
                        expected,
                    },
                );
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
            let location = Location::new(self.file, self.yaml_line.saturating_sub(1).max(1), 1);
            self.push(location, Problem::MissingKey { key });
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
                    },
                );
                None
            }
        }
    }

    /// The site's front matter.
    pub fn site(&mut self, split: &Split<'_>) -> Option<SiteMeta> {
        self.check_keys(SITE_KEYS);
        let programma = self.text("programma");
        let titel = self.text("titel");
        let editie = self.required::<String>("editie", "jaar en maand, bijvoorbeeld \"2025-11\"");
        let editie = editie.and_then(|text| match Editie::parse(&text) {
            Some(editie) => Some(editie),
            None => {
                let location = self.at("editie");
                self.push(location, Problem::BadEdition { found: text });
                None
            }
        });
        let planjaren = self.years("planjaren").and_then(|years| {
            if years.windows(2).all(|w| w[1] == w[0] + 1) {
                Some(years)
            } else {
                let location = self.at("planjaren");
                self.push(location, Problem::PlanYearsNotConsecutive);
                None
            }
        });
        let uitgevers: Vec<String> = self
            .get("uitgevers", "een lijst van namen")
            .unwrap_or_default();
        let website = self.optional_text("website");
        let nog_niet_gemonitord = self
            .get::<NietGemonitordFm>(
                "nog_niet_gemonitord",
                "acties (lijst van nummers), startjaar (jaartal) en optioneel toelichting (tekst)",
            )
            .map(|fm| NietGemonitord {
                acties: fm.acties,
                startjaar: fm.startjaar,
                toelichting: fm.toelichting.map(|s| s.trim().to_string()),
                line: self.position("nog_niet_gemonitord").0,
            });
        let tijdlijn = self.get::<TijdlijnFm>(
            "tijdlijn",
            "uitvoeringsjaar (tekst) en geen_uitvoeringsjaar (tekst)",
        );
        let legenda = self.legenda();
        let bijlage_bestand = self
            .get::<String>("bijlage_bestand", "een bestandsnaam die eindigt op .html")
            .unwrap_or_else(|| "bijlage.html".to_string());
        let (uitvoeringsjaar, geen_uitvoeringsjaar) = match tijdlijn {
            Some(t) => (t.uitvoeringsjaar, t.geen_uitvoeringsjaar),
            None => (
                "De actie wordt in dit jaar uitgevoerd.".to_string(),
                "De actie wordt in dit jaar niet uitgevoerd.".to_string(),
            ),
        };
        Some(SiteMeta {
            programma: programma?,
            titel: titel?,
            editie: editie?,
            planjaren: planjaren?,
            uitgevers,
            website,
            nog_niet_gemonitord,
            uitvoeringsjaar,
            geen_uitvoeringsjaar,
            legenda: legenda?,
            tekst: self.body(split),
            bijlage_bestand,
            bron: Bron {
                file: self.file.to_string(),
                nummer_line: 1,
                jaren_line: self.position("planjaren").0,
                body_line: split.body_line,
            },
        })
    }

    fn legenda(&mut self) -> Option<Vec<LegendaItem>> {
        let items: Vec<LegendaFm> = self.required(
            "legenda",
            "een lijst met per status: sleutel, label en omschrijving",
        )?;
        let mut legenda: Vec<LegendaItem> = Vec::with_capacity(5);
        let mut ok = true;
        for item in items {
            let Some(status) = Status::from_key(item.sleutel.trim()) else {
                let location = self.at("legenda");
                self.push(
                    location,
                    Problem::UnknownStatus {
                        found: item.sleutel,
                    },
                );
                ok = false;
                continue;
            };
            if legenda.iter().any(|l| l.status == status) {
                let location = self.at("legenda");
                self.push(
                    location,
                    Problem::LegendDuplicateStatus { key: item.sleutel },
                );
                ok = false;
                continue;
            }
            legenda.push(LegendaItem {
                status,
                label: item.label.trim().to_string(),
                omschrijving: item.omschrijving.trim().to_string(),
            });
        }
        for status in Status::ALL {
            if !legenda.iter().any(|l| l.status == status) {
                let location = self.at("legenda");
                self.push(location, Problem::LegendMissingStatus { key: status.key() });
                ok = false;
            }
        }
        legenda.sort_by_key(|l| l.status);
        ok.then_some(legenda)
    }

    fn lijst(&mut self, key: &'static str) -> Lijst {
        self.get::<LijstFm>(
            key,
            "optioneel inleiding (tekst), dan punten: een lijst van teksten of van {kop, tekst}",
        )
        .map(Lijst::from)
        .unwrap_or_default()
    }

    /// The front matter of an actielijn's `_index.md`.
    pub fn actielijn(&mut self, map: String, split: &Split<'_>) -> Option<Actielijn> {
        self.check_keys(ACTIELIJN_KEYS);
        let nummer = self.positive("nummer");
        let korte_titel = self.text("korte_titel");
        let titel = self.text("titel");
        let doelen = self.lijst("operationele_doelen");
        let effecten = self.lijst("beoogde_effecten");
        Some(Actielijn {
            nummer: nummer?,
            korte_titel: korte_titel?,
            titel: titel?,
            doelen,
            effecten,
            tekst: self.body(split),
            map,
            bron: Bron {
                file: self.file.to_string(),
                nummer_line: self.position("nummer").0,
                jaren_line: 0,
                body_line: split.body_line,
            },
            acties: Vec::new(),
        })
    }

    fn nummer(&mut self) -> Option<Nummer> {
        let id = self.get::<String>("id", "een id, bijvoorbeeld pilot-preventie-ronselen");
        let Some(raw) = self.raw("nummer").cloned() else {
            let Some(id) = id else {
                let location = Location::new(self.file, self.yaml_line.saturating_sub(1).max(1), 1);
                self.push(location, Problem::MissingId);
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
            let found = match &raw {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let location = self.at("nummer");
            self.push(location, Problem::BadNumber { found });
        }
        parsed
    }

    /// The front matter of an action.
    pub fn actie(&mut self, split: &Split<'_>) -> Option<Actie> {
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
        let nummer_line = if self.raw("nummer").is_some() {
            self.position("nummer").0
        } else {
            self.position("id").0
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
                nummer_line,
                jaren_line: self.position("jaren").0,
                body_line: split.body_line,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::split;

    fn actie(text: &str) -> (Option<Actie>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let s = split(text).unwrap();
        let result = Fields::parse("a/x.md", &s, &mut diags).and_then(|mut f| f.actie(&s));
        (result, diags)
    }

    const GOOD: &str = "---\nnummer: 15\ntitel: \"Titel\"\nstatus: in-uitvoering\njaren: [2024]\njaren_bron: actieplan\n---\nTekst\n";

    #[test]
    fn reads_a_good_action() {
        let (actie, diags) = actie(GOOD);
        assert!(diags.is_empty(), "{diags:?}");
        let actie = actie.unwrap();
        assert_eq!(actie.nummer, Nummer::Enkel(15));
        assert_eq!(actie.status, Status::InUitvoering);
        assert_eq!(actie.jaren, vec![2024]);
        assert_eq!(actie.bron.nummer_line, 2);
        assert_eq!(actie.bron.jaren_line, 5);
        assert_eq!(actie.bron.body_line, 8);
        assert_eq!(actie.tekst, "Tekst\n");
    }

    #[test]
    fn unknown_status_is_reported_at_its_value() {
        let (actie, diags) = actie(&GOOD.replace("in-uitvoering", "in-uitvoerig"));
        assert!(actie.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].location, Location::new("a/x.md", 4, 9));
        assert_eq!(
            diags[0].problem,
            Problem::UnknownStatus {
                found: "in-uitvoerig".into()
            }
        );
    }

    #[test]
    fn yaml_errors_are_located_in_the_file() {
        let (_, diags) = actie("---\nnummer: 1\ntitel: [unclosed\n---\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].problem.code(), "yaml");
        assert!(diags[0].location.line >= 3, "{:?}", diags[0].location);
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_starts() {
        let (_, diags) = actie("---\nnummer: 1\ntitel: \"open\nstatus: afgerond\n---\n");
        assert_eq!(diags[0].location, Location::new("a/x.md", 3, 8));
        assert_eq!(
            diags[0].problem,
            Problem::Yaml("found unexpected end of stream, while scanning a quoted scalar".into())
        );
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
                "ontbrekende-sleutel",
                "verkeerd-type",
                "onbekende-jaren-bron"
            ]
        );
        assert_eq!(diags[0].location.line, 4);
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
