//! The catalogue of problems: each kind, its one-line Dutch message (the
//! `Display` text) and its stable code. What to do about each is in
//! `help.rs`.

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

impl Problem {
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
