//! Typed diagnostics. Every problem with the input carries the file, the line
//! and the column it was found at, a Dutch message for editors, and where
//! possible what is allowed instead.

use std::fmt;
use std::path::PathBuf;

/// Where in the content a problem was found. Lines and columns are 1-based; a
/// line of 0 means "the file as a whole".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: impl Into<String>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }

    pub fn file(file: impl Into<String>) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// What is wrong. The `Display` text is the one-line message; [`Problem::help`]
/// says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("het bestand is niet te lezen: {0}")]
    Unreadable(String),
    #[error("het bestand is geen geldige UTF-8-tekst")]
    NotUtf8,
    #[error("het bestand is leeg")]
    EmptyFile,
    #[error("het bestand begint niet met front matter")]
    NoFrontMatter,
    #[error("de front matter wordt nergens afgesloten")]
    UnclosedFrontMatter,
    #[error("de front matter is geen geldige YAML: {0}")]
    Yaml(String),
    #[error("het aanhalingsteken dat hier opent, wordt op deze regel niet gesloten")]
    UnclosedQuote,
    #[error("sleutel `{key}` staat twee keer in de front matter")]
    DuplicateKey { key: String },
    #[error("de front matter moet een lijst van sleutels met waarden zijn")]
    NotAMapping,
    #[error("onbekende sleutel `{key}`")]
    UnknownKey {
        key: String,
        allowed: &'static [&'static str],
    },
    #[error("de verplichte sleutel `{key}` ontbreekt")]
    MissingKey { key: &'static str },
    #[error("`{key}` heeft een verkeerd type: hier staat {found}")]
    WrongType {
        key: String,
        expected: &'static str,
        /// What was written instead, in words ("tekst", "een getal", …).
        found: Box<str>,
        /// The value as it should probably be written.
        suggestion: Option<Box<str>>,
    },
    #[error("`{key}` is leeg")]
    Empty { key: String },
    #[error("status `{found}` bestaat niet")]
    UnknownStatus { found: String },
    #[error("`jaren_bron` `{found}` bestaat niet")]
    UnknownYearSource { found: String },
    #[error("jaar {year} valt buiten de planjaren {first}–{last}")]
    YearOutsidePlan { year: i64, first: u16, last: u16 },
    #[error("jaar {year} staat twee keer in `jaren`")]
    DuplicateYear { year: u16 },
    #[error("de planjaren moeten opeenvolgend en oplopend zijn")]
    PlanYearsNotConsecutive,
    #[error("editie `{found}` is geen jaar en maand")]
    BadEdition { found: String },
    #[error("nummer `{found}` is ongeldig: {reason}")]
    BadNumber {
        found: String,
        reason: &'static str,
        suggestion: Option<Box<str>>,
    },
    #[error("actie {number} komt ook voor in {other}")]
    DuplicateNumber { number: u32, other: String },
    #[error("id `{id}` komt ook voor in {other}")]
    DuplicateId { id: String, other: String },
    #[error("een actie zonder `nummer` heeft een `id` nodig")]
    MissingId,
    #[error("id `{id}` is ongeldig")]
    BadId { id: String },
    #[error("`id` is alleen voor extra acties zonder `nummer`")]
    IdWithNumber,
    #[error("actielijn {number} komt ook voor in {other}")]
    DuplicateActielijn { number: u32, other: String },
    #[error("dit actiebestand staat niet in een actielijnmap")]
    ActionOutsideActielijn,
    #[error("de map `{folder}` heeft geen `_index.md`")]
    FolderWithoutIndex { folder: String },
    #[error("mappen binnen een actielijnmap worden niet gelezen")]
    NestedFolder,
    #[error("de contentmap `{path}` {what}")]
    ContentDir { path: String, what: String },
    #[error("de site heeft geen `_index.md` in de hoofdmap van de content")]
    MissingSiteIndex,
    #[error("de legenda mist status `{key}`")]
    LegendMissingStatus { key: &'static str },
    #[error("status `{key}` staat twee keer in de legenda")]
    LegendDuplicateStatus { key: String },
    #[error(
        "actie {number} staat in `nog_niet_gemonitord` maar heeft ook een actiepagina ({other})"
    )]
    UnmonitoredHasPage { number: u32, other: String },
    #[error("verwijzing naar actie `{target}`, die niet bestaat")]
    BrokenReference { target: String },
    #[error("map of bestand niet te lezen: {0}")]
    Walk(String),
    #[error("symbolische link `{link}` vormt een lus: hij wijst naar `{target}`, een map erboven")]
    SymlinkLoop { link: String, target: String },
    #[error("dit bestand wordt overgeslagen: alleen `.md`-bestanden worden gelezen")]
    IgnoredFile,
    #[error("actie {label} heeft geen voortgangstekst")]
    EmptyProgress { label: String },
    #[error("ruwe HTML in de tekst wordt opgeschoond")]
    RawHtml,
    #[error("link `{url}` wordt verwijderd: dit soort link is niet toegestaan")]
    UnsafeLink { url: String },
    #[error("de uitvoermap `{path}` is {what}")]
    OutputProtected { path: String, what: String },
    #[error("de uitvoermap `{path}` is geen map")]
    OutputNotADir { path: String },
    #[error("het reviewbestand `{path}` ligt op een verboden plek: {what}")]
    ReviewFile { path: String, what: String },
    #[error("pagina `{page}` van de reviewversie toont de CONCEPT-markering niet")]
    ReviewUnmarked { page: String },
    #[error("de uitvoermap `{path}` bevat bestanden die bijlage niet schreef: {}", .files.join(", "))]
    OutputForeign { path: String, files: Vec<String> },
    #[error("thema `{name}` bestaat niet")]
    ThemeNotFound {
        name: String,
        available: Vec<String>,
    },
    #[error("fout in template `{template}`: {message}")]
    Template { template: String, message: String },
    #[error("schrijven naar de uitvoermap mislukt: {0}")]
    Output(String),
    // Spreadsheets (`bijlage export`, `bijlage import`). `cel` names the
    // place in words: "blad `Acties`, rij 5, kolom F (Nieuwe status)".
    #[error("het werkboek is niet te lezen: {0}")]
    WorkbookUnreadable(String),
    #[error("het werkboek heeft geen blad `{sheet}`")]
    SheetMissing { sheet: &'static str },
    #[error("blad `{sheet}` heeft geen kolom `{column}` in de kopregel")]
    ColumnMissing {
        sheet: &'static str,
        column: &'static str,
    },
    #[error("{cel}: dit werkboek hoort bij editie {found}, de content is editie {expected}")]
    WrongEdition {
        cel: Box<str>,
        found: Box<str>,
        expected: Box<str>,
    },
    #[error("{cel}: status `{found}` bestaat niet")]
    AnswerStatus {
        cel: Box<str>,
        found: Box<str>,
        suggestion: Option<Box<str>>,
        /// The labels allowed, joined.
        allowed: Box<str>,
    },
    #[error("{cel}: actie `{found}` bestaat niet in deze editie")]
    AnswerNumber {
        cel: Box<str>,
        found: Box<str>,
        suggestion: Option<Box<str>>,
    },
    #[error("{cel}: actie {label} heeft ook een ander antwoord: {other}")]
    AnswerConflict {
        cel: Box<str>,
        label: Box<str>,
        other: Box<str>,
    },
    #[error("{cel}: actie {label} is in de content gewijzigd sinds dit werkboek werd gemaakt")]
    AnswerStale { cel: Box<str>, label: Box<str> },
    #[error("de content is gewijzigd sinds dit werkboek werd gemaakt")]
    ContentChangedSinceExport,
    #[error("de regel `status:` van deze actie is niet te vinden om te wijzigen")]
    StatusLineNotFound,
    #[error("actielijn {number} bestaat niet")]
    UnknownActielijn { number: u32, available: Box<str> },
    #[error("actie `{found}` bestaat niet")]
    UnknownSelection {
        found: Box<str>,
        suggestion: Option<Box<str>>,
    },
}

