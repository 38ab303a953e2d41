//! The catalogue of problems: each kind, its one-line Dutch message (the
//! `Display` text) and its stable code. What to do about each is in
//! `help.rs`.
//!
//! Over 600 lines on purpose: one table of every kind of problem, read as one.

/// What is wrong. The `Display` text is the one-line message; [`Problem::help`]
/// says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The file could not be read; why, in Dutch.
    #[error("het bestand is niet te lezen: {0}")]
    Unreadable(String),
    /// The file's bytes are not UTF-8 text.
    #[error("het bestand is geen geldige UTF-8-tekst")]
    NotUtf8,
    /// The file has no content at all.
    #[error("het bestand is leeg")]
    EmptyFile,
    /// The file does not start with a `---` line.
    #[error("het bestand begint niet met front matter")]
    NoFrontMatter,
    /// The opening `---` has no closing `---`.
    #[error("de front matter wordt nergens afgesloten")]
    UnclosedFrontMatter,
    /// The YAML parser refused the front matter; its message, translated to Dutch.
    #[error("de front matter is geen geldige YAML: {0}")]
    Yaml(String),
    /// A quoted value is not closed on its line.
    #[error("het aanhalingsteken dat hier opent, wordt op deze regel niet gesloten")]
    UnclosedQuote,
    /// A key appears twice in one front matter.
    #[error("sleutel `{key}` staat twee keer in de front matter")]
    DuplicateKey {
        /// The key as written.
        key: String,
    },
    /// The front matter is YAML but not a list of `key: value` lines.
    #[error("de front matter moet een lijst van sleutels met waarden zijn")]
    NotAMapping,
    /// A key that this kind of page does not have.
    #[error("onbekende sleutel `{key}`")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The keys this kind of page has.
        allowed: &'static [&'static str],
    },
    /// A required key is absent.
    #[error("de verplichte sleutel `{key}` ontbreekt")]
    MissingKey {
        /// The key that is required.
        key: &'static str,
    },
    /// A value of the wrong kind (text where a number belongs, …).
    #[error("`{key}` heeft een verkeerd type: hier staat {found}")]
    WrongType {
        /// The key whose value is wrong.
        key: String,
        /// What belongs there, in words ("een getal", …).
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
        /// Where the value is, in words ("`jaren`, het 2e jaar").
        path: Box<str>,
        /// What was written, in words.
        found: Box<str>,
        /// What belongs there, in words.
        expected: &'static str,
        /// The value as it should probably be written.
        suggestion: Option<Box<str>>,
    },
    /// A key inside a block of keys that the block does not have.
    #[error("onbekende sleutel `{key}` onder `{parent}`")]
    UnknownSubKey {
        /// The block of keys, as written.
        parent: Box<str>,
        /// The key as written.
        key: Box<str>,
        /// The keys the block has.
        allowed: Box<[String]>,
    },
    /// A required key inside a block of keys is absent.
    #[error("onder `{parent}` ontbreekt `{key}`")]
    MissingSubKey {
        /// The block of keys, as written.
        parent: String,
        /// The key that is required.
        key: String,
    },
    /// An invisible character (no-break space, zero-width space, …) in the YAML.
    #[error(
        "{place} staat een onzichtbaar teken: een {name} (U+{code:04X}), meestal meegekomen uit Word; YAML ziet het niet als spatie"
    )]
    InvisibleCharacter {
        /// The character's name in Dutch ("harde spatie", …).
        name: &'static str,
        /// The character's Unicode code point.
        code: u32,
        /// Where, in words: "na `status:`", "in de inspringing".
        place: Box<str>,
    },
    /// Curly quotes from Word where YAML needs straight ones.
    #[error(
        "{open} en {close} (gekrulde aanhalingstekens, uit Word) zijn voor YAML geen aanhalingstekens"
    )]
    CurlyQuotes {
        /// The opening quote as written.
        open: char,
        /// The closing quote as written.
        close: char,
        /// The line with straight quotes.
        suggestion: Box<str>,
    },
    /// Curly quotes that YAML takes as part of the text (a warning).
    #[error("de gekrulde aanhalingstekens {open} {close} worden als deel van de tekst getoond")]
    CurlyQuotesShown {
        /// The opening quote as written.
        open: char,
        /// The closing quote as written.
        close: char,
        /// The line with straight quotes.
        suggestion: Box<str>,
    },
    /// A line indented differently from the line above.
    #[error("deze regel springt {} {} {} in dan de regel erboven", .by, if *.by == 1 { "spatie" } else { "spaties" }, if *.deeper { "meer" } else { "minder" })]
    Indentation {
        /// How many spaces more or fewer than the line above.
        by: usize,
        /// True if this line is indented more than the line above.
        deeper: bool,
        /// The indentation of the line above, in spaces.
        above: usize,
    },
    /// A number too large for a number or a year.
    #[error("het getal `{found}` is te groot")]
    NumberTooLarge {
        /// The number as written.
        found: String,
    },
    /// A key whose value is empty.
    #[error("`{key}` is leeg")]
    Empty {
        /// The key whose value is empty.
        key: String,
    },
    /// A status key that is not in the legend's five.
    #[error("status `{found}` bestaat niet")]
    UnknownStatus {
        /// The status as written.
        found: String,
    },
    /// A `jaren_bron` value that does not exist.
    #[error("`jaren_bron` `{found}` bestaat niet")]
    UnknownYearSource {
        /// The value as written.
        found: String,
    },
    /// A year outside the plan years of the site.
    #[error("jaar {year} valt buiten de planjaren {first}–{last}")]
    YearOutsidePlan {
        /// The year as written.
        year: i64,
        /// The first plan year.
        first: u16,
        /// The last plan year.
        last: u16,
    },
    /// A year listed twice in `jaren`.
    #[error("jaar {year} staat twee keer in `jaren`")]
    DuplicateYear {
        /// The year listed twice.
        year: u16,
    },
    /// The site's plan years have a gap or go down.
    #[error("de planjaren moeten opeenvolgend en oplopend zijn")]
    PlanYearsNotConsecutive,
    /// An `editie` that is not a year and a month.
    #[error("editie `{found}` is geen jaar en maand")]
    BadEdition {
        /// The edition as written.
        found: String,
    },
    /// An action number that cannot be one.
    #[error("nummer `{found}` is ongeldig: {reason}")]
    BadNumber {
        /// The number as written.
        found: String,
        /// Why it cannot be a number, in Dutch.
        reason: &'static str,
        /// The number as it should probably be written.
        suggestion: Option<Box<str>>,
    },
    /// Two actions with the same number.
    #[error("actie {number} komt ook voor in {other}")]
    DuplicateNumber {
        /// The number both actions have.
        number: u32,
        /// The file of the other action.
        other: String,
    },
    /// Two extra actions with the same `id`.
    #[error("id `{id}` komt ook voor in {other}")]
    DuplicateId {
        /// The id both actions have.
        id: String,
        /// The file of the other action.
        other: String,
    },
    /// An extra action (no `nummer`) without an `id`.
    #[error("een actie zonder `nummer` heeft een `id` nodig")]
    MissingId,
    /// An `id` with characters an id may not have.
    #[error("id `{id}` is ongeldig")]
    BadId {
        /// The id as written.
        id: String,
    },
    /// An action with both `nummer` and `id`.
    #[error("`id` is alleen voor extra acties zonder `nummer`")]
    IdWithNumber,
    /// Two actielijnen with the same number.
    #[error("actielijn {number} komt ook voor in {other}")]
    DuplicateActielijn {
        /// The number both actielijnen have.
        number: u32,
        /// The `_index.md` of the other actielijn.
        other: String,
    },
    /// An action file directly in the content folder.
    #[error("dit actiebestand staat niet in een actielijnmap")]
    ActionOutsideActielijn,
    /// An actielijn folder without `_index.md`.
    #[error("de map `{folder}` heeft geen `_index.md`")]
    FolderWithoutIndex {
        /// The folder, relative to the site.
        folder: String,
    },
    /// A folder inside an actielijn folder (it is not read).
    #[error("mappen binnen een actielijnmap worden niet gelezen")]
    NestedFolder,
    /// The content folder itself is missing or unusable.
    #[error("de contentmap `{path}` {what}")]
    ContentDir {
        /// The content folder as given.
        path: String,
        /// What is wrong with it, in Dutch ("bestaat niet", …).
        what: String,
    },
    /// The content folder has no `_index.md`.
    #[error("de site heeft geen `_index.md` in de hoofdmap van de content")]
    MissingSiteIndex,
    /// The site's legend lacks one of the five statuses.
    #[error("de legenda mist status `{key}`")]
    LegendMissingStatus {
        /// The status key that is missing.
        key: &'static str,
    },
    /// The site's legend lists a status twice.
    #[error("status `{key}` staat twee keer in de legenda")]
    LegendDuplicateStatus {
        /// The status key listed twice.
        key: String,
    },
    /// An action in `nog_niet_gemonitord` that also has its own page.
    #[error(
        "actie {number} staat in `nog_niet_gemonitord` maar heeft ook een actiepagina ({other})"
    )]
    UnmonitoredHasPage {
        /// The action's number.
        number: u32,
        /// The file of the action's page.
        other: String,
    },
    /// A reference to an action that does not exist.
    #[error("verwijzing naar actie `{target}`, die niet bestaat")]
    BrokenReference {
        /// The reference as written.
        target: String,
    },
    /// A folder or file could not be listed or read; why, in Dutch.
    #[error("map of bestand niet te lezen: {0}")]
    Walk(String),
    /// A symbolic link that points to a folder above it.
    #[error("symbolische link `{link}` vormt een lus: hij wijst naar `{target}`, een map erboven")]
    SymlinkLoop {
        /// The link, relative to the site.
        link: String,
        /// Where it points.
        target: String,
    },
    /// A file that is not `.md` and is skipped (a warning).
    #[error("dit bestand wordt overgeslagen: alleen `.md`-bestanden worden gelezen")]
    IgnoredFile,
    /// An action without progress text (a warning).
    #[error("actie {label} heeft geen voortgangstekst")]
    EmptyProgress {
        /// The action's label: its number(s) ("12 en 13") or an extra action's id.
        label: String,
    },
    /// Raw HTML in a text, which is sanitized (a warning).
    #[error("ruwe HTML in de tekst wordt opgeschoond")]
    RawHtml,
    /// A link with a scheme that is not allowed; it is removed.
    #[error("link `{url}` wordt verwijderd: dit soort link is niet toegestaan")]
    UnsafeLink {
        /// The link as written.
        url: String,
    },
    /// The output folder is a place bijlage refuses to write to.
    #[error("de uitvoermap `{path}` is {what}")]
    OutputProtected {
        /// The output folder as given.
        path: String,
        /// What it is, in Dutch ("de contentmap", …).
        what: String,
    },
    /// The output path exists and is not a folder.
    #[error("de uitvoermap `{path}` is geen map")]
    OutputNotADir {
        /// The output path as given.
        path: String,
    },
    /// The review file would be written to a refused place.
    #[error("het reviewbestand `{path}` ligt op een verboden plek: {what}")]
    ReviewFile {
        /// The review file as given.
        path: String,
        /// Why that place is refused, in Dutch.
        what: String,
    },
    /// A page of the review build lacks the CONCEPT marking.
    #[error("pagina `{page}` van de reviewversie toont de CONCEPT-markering niet")]
    ReviewUnmarked {
        /// The page's path in the output.
        page: String,
    },
    /// The output folder holds files bijlage did not write.
    #[error("de uitvoermap `{path}` bevat bestanden die bijlage niet schreef: {}", .files.join(", "))]
    OutputForeign {
        /// The output folder as given.
        path: String,
        /// The files bijlage did not write, relative to the folder.
        files: Vec<String>,
    },
    /// The theme named in the site does not exist.
    #[error("thema `{name}` bestaat niet")]
    ThemeNotFound {
        /// The theme as named in the site.
        name: String,
        /// The themes that do exist.
        available: Vec<String>,
    },
    /// A theme template failed to parse or render.
    #[error("fout in template `{template}`: {message}")]
    Template {
        /// The template's file name.
        template: String,
        /// What went wrong, in Dutch.
        message: String,
    },
    /// Writing the output (or a workbook) failed; why, in Dutch.
    #[error("schrijven naar de uitvoermap mislukt: {0}")]
    Output(String),
    /// The data.overheid.nl catalogue lacks a required key.
    #[error("de catalogus voor data.overheid.nl mist `catalogus.{key}`")]
    CatalogueMissing {
        /// The key under `catalogus` that is missing.
        key: &'static str,
        /// What belongs there, in words.
        expected: &'static str,
    },
    /// A data.overheid.nl catalogue key has a value it cannot have.
    #[error("`catalogus.{key}` is ongeldig: hier staat `{found}`")]
    CatalogueBadValue {
        /// The key under `catalogus`.
        key: &'static str,
        /// The value as written.
        found: String,
        /// What belongs there, in words.
        expected: &'static str,
    },
    /// The previous edition asked for does not exist.
    #[error("de vorige editie `{spec}` bestaat niet: {reason}")]
    PreviousNotFound {
        /// The edition as asked for (folder, tag or commit).
        spec: Box<str>,
        /// Why it was not found.
        reason: Box<str>,
        /// The editions that do exist: folders in `edities/`, git tags.
        known: Box<[String]>,
    },
    /// This edition is not later than the previous one.
    #[error("editie {current} is niet later dan de vorige editie, {previous} ({bron})")]
    EditionNotLater {
        /// This edition's name ("juni 2026").
        current: Box<str>,
        /// The previous edition's name.
        previous: Box<str>,
        /// Where the previous edition came from (folder or git tag).
        bron: Box<str>,
    },
    /// An earlier edition under `edities/` does not load (a warning).
    #[error(
        "de eerdere editie `{name}` laadt niet ({errors} fout(en)); ze ontbreekt in de voortgang over de edities"
    )]
    PastEditionInvalid {
        /// The edition's folder name.
        name: String,
        /// How many errors it has.
        errors: usize,
    },
    /// A reference to an action that is a draft (`concept: true`).
    #[error(
        "verwijzing naar actie `{target}`, een concept (`concept: true`) dat niet wordt gepubliceerd"
    )]
    ReferenceToDraft {
        /// The reference as written.
        target: String,
    },
    // Spreadsheets (`bijlage export`, `bijlage import`). `cel` names the
    // place in words: "blad `Acties`, rij 5, kolom F (Nieuwe status)".
    /// The workbook is no readable .xlsx or .ods; why, in Dutch.
    #[error("het werkboek is niet te lezen: {0}")]
    WorkbookUnreadable(String),
    /// The workbook lacks a sheet.
    #[error("het werkboek heeft geen blad `{sheet}`")]
    SheetMissing {
        /// The sheet's name.
        sheet: &'static str,
    },
    /// A sheet lacks a column in its header row.
    #[error("blad `{sheet}` heeft geen kolom `{column}` in de kopregel")]
    ColumnMissing {
        /// The sheet's name.
        sheet: &'static str,
        /// The column's header.
        column: &'static str,
    },
    /// The workbook was exported for another edition.
    #[error("{cel}: dit werkboek hoort bij editie {found}, de content is editie {expected}")]
    WrongEdition {
        /// The cell, in words.
        cel: Box<str>,
        /// The edition in the workbook.
        found: Box<str>,
        /// The edition of the content.
        expected: Box<str>,
    },
    /// A new status in the workbook that does not exist.
    #[error("{cel}: status `{found}` bestaat niet")]
    AnswerStatus {
        /// The cell, in words.
        cel: Box<str>,
        /// The status as written.
        found: Box<str>,
        /// The nearest status label, if one is near.
        suggestion: Option<Box<str>>,
        /// The labels allowed, joined.
        allowed: Box<str>,
    },
    /// A row of the workbook for an action that does not exist.
    #[error("{cel}: actie `{found}` bestaat niet in deze editie")]
    AnswerNumber {
        /// The cell, in words.
        cel: Box<str>,
        /// The number as written.
        found: Box<str>,
        /// The nearest existing number, if one is near.
        suggestion: Option<Box<str>>,
    },
    /// Two answers in the workbook for one action.
    #[error("{cel}: actie {label} heeft ook een ander antwoord: {other}")]
    AnswerConflict {
        /// The cell, in words.
        cel: Box<str>,
        /// The action's label.
        label: Box<str>,
        /// Where the other answer is, in words.
        other: Box<str>,
    },
    /// An action changed in the content since the workbook was exported.
    #[error("{cel}: actie {label} is in de content gewijzigd sinds dit werkboek werd gemaakt")]
    AnswerStale {
        /// The cell, in words.
        cel: Box<str>,
        /// The action's label.
        label: Box<str>,
    },
    /// The content changed since the workbook was exported.
    #[error("de content is gewijzigd sinds dit werkboek werd gemaakt")]
    ContentChangedSinceExport,
    /// The `status:` line to rewrite cannot be found in the file.
    #[error("de regel `status:` van deze actie is niet te vinden om te wijzigen")]
    StatusLineNotFound,
    /// An `--actielijn` selection that does not exist.
    #[error("actielijn {number} bestaat niet")]
    UnknownActielijn {
        /// The number as given.
        number: u32,
        /// The actielijn numbers that exist, joined.
        available: Box<str>,
    },
    /// An `--actie` selection that does not exist.
    #[error("actie `{found}` bestaat niet")]
    UnknownSelection {
        /// The action as given.
        found: Box<str>,
        /// The nearest existing action, if one is near.
        suggestion: Option<Box<str>>,
    },
    // Hardening (issue 14): what may not reach or leave the site.
    /// A symbolic link that points outside the site; it is not read.
    #[error(
        "symbolische link `{link}` wijst buiten de site, naar `{target}`; hij wordt niet gelezen"
    )]
    LinkOutsideSite {
        /// The link, relative to the site.
        link: String,
        /// Where it points.
        target: String,
    },
    /// Two pages would be written to one path.
    #[error("`{path}` wordt twee keer geschreven: {what}")]
    OutputCollision {
        /// The path in the output.
        path: String,
        /// The two pages, in words.
        what: String,
    },
    /// Nesting deeper than bijlage reads (YAML brackets, HTML tags).
    #[error("{what} is dieper genest dan {limit} niveaus")]
    TooDeep {
        /// What is nested, in Dutch.
        what: &'static str,
        /// The deepest nesting read.
        limit: usize,
    },
    /// An invisible control character in a text; it is removed.
    #[error("onzichtbaar stuurteken {code} in de tekst; het wordt verwijderd")]
    ControlCharacter {
        /// The character's code point ("U+0007").
        code: String,
    },
    /// An image from another host (a warning).
    #[error("afbeelding `{url}` komt van een andere server")]
    RemoteImage {
        /// The image's address as written.
        url: String,
    },
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
