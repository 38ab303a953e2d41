//! Typed diagnostics. Every problem with the input carries the file and the
//! byte span it was found at, a Dutch message for editors, and where possible
//! what is allowed instead. Lines and columns are not stored: the report
//! ([`crate::report`]) computes them, in characters, where it draws the
//! message.

use std::fmt;
use std::path::PathBuf;

/// A byte range in a file's text as the loader read it (without BOM, with LF
/// line endings). An empty span points at a place rather than a stretch.
/// Stored as `u32` (content files are far below 4 GiB; larger offsets are
/// clamped) to keep diagnostics small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }
}

/// Where in the content a problem was found: a file, and within it a byte
/// span; no span means "the file as a whole".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub span: Option<Span>,
}

impl Location {
    /// The file as a whole.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            span: None,
        }
    }

    /// The bytes `start..end` of the file.
    pub fn span(file: impl Into<String>, start: usize, end: usize) -> Self {
        Location {
            file: file.into(),
            span: Some(Span::new(start, end)),
        }
    }

    /// The place at byte `offset` of the file.
    pub fn at(file: impl Into<String>, offset: usize) -> Self {
        Location::span(file, offset, offset)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)
    }
}

/// The byte offset of a 1-based line and column (in characters) of `text`, as
/// other tools report them (libyaml, tera): the one conversion into spans.
/// Past the end of a line or of the text, the end.
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        match text.match_indices('\n').nth(line - 2) {
            Some((i, _)) => i + 1,
            None => return text.len(),
        }
    };
    let rest = &text[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| i)
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
    /// A wrong value inside a list or a block of keys, reported at that
    /// value. `path` says in words where it is.
    #[error("{path}: hier staat {found}")]
    WrongValue {
        path: Box<str>,
        found: Box<str>,
        expected: &'static str,
        suggestion: Option<Box<str>>,
    },
    #[error("onbekende sleutel `{key}` onder `{parent}`")]
    UnknownSubKey {
        parent: Box<str>,
        key: Box<str>,
        allowed: Box<[String]>,
    },
    #[error("onder `{parent}` ontbreekt `{key}`")]
    MissingSubKey { parent: String, key: String },
    #[error(
        "{place} staat een onzichtbaar teken: een {name} (U+{code:04X}), meestal meegekomen uit Word; YAML ziet het niet als spatie"
    )]
    InvisibleCharacter {
        name: &'static str,
        code: u32,
        /// Where, in words: "na `status:`", "in de inspringing".
        place: Box<str>,
    },
    #[error(
        "{open} en {close} (gekrulde aanhalingstekens, uit Word) zijn voor YAML geen aanhalingstekens"
    )]
    CurlyQuotes {
        open: char,
        close: char,
        suggestion: Box<str>,
    },
    #[error("de gekrulde aanhalingstekens {open} {close} worden als deel van de tekst getoond")]
    CurlyQuotesShown {
        open: char,
        close: char,
        suggestion: Box<str>,
    },
    #[error("deze regel springt {} {} {} in dan de regel erboven", .by, if *.by == 1 { "spatie" } else { "spaties" }, if *.deeper { "meer" } else { "minder" })]
    Indentation {
        by: usize,
        deeper: bool,
        /// The indentation of the line above, in spaces.
        above: usize,
    },
    #[error("het getal `{found}` is te groot")]
    NumberTooLarge { found: String },
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
    #[error("de catalogus voor data.overheid.nl mist `catalogus.{key}`")]
    CatalogueMissing {
        key: &'static str,
        expected: &'static str,
    },
    #[error("`catalogus.{key}` is ongeldig: hier staat `{found}`")]
    CatalogueBadValue {
        key: &'static str,
        found: String,
        expected: &'static str,
    },
    #[error("de vorige editie `{spec}` bestaat niet: {reason}")]
    PreviousNotFound {
        spec: Box<str>,
        reason: Box<str>,
        /// The editions that do exist: folders in `edities/`, git tags.
        known: Box<[String]>,
    },
    #[error("editie {current} is niet later dan de vorige editie, {previous} ({bron})")]
    EditionNotLater {
        current: Box<str>,
        previous: Box<str>,
        bron: Box<str>,
    },
    #[error(
        "de eerdere editie `{name}` laadt niet ({errors} fout(en)); ze ontbreekt in de voortgang over de edities"
    )]
    PastEditionInvalid { name: String, errors: usize },
    #[error(
        "verwijzing naar actie `{target}`, een concept (`concept: true`) dat niet wordt gepubliceerd"
    )]
    ReferenceToDraft { target: String },
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
    // Hardening (issue 14): what may not reach or leave the site.
    #[error(
        "symbolische link `{link}` wijst buiten de site, naar `{target}`; hij wordt niet gelezen"
    )]
    LinkOutsideSite { link: String, target: String },
    #[error("`{path}` wordt twee keer geschreven: {what}")]
    OutputCollision { path: String, what: String },
    #[error("{what} is dieper genest dan {limit} niveaus")]
    TooDeep { what: &'static str, limit: usize },
    #[error("onzichtbaar stuurteken {code} in de tekst; het wordt verwijderd")]
    ControlCharacter { code: String },
    #[error("afbeelding `{url}` komt van een andere server")]
    RemoteImage { url: String },
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
            Problem::WrongValue {
                expected,
                suggestion,
                ..
            } => match suggestion {
                Some(suggestion) => format!("bedoelde je `{suggestion}`? verwacht: {expected}"),
                None => format!("verwacht: {expected}"),
            },
            Problem::UnknownSubKey { allowed, key, .. } => {
                let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
                let mut text = format!("toegestaan: {}", names.join(", "));
                if let Some(best) = suggest(key, &names) {
                    text = format!("bedoelde je `{best}`? {text}");
                }
                text
            }
            Problem::MissingSubKey { parent, key } => {
                format!("voeg onder `{parent}` een regel `{key}: …` toe, even ver ingesprongen als de andere sleutels daar")
            }
            Problem::Indentation { above: 0, .. } => {
                "laat deze regel beginnen zonder spaties ervoor, zoals de regel erboven; gebruik spaties, geen tabs".into()
            }
            Problem::Indentation { above, .. } => format!(
                "laat deze regel met {above} {} beginnen, net als de regel erboven (of met evenveel spaties als het blok waar ze bij hoort); gebruik spaties, geen tabs",
                if *above == 1 { "spatie" } else { "spaties" }
            ),
            Problem::NumberTooLarge { .. } => {
                "een actienummer of jaartal heeft maar een paar cijfers, zoals 31 of 2026".into()
            }
            Problem::InvisibleCharacter { .. } => {
                "verwijder het teken en typ op die plek een gewone spatie (of niets)".into()
            }
            Problem::CurlyQuotes { suggestion, .. } => {
                format!("typ gewone rechte aanhalingstekens (\"), zo: {suggestion}")
            }
            Problem::CurlyQuotesShown { suggestion, .. } => format!(
                "horen ze niet in de tekst, typ dan gewone rechte aanhalingstekens: {suggestion}"
            ),
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
            Problem::Yaml(message) if message.contains("dubbele punt") => {
                "zet een tekst met een dubbele punt, # of aanhalingstekens erin tussen aanhalingstekens, bijvoorbeeld titel: \"Aanpak: regionaal\"".into()
            }
            Problem::NotAMapping => "schrijf per regel `sleutel: waarde`".into(),
            Problem::UnknownStatus { found } => {
                let mut text = format!("toegestaan: {}", STATUS_KEYS.join(", "));
                if let Some(best) = suggest(found, STATUS_KEYS) {
                    text = format!("bedoelde je `{best}`? {text}");
                } else if let Some(key) = status_for_label(found) {
                    text = format!(
                        "bedoelde je `{key}`? Hier hoort de sleutel van de status, niet het label uit de legenda; {text}"
                    );
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
                "verwijder de link, of laat hem wijzen naar een andere map binnen de site".into()
            }
            Problem::LinkOutsideSite { .. } => {
                "bijlage leest alleen bestanden binnen de site en het thema: kopieer het bestand naar de site, of verwijder de link".into()
            }
            Problem::OutputCollision { .. } => {
                "kies voor `bijlage_bestand` een naam die geen andere pagina heeft (niet index.html, actielijn-N.html, wijzigingen.html of edities.html)".into()
            }
            Problem::TooDeep { .. } => {
                "zoveel lagen komen in een gewone tekst niet voor: controleer of er tags of haakjes niet gesloten zijn".into()
            }
            Problem::ControlCharacter { .. } => {
                "zo'n teken komt meestal mee bij kopiëren uit een ander programma; typ de tekst op die plek opnieuw".into()
            }
            Problem::RemoteImage { .. } => {
                "de site laadt niets van andere servers: zet de afbeelding in static/ van het thema, of maak er een gewone link van; in de bijlage wordt het een link".into()
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
            Problem::Output(_) => {
                "kies met `--output` een map waarin je mag schrijven, bijvoorbeeld `--output public` in je eigen map".into()
            }
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
            Problem::CatalogueMissing { key, expected } => {
                let mut parts = key.rsplit('.');
                let name = parts.next().unwrap_or(key);
                let parent = parts.next().unwrap_or("catalogus");
                format!(
                    "zet onder `{parent}:` in content/_index.md een regel `{name}: …` met {expected} (zonder `catalogus:` maakt bijlage geen catalogus)"
                )
            }
            Problem::CatalogueBadValue { expected, .. } => format!("verwacht: {expected}"),
            Problem::PreviousNotFound { known, .. } => {
                let geen = "`--previous geen` bouwt zonder vergelijking";
                if known.is_empty() {
                    format!("er zijn geen eerdere edities (geen map in edities/, geen git-tag); {geen}")
                } else {
                    format!("bestaande edities: {}; {geen}", known.join(", "))
                }
            }
            Problem::EditionNotLater { .. } => {
                "zet `editie` op de maand van deze editie, of vergelijk met een eerdere editie (`vorige_editie`, `--previous`)".into()
            }
            Problem::PastEditionInvalid { .. } => {
                "`bijlage check --content <die map>/content` toont de fouten".into()
            }
            Problem::ReferenceToDraft { .. } => {
                "publiceer de actie (haal `concept: true` weg), of verwijs er pas naar als ze gepubliceerd wordt; `--drafts` bouwt met concepten".into()
            }
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
            Problem::WrongValue { .. } => "verkeerde-waarde",
            Problem::InvisibleCharacter { .. } => "onzichtbaar-teken",
            Problem::Indentation { .. } => "inspringing",
            Problem::NumberTooLarge { .. } => "getal-te-groot",
            Problem::CurlyQuotes { .. } => "gekrulde-aanhalingstekens",
            Problem::CurlyQuotesShown { .. } => "gekrulde-aanhalingstekens-getoond",
            Problem::UnknownSubKey { .. } => "onbekende-sleutel",
            Problem::MissingSubKey { .. } => "ontbrekende-sleutel",
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
            Problem::CatalogueMissing { .. } => "catalogus-onvolledig",
            Problem::CatalogueBadValue { .. } => "catalogus-ongeldig",
            Problem::PreviousNotFound { .. } => "vorige-editie",
            Problem::EditionNotLater { .. } => "editie-niet-later",
            Problem::PastEditionInvalid { .. } => "eerdere-editie",
            Problem::ReferenceToDraft { .. } => "verwijzing-naar-concept",
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
            Problem::LinkOutsideSite { .. } => "link-buiten-site",
            Problem::OutputCollision { .. } => "uitvoer-dubbel",
            Problem::TooDeep { .. } => "te-diep-genest",
            Problem::ControlCharacter { .. } => "stuurteken",
            Problem::RemoteImage { .. } => "externe-afbeelding",
        }
    }
}