pub const STATUS_KEYS: &[&str] = &[
    "afgerond",
    "in-uitvoering",
    "vertraging",
    "doorlopend",
    "niet-gestart",
];

impl Problem {
    /// What is allowed, or how to fix it.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            Problem::NotUtf8 => "sla het bestand op als UTF-8".into(),
            Problem::EmptyFile | Problem::NoFrontMatter => {
                "een pagina begint met een regel `---`, dan de YAML-sleutels, dan weer `---`".into()
            }
            Problem::UnclosedFrontMatter => "sluit de front matter af met een regel `---`".into(),
            Problem::UnknownKey { key, allowed } => {
                let mut text = format!("toegestaan: {}", allowed.join(", "));
                if let Some(best) = suggest(key, allowed) {
                    text = format!("bedoelde je `{best}`? {text}");
                }
                text
            }
            Problem::WrongType {
                expected,
                suggestion,
                ..
            } => match suggestion {
                Some(suggestion) => format!("bedoelde je `{suggestion}`? verwacht: {expected}"),
                None => format!("verwacht: {expected}"),
            },
            Problem::UnclosedQuote => {
                "sluit de tekst af met hetzelfde aanhalingsteken; een \" in de tekst schrijf je als \\\"".into()
            }
            Problem::DuplicateKey { .. } => {
                "elke sleutel mag één keer voorkomen: verwijder of hernoem een van de twee".into()
            }
            Problem::MissingKey { key } => {
                format!("voeg een regel `{key}: …` toe tussen de twee regels `---`")
            }
            Problem::Empty { key } if key.contains("jaren") => {
                "noem minstens één jaar, bijvoorbeeld [2025]".into()
            }
            Problem::Empty { key } => {
                format!("schrijf een tekst tussen aanhalingstekens, bijvoorbeeld {key}: \"Een titel\"")
            }
            Problem::Yaml(_) => {
                "tip: zet een tekst met een dubbele punt, # of aanhalingstekens erin tussen aanhalingstekens".into()
            }
            Problem::NotAMapping => "schrijf per regel `sleutel: waarde`".into(),
            Problem::UnknownStatus { found } => {
                let mut text = format!("toegestaan: {}", STATUS_KEYS.join(", "));
                if let Some(best) = suggest(found, STATUS_KEYS) {
                    text = format!("bedoelde je `{best}`? {text}");
                }
                text
            }
            Problem::UnknownYearSource { .. } => {
                "toegestaan: actieplan (tabel van het actieplan), titel (de titel noemt de jaren), periode (de gedrukte periode)".into()
            }
            Problem::YearOutsidePlan { first, last, .. } => {
                format!("toegestaan: de jaren {first} tot en met {last} (zie `planjaren` in content/_index.md)")
            }
            Problem::BadEdition { .. } => "schrijf jaar en maand, bijvoorbeeld \"2025-11\"".into(),
            Problem::BadNumber { suggestion, .. } => {
                let allowed = "toegestaan: een geheel getal vanaf 1, of een gecombineerde actie als \"3/4\" (oplopende, verschillende nummers)";
                match suggestion {
                    Some(suggestion) => format!("bedoelde je `{suggestion}`? {allowed}"),
                    None => allowed.to_string(),
                }
            }
            Problem::DuplicateNumber { .. } => {
                "elk actienummer hoort bij precies één actiepagina".into()
            }
            Problem::DuplicateId { .. } => "elk id hoort bij precies één actiepagina".into(),
            Problem::DuplicateActielijn { .. } => {
                "elk actielijnnummer hoort bij precies één actielijnmap".into()
            }
            Problem::UnmonitoredHasPage { number, .. } => format!(
                "haal {number} weg uit `nog_niet_gemonitord` in content/_index.md, of verwijder de actiepagina"
            ),
            Problem::ContentDir { .. } => {
                "geef met `--content` de map die `_index.md` en de actielijnmappen bevat".into()
            }
            Problem::MissingSiteIndex => {
                "maak content/_index.md met programma, titel, editie, planjaren en legenda".into()
            }
            Problem::SymlinkLoop { .. } => {
                "verwijder de link, of laat hem wijzen naar een map buiten de content".into()
            }
            Problem::IgnoredFile => {
                "hernoem het naar `.md` als het een pagina is, of haal het uit de contentmap; bestanden waarvan de naam met `.` begint worden stil overgeslagen".into()
            }
            Problem::EmptyProgress { .. } => {
                "schrijf de voortgang onder de tweede regel `---`".into()
            }
            Problem::RawHtml => {
                "scripts, event-handlers (zoals onclick) en javascript:-links worden verwijderd; zet `ruwe_html: true` in content/_index.md om ruwe HTML ongewijzigd over te nemen".into()
            }
            Problem::UnsafeLink { .. } => {
                "toegestaan: links naar http(s), mailto:, tel:, een anker (#…) of een relatief pad; `ruwe_html: true` in content/_index.md laat alles door".into()
            }
            Problem::OutputProtected { .. } => {
                "kies een eigen uitvoermap, bijvoorbeeld `--output public`".into()
            }
            Problem::OutputNotADir { .. } => "kies een map als uitvoer".into(),
            Problem::ReviewUnmarked { .. } => {
                "een eigen template in templates/ of in het thema laat de markering weg: neem de regels met `review` over uit themes/rijksoverheid/templates (bijlage.html, base.html)".into()
            }
            Problem::ReviewFile { .. } => {
                "kies een bestand buiten de content- en themamappen, bijvoorbeeld `--output bijlage-concept.html`".into()
            }
            Problem::OutputForeign { .. } => {
                "kies een lege of nieuwe map, of geef `--force` om de map toch te vervangen".into()
            }
            Problem::Template { .. } => {
                "de Engelse melding komt van tera, de template-engine".into()
            }
            Problem::MissingId | Problem::BadId { .. } => {
                "een id bestaat uit kleine letters, cijfers en streepjes en begint met een letter, bijvoorbeeld `pilot-preventie-ronselen`".into()
            }
            Problem::ActionOutsideActielijn | Problem::FolderWithoutIndex { .. } => {
                "zet actiebestanden in een actielijnmap met een `_index.md`, bijvoorbeeld content/actielijn-1/".into()
            }
            Problem::IdWithNumber => "een genummerde actie wordt herkend aan haar nummer: laat `id` weg".into(),
            Problem::NestedFolder => "zet actiebestanden direct in de actielijnmap".into(),
            Problem::LegendMissingStatus { .. } | Problem::LegendDuplicateStatus { .. } => {
                format!("de legenda noemt elke status precies één keer: {}", STATUS_KEYS.join(", "))
            }
            Problem::BrokenReference { .. } => {
                "verwijs naar een bestaande actie, bijvoorbeeld [actie 15](actie:15)".into()
            }
            Problem::ThemeNotFound { available, .. } => {
                format!("beschikbare thema's: {}", available.join(", "))
            }
            Problem::PlanYearsNotConsecutive => "bijvoorbeeld [2024, 2025, 2026, 2027]".into(),
            Problem::WorkbookUnreadable(_) => {
                "sla het werkboek op als .xlsx (Excel) of .ods (LibreOffice) en probeer opnieuw".into()
            }
            Problem::SheetMissing { .. } | Problem::ColumnMissing { .. } => {
                "gebruik een werkboek dat `bijlage export` maakte, en laat zijn bladen en kopregel staan".into()
            }
            Problem::WrongEdition { expected, .. } => format!(
                "maak met `bijlage export` een werkboek voor editie {expected} en neem de antwoorden daarin over"
            ),
            Problem::AnswerStatus {
                suggestion,
                allowed,
                ..
            } => match suggestion {
                Some(best) => format!("bedoelde je `{best}`? kies een van: {allowed}"),
                None => format!("kies een van: {allowed}"),
            },
            Problem::AnswerNumber { suggestion, .. } => {
                let text = "laat de kolom Nummer staan zoals `bijlage export` hem schreef";
                match suggestion {
                    Some(best) => format!("bedoelde je `{best}`? {text}"),
                    None => text.into(),
                }
            }
            Problem::AnswerConflict { .. } => {
                "geef één antwoord per actie: haal een van de twee weg of maak ze gelijk".into()
            }
            Problem::AnswerStale { .. } => {
                "het antwoord ging uit van een oudere stand; het vervangt wat er nu staat: controleer het overzicht hieronder".into()
            }
            Problem::ContentChangedSinceExport => {
                "dat is goed zolang niemand anders dezelfde acties heeft gewijzigd; controleer het overzicht hieronder".into()
            }
            Problem::StatusLineNotFound => {
                "schrijf de status op één regel `status: sleutel` in de front matter".into()
            }
            Problem::UnknownActielijn { available, .. } => {
                format!("kies een van de actielijnen {available}")
            }
            Problem::UnknownSelection { suggestion, .. } => {
                let text = "noem acties met hun nummer of het id van een extra actie, gescheiden door komma's";
                match suggestion {
                    Some(best) => format!("bedoelde je `{best}`? {text}"),
                    None => text.into(),
                }
            }
            _ => return None,
        })
    }

    /// A stable identifier of the kind of problem, for machine-readable output.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable(_) => "onleesbaar",
            Problem::NotUtf8 => "geen-utf8",
            Problem::EmptyFile => "leeg-bestand",
            Problem::NoFrontMatter => "geen-front-matter",
            Problem::UnclosedFrontMatter => "front-matter-niet-afgesloten",
            Problem::Yaml(_) => "yaml",
            Problem::DuplicateKey { .. } => "dubbele-sleutel",
            Problem::UnclosedQuote => "aanhalingsteken-open",
            Problem::NotAMapping => "geen-mapping",
            Problem::UnknownKey { .. } => "onbekende-sleutel",
            Problem::MissingKey { .. } => "ontbrekende-sleutel",
            Problem::WrongType { .. } => "verkeerd-type",
            Problem::Empty { .. } => "leeg",
            Problem::UnknownStatus { .. } => "onbekende-status",
            Problem::UnknownYearSource { .. } => "onbekende-jaren-bron",
            Problem::YearOutsidePlan { .. } => "jaar-buiten-plan",
            Problem::DuplicateYear { .. } => "dubbel-jaar",
            Problem::PlanYearsNotConsecutive => "planjaren",
            Problem::BadEdition { .. } => "editie",
            Problem::BadNumber { .. } => "ongeldig-nummer",
            Problem::DuplicateNumber { .. } => "dubbel-nummer",
            Problem::DuplicateId { .. } => "dubbel-id",
            Problem::MissingId => "ontbrekend-id",
            Problem::BadId { .. } => "ongeldig-id",
            Problem::IdWithNumber => "id-met-nummer",
            Problem::DuplicateActielijn { .. } => "dubbele-actielijn",
            Problem::ActionOutsideActielijn => "actie-buiten-actielijn",
            Problem::FolderWithoutIndex { .. } => "map-zonder-index",
            Problem::NestedFolder => "geneste-map",
            Problem::MissingSiteIndex => "geen-site-index",
            Problem::ContentDir { .. } => "contentmap",
            Problem::LegendMissingStatus { .. } => "legenda-onvolledig",
            Problem::LegendDuplicateStatus { .. } => "legenda-dubbel",
            Problem::UnmonitoredHasPage { .. } => "niet-gemonitord-met-pagina",
            Problem::BrokenReference { .. } => "verwijzing",
            Problem::Walk(_) => "map",
            Problem::SymlinkLoop { .. } => "link-lus",
            Problem::IgnoredFile => "overgeslagen-bestand",
            Problem::EmptyProgress { .. } => "lege-voortgang",
            Problem::RawHtml => "ruwe-html",
            Problem::UnsafeLink { .. } => "onveilige-link",
            Problem::OutputProtected { .. } => "uitvoermap-beschermd",
            Problem::OutputNotADir { .. } => "uitvoermap-geen-map",
            Problem::ReviewFile { .. } => "reviewbestand",
            Problem::ReviewUnmarked { .. } => "review-zonder-markering",
            Problem::OutputForeign { .. } => "uitvoermap-vreemde-bestanden",
            Problem::ThemeNotFound { .. } => "thema",
            Problem::Template { .. } => "template",
            Problem::Output(_) => "uitvoer",
            Problem::WorkbookUnreadable(_) => "werkboek-onleesbaar",
            Problem::SheetMissing { .. } => "werkboek-blad",
            Problem::ColumnMissing { .. } => "werkboek-kolom",
            Problem::WrongEdition { .. } => "werkboek-editie",
            Problem::AnswerStatus { .. } => "antwoord-status",
            Problem::AnswerNumber { .. } => "antwoord-nummer",
            Problem::AnswerConflict { .. } => "antwoord-dubbel",
            Problem::ContentChangedSinceExport => "werkboek-content-gewijzigd",
            Problem::AnswerStale { .. } => "antwoord-verouderd",
            Problem::StatusLineNotFound => "statusregel",
            Problem::UnknownSelection { .. } | Problem::UnknownActielijn { .. } => "selectie",
        }
    }
}

