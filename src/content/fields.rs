//! Typed reading of front matter, key by key, so that every problem is
//! reported at the line of its key with what the key expects.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};
use std::sync::Arc;

mod catalogus;

use super::frontmatter::Split;
use crate::error::{Diagnostic, Location, Problem, byte_offset};
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
    "catalogus",
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
            inleiding_at: 0,
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

/// Characters that look like a space, or like nothing, but are not a space
/// for YAML: pasted from Word or a web page.
fn invisible(c: char) -> Option<&'static str> {
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

/// The lines of `yaml` with their byte offsets.
fn lines_at(yaml: &str) -> impl Iterator<Item = (usize, &str)> {
    yaml.split_inclusive('\n').scan(0, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line.trim_end_matches('\n')))
    })
}

/// Invisible characters where YAML needs a space: in the indentation, after
/// a `key:`, a list's `-`, or `,` `[` `{` of a list or mapping between
/// brackets; not inside quotes. Byte offset in the YAML, and the character.
fn invisible_characters(yaml: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
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
fn invisible_place(yaml: &str, at: usize) -> String {
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
fn curly_quoted(yaml: &str) -> Vec<(usize, char, char, String)> {
    let mut found = Vec::new();
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
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line indented differently from the line above it, where libyaml
/// stopped at byte `error_at` of `yaml`: the offset of the line's first
/// character, how far off it is, whether deeper, and the indentation above.
fn indentation_fault(yaml: &str, error_at: usize) -> Option<(usize, usize, bool, usize)> {
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
fn typed_at(text: &str, offset: usize) -> &str {
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

impl<'a> Fields<'a> {
    /// Parses the YAML; reports syntax errors and a front matter that is not a
    /// mapping.
    pub fn parse(file: &'a str, split: &Split<'a>, diags: &'a mut Vec<Diagnostic>) -> Option<Self> {
        // Invisible characters where YAML needs a space break the structure
        // in ways libyaml cannot explain: name them, and read no further.
        let invisible = invisible_characters(split.yaml);
        for &(at, c) in &invisible {
            let start = split.yaml_start + at;
            diags.push(Diagnostic::new(
                Location::span(file, start, start + c.len_utf8()),
                Problem::InvisibleCharacter {
                    name: self::invisible(c).unwrap_or("onzichtbaar teken"),
                    code: u32::from(c),
                    place: invisible_place(split.yaml, at).into(),
                },
            ));
        }
        if !invisible.is_empty() {
            return None;
        }
        if let Some(offset) = super::frontmatter::too_deep(split.yaml) {
            diags.push(Diagnostic::new(
                Location::at(file, split.yaml_start + offset),
                Problem::TooDeep {
                    what: "de front matter (haakjes [ en {)",
                    limit: super::frontmatter::MAX_YAML_DEPTH,
                },
            ));
            return None;
        }
        let mut curly = curly_quoted(split.yaml);
        let value: Value = match serde_yaml::from_str(split.yaml) {
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
                value
            }
            // A curly-quoted value on the line of the error or before it is
            // the likely cause.
            Err(err)
                if curly.first().is_some_and(|&(at, ..)| {
                    let error_at = err.location().map_or(split.yaml.len(), |l| l.index());
                    let line_end = split.yaml[error_at.min(split.yaml.len())..]
                        .find('\n')
                        .map_or(split.yaml.len(), |i| error_at + i);
                    at < line_end
                }) =>
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
                return None;
            }
            Err(err) => {
                let at = err.location().map(|l| (l.line(), l.column()));
                let (message, pos) = yaml_message(&err.to_string(), at);
                let yaml_offset =
                    |(l, c): (usize, usize)| byte_offset(split.yaml, l.max(1), c.max(1));
                let offset = pos.map_or(0, yaml_offset);
                let error_line = pos.map_or(usize::MAX, |(l, _)| l);
                let (problem, offset) = if let Some(key) = duplicate_key(&message) {
                    let offset = second_key_line(split.yaml, &key)
                        .map_or(offset, |l| byte_offset(split.yaml, l, 1));
                    (Problem::DuplicateKey { key }, offset)
                } else if message.contains(" as u128") || message.contains(" as i128") {
                    let found = message.split('`').nth(1).unwrap_or_default().to_string();
                    (Problem::NumberTooLarge { found }, offset)
                } else if let Some((l, c)) = unclosed_quote(split.yaml, error_line) {
                    (Problem::UnclosedQuote, byte_offset(split.yaml, l, c))
                } else if let Some((at, by, deeper, above)) = (!message
                    .contains("while scanning a quoted"))
                .then(|| {
                    indentation_fault(split.yaml, err.location().map_or(offset, |l| l.index()))
                })
                .flatten()
                {
                    (Problem::Indentation { by, deeper, above }, at)
                } else {
                    (Problem::Yaml(yaml_dutch(&message)), offset)
                };
                diags.push(Diagnostic::new(
                    Location::at(file, split.yaml_start + offset),
                    problem,
                ));
                return None;
            }
        };
        let map = match value {
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
        let value = self.raw(key)?.clone();
        match serde_yaml::from_value(value.clone()) {
            Ok(v) => Some(v),
            Err(_) => {
                if let Some(inner) = inner_error::<T>(self.yaml, key)
                    && self.push_inner(key, &value, expected, inner)
                {
                    return None;
                }
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
        let short = |text: &str| -> String {
            let mut out: String = text.chars().take(40).collect();
            if out.len() < text.len() {
                out.push('…');
            }
            out
        };
        let path: Box<str> = path_words(key, &inner.path).into();
        let problem = match inner.fault {
            Fault::UnknownField { field, allowed } => {
                let parent = match inner.path.rsplit_once('.') {
                    Some((parent, _)) => format!("{key}.{parent}"),
                    None => key.to_string(),
                };
                let parent =
                    parent.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit() || c == '[');
                // The key's own line, not its value.
                let line_start = self.yaml[..inner.offset].rfind('\n').map_or(0, |i| i + 1);
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
        let catalogus = self.catalogus();
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
            catalogus,
            bron: Bron {
                file: self.file.to_string(),
                nummer_at: 0,
                jaren_at: self.offset("planjaren"),
                body_at: split.body_start,
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
        .map(|mut lijst| {
            lijst.inleiding_at = self.text_offset(key, "inleiding", lijst.inleiding.as_deref());
            lijst
        })
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
                nummer_at: self.offset("nummer"),
                jaren_at: 0,
                body_at: split.body_start,
            },
            acties: Vec::new(),
        })
    }

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
    use crate::content::frontmatter::split;

    fn actie(text: &str) -> (Option<Actie>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let s = split(text).unwrap();
        let result = Fields::parse("a/x.md", &s, &mut diags).and_then(|mut f| f.actie(&s));
        (result, diags)
    }

    /// Line and column of a diagnostic in `text`, as the report shows them.
    fn place(text: &str, diagnostic: &Diagnostic) -> (usize, usize) {
        let span = diagnostic.location.span.expect("a span");
        crate::report::line_column(text, span.start())
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
    fn yaml_errors_are_located_in_the_file() {
        let text = "---\nnummer: 1\ntitel: [unclosed\n---\n";
        let (_, diags) = actie(text);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].problem.code(), "yaml");
        assert!(place(text, &diags[0]).0 >= 3, "{:?}", diags[0].location);
    }

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

    #[test]
    fn list_items_of_years_suggest_the_list() {
        let list = |s: &str| years_suggestion(&serde_yaml::from_str(s).unwrap());
        assert_eq!(list("[\"2024\", 2025]"), Some("[2024, 2025]".into()));
        assert_eq!(list("[2024.0]"), Some("[2024]".into()));
        assert_eq!(list("[2024-2026]"), Some("[2024, 2025, 2026]".into()));
        assert_eq!(list("[2024-05-01]"), Some("[2024]".into()));
        assert_eq!(list("[\"twee\"]"), None);
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