/// The status key of a legend label typed as a status ("Nog niet gestart",
/// "In uitvoering, vertraging").
pub fn status_for_label(found: &str) -> Option<&'static str> {
    let slug: Vec<String> = found
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let slug = slug.join("-");
    // The most specific first: "in uitvoering, vertraging" is vertraging.
    [
        "vertraging",
        "niet-gestart",
        "afgerond",
        "doorlopend",
        "in-uitvoering",
    ]
    .into_iter()
    .find(|key| slug.contains(key))
    .and_then(|key| STATUS_KEYS.iter().copied().find(|k| *k == key))
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

/// An I/O error in Dutch, for editors: the common kinds translated, else the
/// system's error number (its own text is English).
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
        ErrorKind::AddrNotAvailable => "dit adres hoort niet bij deze computer",
        ErrorKind::AddrInUse => "het adres is al in gebruik",
        ErrorKind::TimedOut => "het duurde te lang",
        ErrorKind::Interrupted => "onderbroken",
        // The system's own text is English: say that something failed, and
        // the system's number for it, which an administrator can look up.
        _ => {
            return match err.raw_os_error() {
                Some(code) => format!("het systeem meldt fout {code}"),
                None => "het systeem meldt een fout".to_string(),
            };
        }
    };
    text.to_string()
}