/// The closest allowed word to a misspelt one, if it is close enough to be a
/// likely typo.
pub fn suggest<'a>(found: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(found, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 4) && *distance > 0)
        .min()
        .map(|(_, candidate)| candidate)
}

/// How bad a problem is: an error stops the build, a warning is shown and the
/// build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {problem}")]
pub struct Diagnostic {
    pub location: Location,
    pub problem: Problem,
    pub severity: Severity,
}

impl Diagnostic {
    /// An error: the build stops.
    pub fn new(location: Location, problem: Problem) -> Self {
        Diagnostic {
            location,
            problem,
            severity: Severity::Error,
        }
    }

    /// A warning: shown, but the build goes on.
    pub fn warning(location: Location, problem: Problem) -> Self {
        Diagnostic {
            location,
            problem,
            severity: Severity::Warning,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Does any of `diagnostics` stop the build?
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// An I/O error in Dutch, for editors: the common kinds translated, the
/// system's own text kept as a fallback.
pub fn io_message(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let text = match err.kind() {
        ErrorKind::NotFound => "bestaat niet",
        ErrorKind::PermissionDenied => "geen toestemming (leesrechten)",
        ErrorKind::IsADirectory => "is een map, geen bestand",
        ErrorKind::NotADirectory => "is geen map",
        ErrorKind::AlreadyExists => "bestaat al",
        ErrorKind::StorageFull => "de schijf is vol",
        ErrorKind::ReadOnlyFilesystem => "het bestandssysteem is alleen-lezen",
        ErrorKind::InvalidData => "ongeldige inhoud",
        _ => return err.to_string(),
    };
    text.to_string()
}

/// Why a build did not produce output.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{} fout(en) in de invoer", .diagnostics.iter().filter(|d| d.is_error()).count())]
    Invalid {
        /// Errors and warnings; at least one is an error.
        diagnostics: Vec<Diagnostic>,
        /// The text of every file read, by display path, to show the offending
        /// line.
        sources: Vec<(String, String)>,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl BuildError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_status() {
        assert_eq!(suggest("in-uitvoerig", STATUS_KEYS), Some("in-uitvoering"));
        assert_eq!(suggest("afgerondd", STATUS_KEYS), Some("afgerond"));
        assert_eq!(suggest("klaar", STATUS_KEYS), None);
    }

    #[test]
    fn unknown_key_help_names_the_typo() {
        let problem = Problem::UnknownKey {
            key: "stauts".into(),
            allowed: &["nummer", "titel", "status"],
        };
        let help = problem.help().unwrap_or_default();
        assert!(help.starts_with("bedoelde je `status`?"), "{help}");
    }
}
