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
    "vorige_editie",
    "wijzigingen_in_bijlage",
    "ruwe_html",
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
    /// The keys that unknown keys are likely typos of: their absence is
    /// already reported with the typo.
    typos: Vec<&'static str>,
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
    match message.split_once(", ") {
        Some((h, t)) => match (head(h), tail(t)) {
            (Some(h), Some(t)) => format!("{h} ({t})"),
            _ => message.to_string(),
        },
        None => head(message).map_or_else(|| message.to_string(), str::to_string),
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

/// The first line, up to `until` (1-based, in the YAML), whose value opens a
/// quote that the line does not close: the likely cause of a YAML error, as
/// a quoted text may run over lines and so swallow what follows. Returns the
/// line and the column (in characters) of the opening quote.
fn unclosed_quote(yaml: &str, until: usize) -> Option<(usize, usize)> {
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

/// What a YAML value is, in words, for "hier staat …".
fn describe(value: &Value) -> String {
    fn short(text: &str) -> String {
        let mut out: String = text.chars().take(40).collect();
        if out.len() < text.len() {
            out.push('…');
        }
        out
    }
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

/// A list of years written as one year or as text: `2024` or "2024, 2025"
/// becomes `[2024, 2025]`.
fn years_suggestion(value: &Value) -> Option<String> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    let years: Vec<u16> = text
        .split([',', ' ', ';'])
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<u16>().ok().filter(|y| (1900..=2200).contains(y)))
        .collect::<Option<_>>()?;
    (!years.is_empty()).then(|| {
        let parts: Vec<String> = years.iter().map(u16::to_string).collect();
        format!("[{}]", parts.join(", "))
    })
}

/// Why a number such as `3//4`, `3/3` or `4/3` is not a valid action number,
/// and the number probably meant.
pub fn number_fault(text: &str) -> (&'static str, Option<String>) {
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

impl<'a> Fields<'a> {
    /// Parses the YAML; reports syntax errors and a front matter that is not a
    /// mapping.
    pub fn parse(file: &'a str, split: &Split<'a>, diags: &'a mut Vec<Diagnostic>) -> Option<Self> {
        if let Some(offset) = super::frontmatter::too_deep(split.yaml) {
            let before = &split.yaml[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let location = Location::new(
                file,
                split.yaml_line + before.matches('\n').count(),
                before[line_start..].chars().count() + 1,
            );
            diags.push(Diagnostic::new(
                location,
                Problem::TooDeep {
                    what: "de front matter (haakjes [ en {)",
                    limit: super::frontmatter::MAX_YAML_DEPTH,
                },
            ));
            return None;
        }
        let value: Value = match serde_yaml::from_str(split.yaml) {
            Ok(value) => value,
            Err(err) => {
                let at = err.location().map(|l| (l.line(), l.column()));
                let (message, pos) = yaml_message(&err.to_string(), at);
                let (line, column) = pos.map_or((split.yaml_line, 1), |(l, c)| {
                    (split.yaml_line + l.max(1) - 1, c.max(1))
                });
                let error_line = pos.map_or(usize::MAX, |(l, _)| l);
                let (problem, line, column) = if let Some(key) = duplicate_key(&message) {
                    let (line, column) = second_key_line(split.yaml, &key)
                        .map_or((line, column), |l| (split.yaml_line + l - 1, 1));
                    (Problem::DuplicateKey { key }, line, column)
                } else if let Some((l, c)) = unclosed_quote(split.yaml, error_line) {
                    (Problem::UnclosedQuote, split.yaml_line + l - 1, c)
                } else {
                    (Problem::Yaml(yaml_dutch(&message)), line, column)
                };
                diags.push(Diagnostic::new(Location::new(file, line, column), problem));
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
        let mut fields = Fields {
            file,
            yaml: split.yaml,
            yaml_line: split.yaml_line,
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
            self.typos.extend(crate::error::suggest(&key, allowed));
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
        match serde_yaml::from_value(value.clone()) {
            Ok(v) => Some(v),
            Err(_) => {
                let location = self.at(key);
                let suggestion = if expected == YEARS {
                    years_suggestion(&value)
                } else if expected == TEXT && matches!(value, Value::Number(_) | Value::Bool(_)) {
                    let plain = serde_yaml::to_string(&value).unwrap_or_default();
                    Some(format!("\"{}\"", plain.trim()))
                } else {
                    None
                };
                self.push(
                    location,
                    Problem::WrongType {
                        key: key.to_string(),
                        expected,
                        found: describe(&value).into(),
                        suggestion: suggestion.map(Into::into),
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
            if !self.typos.contains(&key) {
                let location = Location::new(self.file, self.yaml_line.saturating_sub(1).max(1), 1);
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
        let website = self.optional_text("website").filter(|url| {
            // The rule of Markdown links: `javascript:` and the like are
            // dropped with a warning.
            let safe = crate::url::is_safe_url(url);
            if !safe {
                let location = self.at("website");
                self.diags.push(Diagnostic::warning(
                    location,
                    Problem::UnsafeLink { url: url.clone() },
                ));
            }
            safe
        });
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
        const ANNEX_NAME: &str = "een bestandsnaam zonder map die eindigt op .html, niet index.html, actielijn-N.html of wijzigingen.html";
        let bijlage_bestand = match self.get::<String>("bijlage_bestand", ANNEX_NAME) {
            None => "bijlage.html".to_string(),
            Some(name) => {
                let plain = name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
                    && !name.starts_with('.');
                let taken = crate::render::PAGE_NAMES.contains(&name.as_str())
                    || name.starts_with("actielijn-");
                if plain && name.len() > 5 && name.ends_with(".html") && !taken {
                    name
                } else {
                    let location = self.at("bijlage_bestand");
                    self.push(
                        location,
                        Problem::WrongType {
                            key: "bijlage_bestand".into(),
                            expected: ANNEX_NAME,
                            found: format!("`{name}`").into(),
                            suggestion: None,
                        },
                    );
                    "bijlage.html".to_string()
                }
            }
        };
        let ruwe_html = self
            .get::<bool>("ruwe_html", "true of false")
            .unwrap_or(false);
        let (uitvoeringsjaar, geen_uitvoeringsjaar) = match tijdlijn {
            Some(t) => (t.uitvoeringsjaar, t.geen_uitvoeringsjaar),
            None => (
                "De actie wordt in dit jaar uitgevoerd.".to_string(),
                "De actie wordt in dit jaar niet uitgevoerd.".to_string(),
            ),
        };
        let vorige_editie = self.optional_text("vorige_editie");
        let wijzigingen_in_bijlage = self
            .get::<bool>("wijzigingen_in_bijlage", "true of false")
            .unwrap_or(false);
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
            vorige_editie,
            wijzigingen_in_bijlage,
            ruwe_html,
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
                if !self.typos.contains(&"nummer") && !self.typos.contains(&"id") {
                    let location =
                        Location::new(self.file, self.yaml_line.saturating_sub(1).max(1), 1);
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
            let found = match &raw {
                Value::String(s) => s.clone(),
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
        if split.body.trim().is_empty()
            && let Some(nummer) = &nummer
        {
            let label = match nummer {
                Nummer::Extra(id) => id.clone(),
                other => other.to_string(),
            };
            let location = Location::new(self.file, split.body_line.saturating_sub(1).max(1), 1);
            self.diags.push(Diagnostic::warning(
                location,
                Problem::EmptyProgress { label },
            ));
        }
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
        assert_eq!(diags[0].problem, Problem::UnclosedQuote);
        // Also when a later quote closes it and the error comes later.
        let (_, diags) = actie(
            "---\nnummer: 1\ntitel: \"open\nstatus: afgerond\njaren_toelichting: \"x\"\n---\n",
        );
        assert_eq!(diags[0].location, Location::new("a/x.md", 3, 8));
        // A quoted text closed on its line, with an escaped quote, is fine.
        assert_eq!(unclosed_quote("a: \"x \\\" y\"\nb: 'it''s'\n", 9), None);
        assert_eq!(unclosed_quote("a: 1\n- 'open\n", 9), Some((2, 3)));
    }

    #[test]
    fn yaml_messages_are_dutch_with_the_original_as_fallback() {
        assert_eq!(
            yaml_dutch("found unexpected end of stream, while scanning a quoted scalar"),
            "onverwacht einde van de front matter (in de tekst tussen aanhalingstekens die hier begint: het sluitende aanhalingsteken ontbreekt)"
        );
        assert_eq!(yaml_dutch("iets nieuws"), "iets nieuws");
        let (_, diags) = actie("---\nnummer: 1\ntitel: a: b\n---\n");
        assert_eq!(
            diags[0].problem,
            Problem::Yaml(
                "hier mag geen `sleutel: waarde` staan; staat er een dubbele punt met een spatie in een waarde?"
                    .into()
            )
        );
        let (_, diags) = actie("---\nnummer: 1\ntitel: x\nnummer: 2\n---\n");
        assert_eq!(diags[0].location, Location::new("a/x.md", 4, 1));
        assert_eq!(
            diags[0].problem,
            Problem::DuplicateKey {
                key: "nummer".into()
            }
        );
    }

    #[test]
    fn number_faults_say_why_and_suggest() {
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