/// An I/O error while writing, in Dutch: like [`io_message`], but a refused
/// permission is about writing.
pub fn io_write_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "geen toestemming om hier te schrijven (schrijfrechten)".to_string()
        }
        _ => io_message(err),
    }
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

    /// Words of serde, serde_yaml and libyaml messages: none may reach an
    /// editor.
    pub(crate) const ENGLISH: &[&str] = &[
        "invalid type",
        "invalid value",
        "expected",
        "while parsing",
        "while scanning",
        "did not find",
        "found ",
        "unknown field",
        "missing field",
        "not allowed",
        "at line",
        "column",
        "scalar",
        "sequence",
        "untagged",
        "variant",
        "struct ",
        "u16",
        "u32",
        "i64",
        "u128",
        "error",
        "warning",
        "permission denied",
        "No such file",
    ];

    /// One problem of every kind, with the kind of values the loader puts
    /// in them.
    fn every_problem() -> Vec<Problem> {
        vec![
            Problem::Unreadable("bestaat niet".into()),
            Problem::NotUtf8,
            Problem::EmptyFile,
            Problem::NoFrontMatter,
            Problem::UnclosedFrontMatter,
            Problem::Yaml("hier werd een sleutel verwacht; klopt de inspringing?".into()),
            Problem::UnclosedQuote,
            Problem::DuplicateKey {
                key: "status".into(),
            },
            Problem::NotAMapping,
            Problem::UnknownKey {
                key: "stauts".into(),
                allowed: &["status"],
            },
            Problem::MissingKey { key: "status" },
            Problem::WrongType {
                key: "jaren".into(),
                expected: "een lijst van jaartallen, bijvoorbeeld [2024, 2025]",
                found: "tekst (`2024`)".into(),
                suggestion: Some("[2024]".into()),
            },
            Problem::WrongValue {
                path: "het 1e item van `jaren`".into(),
                found: "tekst (`\"2024\"`)".into(),
                expected: "een jaartal, zoals 2026",
                suggestion: Some("jaren: [2024]".into()),
            },
            Problem::UnknownSubKey {
                parent: "nog_niet_gemonitord".into(),
                key: "startjar".into(),
                allowed: vec!["acties".into(), "startjaar".into()].into(),
            },
            Problem::MissingSubKey {
                parent: "nog_niet_gemonitord".into(),
                key: "startjaar".into(),
            },
            Problem::InvisibleCharacter {
                name: "harde spatie",
                code: 0xa0,
                place: "na `status:`".into(),
            },
            Problem::CurlyQuotes {
                open: '\u{201c}',
                close: '\u{201d}',
                suggestion: "titel: \"a: b\"".into(),
            },
            Problem::CurlyQuotesShown {
                open: '\u{201c}',
                close: '\u{201d}',
                suggestion: "titel: \"a\"".into(),
            },
            Problem::Indentation {
                by: 1,
                deeper: false,
                above: 2,
            },
            Problem::NumberTooLarge {
                found: "99999999999999999999999".into(),
            },
            Problem::Empty {
                key: "titel".into(),
            },
            Problem::UnknownStatus {
                found: "Nog niet gestart".into(),
            },
            Problem::UnknownYearSource {
                found: "gok".into(),
            },
            Problem::YearOutsidePlan {
                year: 2031,
                first: 2024,
                last: 2027,
            },
            Problem::DuplicateYear { year: 2025 },
            Problem::PlanYearsNotConsecutive,
            Problem::BadEdition {
                found: "mei".into(),
            },
            Problem::BadNumber {
                found: "31.".into(),
                reason: "een nummer heeft geen punt of komma",
                suggestion: Some("31".into()),
            },
            Problem::DuplicateNumber {
                number: 3,
                other: "content/a/03.md".into(),
            },
            Problem::DuplicateId {
                id: "pilot".into(),
                other: "content/a/p.md".into(),
            },
            Problem::MissingId,
            Problem::BadId {
                id: "Pilot X".into(),
            },
            Problem::IdWithNumber,
            Problem::DuplicateActielijn {
                number: 1,
                other: "content/a/_index.md".into(),
            },
            Problem::ActionOutsideActielijn,
            Problem::FolderWithoutIndex { folder: "a".into() },
            Problem::NestedFolder,
            Problem::ContentDir {
                path: "inhoud".into(),
                what: "bestaat niet".into(),
            },
            Problem::MissingSiteIndex,
            Problem::LegendMissingStatus { key: "afgerond" },
            Problem::LegendDuplicateStatus {
                key: "afgerond".into(),
            },
            Problem::UnmonitoredHasPage {
                number: 9,
                other: "content/_index.md".into(),
            },
            Problem::BrokenReference {
                target: "99".into(),
            },
            Problem::Walk("geen toestemming (leesrechten)".into()),
            Problem::SymlinkLoop {
                link: "a/lus".into(),
                target: "..".into(),
            },
            Problem::IgnoredFile,
            Problem::EmptyProgress { label: "3".into() },
            Problem::RawHtml,
            Problem::UnsafeLink {
                url: "javascript:alert(1)".into(),
            },
            Problem::OutputProtected {
                path: "content".into(),
                what: "de contentmap".into(),
            },
            Problem::OutputNotADir { path: "uit".into() },
            Problem::OutputForeign {
                path: "uit".into(),
                files: vec!["x.txt".into()],
            },
            Problem::ThemeNotFound {
                name: "x".into(),
                available: vec!["rijksoverheid".into()],
            },
            // tera's own text is English by design (for template authors);
            // the part bijlage writes is checked here.
            Problem::Template {
                template: "index.html".into(),
                message: "niet te lezen: kapot".into(),
            },
            Problem::Output(io_write_message(&std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            ))),
            Problem::ReviewFile {
                path: "content/x.html".into(),
                what: "in de contentmap".into(),
            },
            Problem::ReviewUnmarked {
                page: "index.html".into(),
            },
            Problem::WorkbookUnreadable("bestaat niet".into()),
            Problem::SheetMissing { sheet: "Acties" },
            Problem::ColumnMissing {
                sheet: "Acties",
                column: "Nieuwe status",
            },
            Problem::WrongEdition {
                cel: "blad `Acties`, rij 1".into(),
                found: "2025-11".into(),
                expected: "2026-05".into(),
            },
            Problem::AnswerStatus {
                cel: "blad `Acties`, rij 5, kolom F".into(),
                found: "klaar".into(),
                suggestion: Some("Afgerond".into()),
                allowed: "Afgerond, In uitvoering".into(),
            },
            Problem::AnswerNumber {
                cel: "blad `Acties`, rij 5, kolom A".into(),
                found: "99".into(),
                suggestion: None,
            },
            Problem::AnswerConflict {
                cel: "blad `Acties`, rij 6".into(),
                label: "3".into(),
                other: "rij 5".into(),
            },
            Problem::AnswerStale {
                cel: "blad `Acties`, rij 5".into(),
                label: "3".into(),
            },
            Problem::ContentChangedSinceExport,
            Problem::StatusLineNotFound,
            Problem::UnknownActielijn {
                number: 9,
                available: "1, 2".into(),
            },
            Problem::UnknownSelection {
                found: "99".into(),
                suggestion: None,
            },
            Problem::CatalogueMissing {
                key: "contactpunt.naam",
                expected: "een naam",
            },
            Problem::CatalogueBadValue {
                key: "adres",
                found: "www.example".into(),
                expected: "een webadres",
            },
            Problem::PreviousNotFound {
                spec: "edities/2024-11".into(),
                reason: "die map bestaat niet".into(),
                known: vec!["edities/2025-07".to_string()].into(),
            },
            Problem::EditionNotLater {
                current: "juli 2025".into(),
                previous: "november 2025".into(),
                bron: "edities/2025-11".into(),
            },
            Problem::PastEditionInvalid {
                name: "edities/2025-07".into(),
                errors: 2,
            },
            Problem::ReferenceToDraft {
                target: "15".into(),
            },
            Problem::LinkOutsideSite {
                link: "content/a/x.md".into(),
                target: "/etc/passwd".into(),
            },
            Problem::OutputCollision {
                path: "wijzigingen.html".into(),
                what: "de bijlage en de wijzigingenpagina".into(),
            },
            Problem::TooDeep {
                what: "de ruwe HTML",
                limit: 100,
            },
            Problem::ControlCharacter {
                code: "U+0000".into(),
            },
            Problem::RemoteImage {
                url: "https://example.org/a.png".into(),
            },
        ]
    }

    #[test]
    fn every_diagnostic_code_renders_in_dutch() {
        // Every code that `Problem::code` can return, read from this file,
        // so that a new kind of problem cannot be left out here.
        let source = include_str!("error.rs");
        let body = &source[source.find("pub fn code(&self)").unwrap()..];
        let body = &body[..body.find("\n    }\n").unwrap()];
        let codes: std::collections::BTreeSet<&str> = body
            .split("=> \"")
            .skip(1)
            .filter_map(|part| part.split('"').next())
            .collect();
        let problems = every_problem();
        let covered: std::collections::BTreeSet<&str> =
            problems.iter().map(Problem::code).collect();
        assert_eq!(
            codes, covered,
            "every code needs a problem in every_problem()"
        );

        let file = "content/a/x.md";
        let sources = vec![(file.to_string(), "---\nstatus: klaar\n---\n".to_string())];
        let diagnostics: Vec<Diagnostic> = problems
            .into_iter()
            .map(|p| Diagnostic::new(Location::at(file, 12), p))
            .collect();
        for diagnostic in &diagnostics {
            let one = std::slice::from_ref(diagnostic);
            for text in [
                crate::report::render(one, &sources, false),
                crate::report::json(one, &sources, None),
                crate::report::render_html(one, &sources),
            ] {
                let lower = text.to_lowercase();
                for phrase in ENGLISH {
                    assert!(
                        !lower.contains(&phrase.to_lowercase()),
                        "English {phrase:?} in {}:\n{text}",
                        diagnostic.problem.code()
                    );
                }
            }
        }
    }

    #[test]
    fn io_errors_are_dutch_and_writing_says_writing() {
        use std::io::{Error, ErrorKind};
        let denied = Error::from(ErrorKind::PermissionDenied);
        assert_eq!(io_message(&denied), "geen toestemming (leesrechten)");
        assert!(io_write_message(&denied).contains("schrijfrechten"));
        assert_eq!(
            io_message(&Error::from_raw_os_error(5)),
            "het systeem meldt fout 5"
        );
        assert_eq!(
            io_message(&Error::other("boom")),
            "het systeem meldt een fout"
        );
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
