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
    /// The bytes `start..end` (clamped to 4 GiB; an `end` before `start` gives
    /// an empty span at `start`).
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// The byte offset where the span starts.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte offset just past the span's end.
    pub fn end(&self) -> usize {
        self.end as usize
    }
}

/// Where in the content a problem was found: a file, and within it a byte
/// span; no span means "the file as a whole".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as shown to editors (its display path).
    pub file: String,
    /// The bytes within the file; None for the file as a whole.
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
pub(crate) fn byte_offset(text: &str, line: usize, column: usize) -> usize {
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

mod help;
mod problem;

pub use problem::Problem;

/// The closest allowed word to a misspelt one, if it is close enough to be a
/// likely typo.
pub(crate) fn suggest<'a>(found: &str, allowed: &[&'a str]) -> Option<&'a str> {
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
    /// The build stops and leaves the previous output as it was.
    #[default]
    Error,
    /// The message is shown and the build goes on.
    Warning,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {problem}")]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong.
    pub problem: Problem,
    /// Whether it stops the build.
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
    pub(crate) fn warning(location: Location, problem: Problem) -> Self {
        Diagnostic {
            location,
            problem,
            severity: Severity::Warning,
        }
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Does any of `diagnostics` stop the build?
pub(crate) fn has_errors(diagnostics: &[Diagnostic]) -> bool {
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
    /// The input has problems; the report shows each at its line.
    #[error("{} fout(en) in de invoer", .diagnostics.iter().filter(|d| d.is_error()).count())]
    Invalid {
        /// Errors and warnings; at least one is an error.
        diagnostics: Vec<Diagnostic>,
        /// The text of every file read, by display path, to show the offending
        /// line.
        sources: Vec<(String, String)>,
    },
    /// Reading or writing a file or folder failed (not a problem in the content).
    #[error("{path}: {source}")]
    Io {
        /// The file or folder that failed.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

impl BuildError {
    /// A [`BuildError::Io`] for `path`.
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
    use crate::model::STATUS_KEYS;

    #[test]
    fn suggests_close_status() {
        assert_eq!(suggest("in-uitvoerig", STATUS_KEYS), Some("in-uitvoering"));
        assert_eq!(suggest("afgerondd", STATUS_KEYS), Some("afgerond"));
        assert_eq!(suggest("klaar", STATUS_KEYS), None);
    }

    /// Words of serde, serde_yaml and libyaml messages: none may reach an
    /// editor (one list, shared with `tests/testsuite/fouten.rs`).
    const ENGLISH: &[&str] = include!("error/english.rs");

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
        let source = include_str!("error/problem.rs");
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
