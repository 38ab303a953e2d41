//! The data of a monitoring annex: site, actielijnen, actions, statuses,
//! timelines and the dashboard. Pure: nothing here touches the disk.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use crate::error::{Diagnostic, Location, Problem};

/// The keys editors write for the statuses (`status:` of an action,
/// `sleutel:` in the legend), in the order of [`Status::ALL`].
pub const STATUS_KEYS: &[&str] = &[
    "afgerond",
    "in-uitvoering",
    "vertraging",
    "doorlopend",
    "niet-gestart",
];

/// The status of an action. The order is the order of the legend and the
/// dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Afgerond,
    InUitvoering,
    Vertraging,
    Doorlopend,
    NietGestart,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Afgerond,
        Status::InUitvoering,
        Status::Vertraging,
        Status::Doorlopend,
        Status::NietGestart,
    ];

    /// The key editors write in front matter, also the CSS class suffix.
    pub fn key(self) -> &'static str {
        STATUS_KEYS[self.index()]
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The status whose legend label is typed where a key belongs ("Nog
    /// niet gestart", "In uitvoering, vertraging").
    pub fn from_label(found: &str) -> Option<Status> {
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
        .and_then(Status::from_key)
    }

    /// The label as the published annex prints it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Afgerond => "Afgerond",
            Status::InUitvoering => "In uitvoering",
            Status::Vertraging => "In uitvoering, vertraging",
            Status::Doorlopend => "Doorlopend",
            Status::NietGestart => "Nog niet gestart",
        }
    }

    /// The status as a phrase in running text ("5 in uitvoering met vertraging").
    pub fn phrase(self) -> &'static str {
        match self {
            Status::Afgerond => "afgerond",
            Status::InUitvoering => "in uitvoering",
            Status::Vertraging => "in uitvoering met vertraging",
            Status::Doorlopend => "doorlopend",
            Status::NietGestart => "nog niet gestart",
        }
    }
}

/// How an action is numbered.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Nummer {
    /// One action: `nummer: 15`.
    Enkel(u32),
    /// One page that counts as several actions: `nummer: "3/4"`.
    Gecombineerd(Vec<u32>),
    /// An extra action outside the plan's numbering, with a stable id.
    Extra(String),
}

impl Nummer {
    /// Parses a combined number such as `3/4`: two or more numbers from 1 up,
    /// strictly ascending. A single number gives [`Nummer::Enkel`].
    pub fn parse(text: &str) -> Option<Nummer> {
        let mut numbers = Vec::new();
        for part in text.split('/') {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u32 = part.parse().ok()?;
            if n == 0 || numbers.last().is_some_and(|&last| n <= last) {
                return None;
            }
            numbers.push(n);
        }
        match numbers.len() {
            1 => Some(Nummer::Enkel(numbers[0])),
            _ => Some(Nummer::Gecombineerd(numbers)),
        }
    }

    /// The plan numbers this entry stands for (none for an extra action).
    pub fn numbers(&self) -> &[u32] {
        match self {
            Nummer::Enkel(n) => std::slice::from_ref(n),
            Nummer::Gecombineerd(ns) => ns,
            Nummer::Extra(_) => &[],
        }
    }

    /// How many actions this entry counts as in the dashboard.
    pub fn count(&self) -> usize {
        match self {
            Nummer::Extra(_) => 1,
            other => other.numbers().len(),
        }
    }

    /// The in-page anchors of this entry, one per number.
    pub fn anchors(&self) -> Vec<String> {
        match self {
            Nummer::Extra(id) => vec![format!("actie-{id}")],
            other => other
                .numbers()
                .iter()
                .map(|n| format!("actie-{n}"))
                .collect(),
        }
    }

    pub fn is_extra(&self) -> bool {
        matches!(self, Nummer::Extra(_))
    }

    /// The entry as the open data and the spreadsheets name it: `15`,
    /// `3 en 4` (not `3/4`, which a spreadsheet reads as a date), or the id
    /// of an extra action.
    pub fn label(&self) -> String {
        match self {
            Nummer::Extra(id) => id.clone(),
            other => {
                let numbers: Vec<String> = other.numbers().iter().map(u32::to_string).collect();
                join_nl(&numbers)
            }
        }
    }

    /// Order within an actielijn: numbered entries by their first number, then
    /// the extras by id.
    fn sort_key(&self) -> (bool, u32, &str) {
        match self {
            Nummer::Extra(id) => (true, 0, id),
            other => (false, other.numbers()[0], ""),
        }
    }
}

impl fmt::Display for Nummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Nummer::Enkel(n) => write!(f, "{n}"),
            Nummer::Gecombineerd(ns) => {
                let parts: Vec<String> = ns.iter().map(u32::to_string).collect();
                write!(f, "{}", parts.join("/"))
            }
            Nummer::Extra(_) => write!(f, "Extra actie"),
        }
    }
}

/// Is `id` a stable id of an extra action: lower-case ASCII letters, digits and
/// single hyphens, starting with a letter.
pub fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Where the execution years of an action came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JarenBron {
    /// The table of the action plan (2023).
    Actieplan,
    /// The title of the action names its years.
    Titel,
    /// The period printed beside the action in the annex.
    Periode,
}

impl JarenBron {
    pub const ALL: [JarenBron; 3] = [JarenBron::Actieplan, JarenBron::Titel, JarenBron::Periode];

    pub fn key(self) -> &'static str {
        match self {
            JarenBron::Actieplan => "actieplan",
            JarenBron::Titel => "titel",
            JarenBron::Periode => "periode",
        }
    }

    pub fn from_key(key: &str) -> Option<JarenBron> {
        JarenBron::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            JarenBron::Actieplan => "tabel van het actieplan",
            JarenBron::Titel => "titel van de actie",
            JarenBron::Periode => "gedrukte periode",
        }
    }
}

/// Where a page came from, for diagnostics and review.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bron {
    /// The path as shown to editors, relative to the content folder.
    pub file: String,
    /// Byte offset in the file of the `nummer` value (or of the file's start
    /// when absent).
    pub nummer_at: usize,
    /// Byte offset in the file of the `jaren` value.
    pub jaren_at: usize,
    /// Byte offset in the file where the Markdown body starts.
    pub body_at: usize,
}

/// The Markdown body of a page. It is the tail of the file's text and shares
/// that text with the loader (which keeps it to show lines in diagnostics),
/// so each page's text is in memory once.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Tekst {
    bron: Arc<str>,
    start: usize,
}

impl Tekst {
    /// `body` as part of `bron` when it is its tail (as the body of a split
    /// page is), else a copy of `body`.
    pub fn shared(bron: &Arc<str>, body: &str) -> Tekst {
        let base = bron.as_ptr() as usize;
        let at = body.as_ptr() as usize;
        if at >= base && at + body.len() == base + bron.len() {
            Tekst {
                bron: Arc::clone(bron),
                start: at - base,
            }
        } else {
            Tekst::from(body)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.bron[self.start..]
    }
}

impl Deref for Tekst {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Tekst {
    fn from(text: &str) -> Tekst {
        Tekst {
            bron: Arc::from(text),
            start: 0,
        }
    }
}

impl fmt::Debug for Tekst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<&str> for Tekst {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One entry of the monitoring overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actie {
    pub nummer: Nummer,
    pub titel: String,
    pub status: Status,
    /// Execution years, ascending.
    pub jaren: Vec<u16>,
    pub jaren_bron: JarenBron,
    pub jaren_toelichting: Option<String>,
    pub concept: bool,
    /// The progress text, in Markdown.
    pub tekst: Tekst,
    pub bron: Bron,
}

/// An item of a list of goals or effects, optionally with a bold lead
/// ("**Eind 2026** weet …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Punt {
    pub kop: Option<String>,
    pub tekst: String,
}

/// Operational goals or intended effects: an optional intro, then a list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lijst {
    pub inleiding: Option<String>,
    /// Byte offset in the file where the text of `inleiding` starts (exact
    /// for a text on one line; else where its value starts).
    pub inleiding_at: usize,
    pub punten: Vec<Punt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actielijn {
    pub nummer: u32,
    pub korte_titel: String,
    pub titel: String,
    pub doelen: Lijst,
    pub effecten: Lijst,
    /// Optional free text of the actielijn, in Markdown.
    pub tekst: Tekst,
    /// The folder (relative to the content folder) the actielijn lives in.
    pub map: String,
    pub bron: Bron,
    pub acties: Vec<Actie>,
}

impl Actielijn {
    pub fn telling(&self) -> Telling {
        let mut telling = Telling::default();
        for actie in &self.acties {
            telling.per_status[actie.status.index()] += actie.nummer.count();
        }
        telling
    }
}

/// Month and year of an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Editie {
    pub jaar: u16,
    pub maand: u8,
}

/// The months in Dutch, lower case as inside a sentence.
pub const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Editie {
    /// Parses `2025-11`.
    pub fn parse(text: &str) -> Option<Editie> {
        let (jaar, maand) = text.trim().split_once('-')?;
        if jaar.len() != 4 || maand.is_empty() || maand.len() > 2 {
            return None;
        }
        let jaar: u16 = jaar.parse().ok()?;
        let maand: u8 = maand.parse().ok()?;
        (1..=12).contains(&maand).then_some(Editie { jaar, maand })
    }

    /// "november 2025": the name inside a sentence (Dutch writes month
    /// names in lower case).
    pub fn naam(self) -> String {
        format!("{} {}", MAANDEN[usize::from(self.maand - 1)], self.jaar)
    }

    /// "2025-11", as written in the front matter and the data files.
    pub fn key(self) -> String {
        format!("{}-{:02}", self.jaar, self.maand)
    }

    /// "November 2025": the name where it starts a heading or stands alone.
    pub fn label(self) -> String {
        let naam = MAANDEN[usize::from(self.maand - 1)];
        let mut chars = naam.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        format!(
            "{}{} {}",
            first.unwrap_or_default(),
            chars.as_str(),
            self.jaar
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendaItem {
    pub status: Status,
    pub label: String,
    pub omschrijving: String,
}

/// Actions of the plan that are not monitored yet, and when they start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NietGemonitord {
    pub acties: Vec<u32>,
    pub startjaar: u16,
    pub toelichting: Option<String>,
}

impl NietGemonitord {
    /// "Acties 31, 34 en 42 gaan pas van start in 2026. Hoewel …"
    pub fn noot(&self) -> String {
        let numbers: Vec<String> = self.acties.iter().map(u32::to_string).collect();
        let mut text = if numbers.len() == 1 {
            format!(
                "Actie {} gaat pas van start in {}.",
                numbers[0], self.startjaar
            )
        } else {
            format!(
                "Acties {} gaan pas van start in {}.",
                join_nl(&numbers),
                self.startjaar
            )
        };
        if let Some(toelichting) = &self.toelichting {
            text.push(' ');
            text.push_str(toelichting);
        }
        text
    }
}

/// Joins items the Dutch way: "a", "a en b", "a, b en c".
pub fn join_nl<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} en {}", init.join(", "), last.as_ref())
        }
    }
}

/// The pages every site has besides its actielijnen (`actielijn-N.html`) and
/// its annex: the annex may not take one of these names.
pub const PAGE_NAMES: &[&str] = &["index.html", "wijzigingen.html"];

/// The site-wide data from `content/_index.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteMeta {
    pub programma: String,
    pub titel: String,
    pub editie: Editie,
    pub planjaren: Vec<u16>,
    pub uitgevers: Vec<String>,
    pub website: Option<String>,
    pub nog_niet_gemonitord: Option<NietGemonitord>,
    pub uitvoeringsjaar: String,
    pub geen_uitvoeringsjaar: String,
    /// One item per status, in [`Status::ALL`] order.
    pub legenda: Vec<LegendaItem>,
    /// Optional introduction, in Markdown.
    pub tekst: Tekst,
    /// The name of the single-file annex.
    pub bijlage_bestand: String,
    /// The previous edition to compare with: a folder or a git revision.
    pub vorige_editie: Option<String>,
    /// Include the changes since the previous edition in the annex.
    pub wijzigingen_in_bijlage: bool,
    /// Raw HTML in Markdown is passed through as written (`ruwe_html: true`);
    /// by default it is sanitized.
    pub ruwe_html: bool,
    /// The catalogue record of the open data (DCAT-AP-DONL), when the site
    /// asks for one with `catalogus:`.
    pub catalogus: Option<Box<Catalogus>>,
    pub bron: Bron,
}

/// What the catalogue record of the open data needs beyond the rest of the
/// site's front matter (`catalogus:` in `content/_index.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogus {
    /// Where the site is published, ending in `/`: the data files are at
    /// `{adres}data/…`.
    pub adres: String,
    pub beschrijving: String,
    /// The organisation responsible for the data (authority and publisher),
    /// as a URI from the DONL list of organisations.
    pub uitgever: String,
    pub contactpunt: Contactpunt,
    /// URIs from the DONL taxonomy of policy areas (at least one).
    pub thema: Vec<String>,
    /// The licence URI; CC0 1.0 unless the site says otherwise.
    pub licentie: String,
    pub trefwoorden: Vec<String>,
}

/// Who answers questions about the data: a name and an e-mail address or a
/// website (or both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contactpunt {
    pub naam: String,
    pub email: Option<String>,
    pub website: Option<String>,
}

/// CC0 1.0 as data.overheid.nl lists it.
pub const CC0: &str = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl";

impl SiteMeta {
    pub fn legenda_label(&self, status: Status) -> &str {
        self.legenda
            .iter()
            .find(|item| item.status == status)
            .map_or(status.label(), |item| item.label.as_str())
    }
}

/// The whole annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub meta: SiteMeta,
    /// Ordered by number; each with its actions ordered.
    pub actielijnen: Vec<Actielijn>,
    /// Drafts (`concept: true`) left out of this build, by number or id:
    /// to count them in the summary and to name them when a published
    /// action links to one.
    pub weggelaten_concepten: Vec<Nummer>,
}

/// Counts per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Telling {
    pub per_status: [usize; 5],
}

impl Telling {
    pub fn acties(&self) -> usize {
        self.per_status.iter().sum()
    }

    pub fn get(&self, status: Status) -> usize {
        self.per_status[status.index()]
    }
}

impl std::ops::AddAssign for Telling {
    fn add_assign(&mut self, other: Telling) {
        for (a, b) in self.per_status.iter_mut().zip(other.per_status) {
            *a += b;
        }
    }
}

/// The dashboard: counts in total and per actielijn, computed from the actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub totaal: Telling,
    /// (actielijn number, its counts), in actielijn order.
    pub actielijnen: Vec<(u32, Telling)>,
}

impl Site {
    pub fn dashboard(&self) -> Dashboard {
        let actielijnen: Vec<(u32, Telling)> = self
            .actielijnen
            .iter()
            .map(|lijn| (lijn.nummer, lijn.telling()))
            .collect();
        let mut totaal = Telling::default();
        for (_, telling) in &actielijnen {
            totaal += *telling;
        }
        Dashboard {
            totaal,
            actielijnen,
        }
    }

    /// All entries in order, with their actielijn.
    pub fn acties(&self) -> impl Iterator<Item = (&Actielijn, &Actie)> {
        self.actielijnen
            .iter()
            .flat_map(|lijn| lijn.acties.iter().map(move |actie| (lijn, actie)))
    }

    /// Which actielijn holds the action with this anchor target (a number or
    /// the id of an extra action).
    pub fn find(&self, target: &str) -> Option<(&Actielijn, &Actie)> {
        let number: Option<u32> = target.parse().ok();
        self.acties()
            .find(|(_, actie)| match (&actie.nummer, number) {
                (Nummer::Extra(id), _) => id == target,
                (nummer, Some(n)) => nummer.numbers().contains(&n),
                _ => false,
            })
    }

    /// "44 acties in 6 actielijnen: 13 afgerond, 20 in uitvoering, …".
    pub fn summary(&self) -> String {
        let dashboard = self.dashboard();
        let parts: Vec<String> = Status::ALL
            .iter()
            .map(|s| format!("{} {}", dashboard.totaal.get(*s), s.phrase()))
            .collect();
        let concepten = match self.weggelaten_concepten.len() {
            0 => String::new(),
            1 => "; 1 concept niet opgenomen (--drafts neemt het op)".to_string(),
            n => format!("; {n} concepten niet opgenomen (--drafts neemt ze op)"),
        };
        format!(
            "{} {} in {} {}: {}{concepten}",
            dashboard.totaal.acties(),
            if dashboard.totaal.acties() == 1 {
                "actie"
            } else {
                "acties"
            },
            self.actielijnen.len(),
            if self.actielijnen.len() == 1 {
                "actielijn"
            } else {
                "actielijnen"
            },
            parts.join(", ")
        )
    }

    /// Whether `target` (a number or an id, as in `actie:15`) names a draft
    /// left out of this build.
    pub fn is_left_out_draft(&self, target: &str) -> bool {
        let number: Option<u32> = target.parse().ok();
        self.weggelaten_concepten
            .iter()
            .any(|nummer| match (nummer, number) {
                (Nummer::Extra(id), _) => id == target,
                (nummer, Some(n)) => nummer.numbers().contains(&n),
                _ => false,
            })
    }
}

/// One year of an action's timeline bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jaar {
    pub jaar: u16,
    pub uitvoering: bool,
}

/// The timeline bar of an action over the plan's years.
pub fn tijdlijn(planjaren: &[u16], jaren: &[u16]) -> Vec<Jaar> {
    planjaren
        .iter()
        .map(|&jaar| Jaar {
            jaar,
            uitvoering: jaren.contains(&jaar),
        })
        .collect()
}

/// An action as read from its file, before grouping: the folder it lives in
/// (relative to the content folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActieInvoer {
    pub map: String,
    pub actie: Actie,
}

/// Groups actions into their actielijnen, orders both, and checks what only
/// the whole site can show: duplicate numbers and ids, duplicate actielijnen,
/// actions in a folder without an actielijn, years outside the plan, drafts.
/// Returns the site with every problem found; the site is usable only when
/// the list is empty.
pub fn assemble(
    meta: SiteMeta,
    actielijnen: Vec<Actielijn>,
    acties: Vec<ActieInvoer>,
    drafts: bool,
) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();

    let mut lijnen: Vec<Actielijn> = Vec::with_capacity(actielijnen.len());
    let mut by_number: BTreeMap<u32, String> = BTreeMap::new();
    for lijn in actielijnen {
        if let Some(other) = by_number.get(&lijn.nummer) {
            diagnostics.push(Diagnostic::new(
                Location::at(&lijn.bron.file, lijn.bron.nummer_at),
                Problem::DuplicateActielijn {
                    number: lijn.nummer,
                    other: other.clone(),
                },
            ));
            continue;
        }
        by_number.insert(lijn.nummer, lijn.bron.file.clone());
        lijnen.push(lijn);
    }

    let first = meta.planjaren.first().copied().unwrap_or_default();
    let last = meta.planjaren.last().copied().unwrap_or_default();
    let unmonitored: &[u32] = meta
        .nog_niet_gemonitord
        .as_ref()
        .map_or(&[], |ng| ng.acties.as_slice());
    let mut numbers: BTreeMap<u32, String> = BTreeMap::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut weggelaten_concepten = Vec::new();
    for ActieInvoer { map, actie } in acties {
        let at_nummer = Location::at(&actie.bron.file, actie.bron.nummer_at);
        for &jaar in &actie.jaren {
            if !meta.planjaren.contains(&jaar) {
                diagnostics.push(Diagnostic::new(
                    Location::at(&actie.bron.file, actie.bron.jaren_at),
                    Problem::YearOutsidePlan {
                        year: i64::from(jaar),
                        first,
                        last,
                    },
                ));
            }
        }
        match &actie.nummer {
            Nummer::Extra(id) => {
                if let Some(other) = ids.insert(id.clone(), actie.bron.file.clone()) {
                    diagnostics.push(Diagnostic::new(
                        at_nummer.clone(),
                        Problem::DuplicateId {
                            id: id.clone(),
                            other,
                        },
                    ));
                }
            }
            nummer => {
                for &n in nummer.numbers() {
                    if let Some(other) = numbers.get(&n) {
                        diagnostics.push(Diagnostic::new(
                            at_nummer.clone(),
                            Problem::DuplicateNumber {
                                number: n,
                                other: other.clone(),
                            },
                        ));
                    } else {
                        numbers.insert(n, actie.bron.file.clone());
                    }
                    // A draft may already carry a number that is not
                    // monitored yet: it is how the next edition is prepared.
                    if unmonitored.contains(&n) && !actie.concept {
                        diagnostics.push(Diagnostic::new(
                            at_nummer.clone(),
                            Problem::UnmonitoredHasPage {
                                number: n,
                                other: meta.bron.file.clone(),
                            },
                        ));
                    }
                }
            }
        }
        if actie.concept && !drafts {
            weggelaten_concepten.push(actie.nummer.clone());
            continue;
        }
        match lijnen.iter_mut().find(|lijn| lijn.map == map) {
            Some(lijn) => lijn.acties.push(actie),
            None => diagnostics.push(Diagnostic::new(
                Location::file(&actie.bron.file),
                Problem::FolderWithoutIndex { folder: map },
            )),
        }
    }

    lijnen.sort_by_key(|lijn| lijn.nummer);
    for lijn in &mut lijnen {
        lijn.acties
            .sort_by(|a, b| a.nummer.sort_key().cmp(&b.nummer.sort_key()));
    }
    diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
    (
        Site {
            meta,
            actielijnen: lijnen,
            weggelaten_concepten,
        },
        diagnostics,
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_status_is_found_by_its_key_and_by_its_label() {
        for status in Status::ALL {
            assert_eq!(Status::from_key(status.key()), Some(status));
            assert_eq!(Status::from_label(status.label()), Some(status));
        }
        assert_eq!(
            Status::from_label("nog niet gestart."),
            Some(Status::NietGestart)
        );
        assert_eq!(Status::from_label("klaar"), None);
    }

    pub fn meta() -> SiteMeta {
        SiteMeta {
            programma: "Programma".into(),
            titel: "Bijlage 1 Monitoringsoverzicht".into(),
            editie: Editie {
                jaar: 2025,
                maand: 11,
            },
            planjaren: vec![2024, 2025, 2026, 2027],
            uitgevers: vec![],
            website: None,
            nog_niet_gemonitord: Some(NietGemonitord {
                acties: vec![31, 34, 42],
                startjaar: 2026,
                toelichting: None,
            }),
            uitvoeringsjaar: "ja".into(),
            geen_uitvoeringsjaar: "nee".into(),
            legenda: Status::ALL
                .iter()
                .map(|s| LegendaItem {
                    status: *s,
                    label: s.label().into(),
                    omschrijving: String::new(),
                })
                .collect(),
            tekst: Tekst::default(),
            bijlage_bestand: "bijlage.html".into(),
            vorige_editie: None,
            wijzigingen_in_bijlage: false,
            ruwe_html: false,
            catalogus: None,
            bron: Bron {
                file: "_index.md".into(),
                ..Bron::default()
            },
        }
    }

    pub fn lijn(nummer: u32, map: &str) -> Actielijn {
        Actielijn {
            nummer,
            korte_titel: format!("Kort {nummer}"),
            titel: format!("Lang {nummer}"),
            doelen: Lijst::default(),
            effecten: Lijst::default(),
            tekst: Tekst::default(),
            map: map.into(),
            bron: Bron {
                file: format!("{map}/_index.md"),
                nummer_at: 4,
                ..Bron::default()
            },
            acties: vec![],
        }
    }

    pub fn actie(map: &str, nummer: Nummer, status: Status) -> ActieInvoer {
        let file = format!("{map}/{nummer}.md").replace('/', "_");
        ActieInvoer {
            map: map.into(),
            actie: Actie {
                nummer,
                titel: "Titel".into(),
                status,
                jaren: vec![2024],
                jaren_bron: JarenBron::Periode,
                jaren_toelichting: None,
                concept: false,
                tekst: Tekst::default(),
                bron: Bron {
                    file: format!("{map}/{file}"),
                    nummer_at: 4,
                    jaren_at: 40,
                    body_at: 80,
                },
            },
        }
    }

    fn numbers(lijn: &Actielijn) -> Vec<String> {
        lijn.acties.iter().map(|a| a.nummer.to_string()).collect()
    }

    #[test]
    fn a_tekst_shares_the_tail_of_its_source_and_copies_anything_else() {
        let source: std::sync::Arc<str> = std::sync::Arc::from("---\na: 1\n---\nTekst\n");
        let shared = Tekst::shared(&source, &source[13..]);
        assert_eq!(shared, "Tekst\n");
        assert_eq!(shared.as_ptr(), source[13..].as_ptr());
        // Not a tail of the source: copied, same text.
        let copied = Tekst::shared(&source, &source[4..8]);
        assert_eq!(copied, "a: 1");
        assert_ne!(copied.as_ptr(), source[4..8].as_ptr());
        assert_eq!(Tekst::shared(&source, "elders"), "elders");
    }

    #[test]
    fn parses_numbers() {
        assert_eq!(Nummer::parse("15"), Some(Nummer::Enkel(15)));
        assert_eq!(Nummer::parse("3/4"), Some(Nummer::Gecombineerd(vec![3, 4])));
        assert_eq!(
            Nummer::parse("3/4/7"),
            Some(Nummer::Gecombineerd(vec![3, 4, 7]))
        );
        for bad in [
            "3//4", "3/3", "4/3", "0", "", "/4", "3/", "a/b", "-1", "3/+4",
        ] {
            assert_eq!(Nummer::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn combined_entry_counts_once_per_number_and_has_an_anchor_per_number() {
        let nummer = Nummer::Gecombineerd(vec![3, 4]);
        assert_eq!(nummer.count(), 2);
        assert_eq!(nummer.anchors(), vec!["actie-3", "actie-4"]);
        assert_eq!(nummer.to_string(), "3/4");
        let extra = Nummer::Extra("pilot".into());
        assert_eq!(extra.count(), 1);
        assert_eq!(extra.anchors(), vec!["actie-pilot"]);
    }

    #[test]
    fn groups_by_folder_and_orders_by_number_with_extras_last() {
        let (site, diagnostics) = assemble(
            meta(),
            vec![lijn(2, "b"), lijn(1, "a")],
            vec![
                actie("a", Nummer::Extra("zeta".into()), Status::Afgerond),
                actie("a", Nummer::Enkel(9), Status::Afgerond),
                actie("b", Nummer::Enkel(10), Status::Doorlopend),
                actie("a", Nummer::Extra("alfa".into()), Status::Afgerond),
                actie("a", Nummer::Gecombineerd(vec![3, 4]), Status::Afgerond),
                actie("a", Nummer::Enkel(1), Status::Afgerond),
            ],
            false,
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let order: Vec<u32> = site.actielijnen.iter().map(|l| l.nummer).collect();
        assert_eq!(order, vec![1, 2]);
        assert_eq!(
            numbers(&site.actielijnen[0]),
            vec!["1", "3/4", "9", "Extra actie", "Extra actie"]
        );
        let ids: Vec<&Nummer> = site.actielijnen[0].acties[3..]
            .iter()
            .map(|a| &a.nummer)
            .collect();
        assert_eq!(
            ids,
            vec![&Nummer::Extra("alfa".into()), &Nummer::Extra("zeta".into())]
        );
        assert_eq!(numbers(&site.actielijnen[1]), vec!["10"]);
    }

    #[test]
    fn counts_combined_entries_per_number_and_extras_once() {
        let (site, _) = assemble(
            meta(),
            vec![lijn(1, "a"), lijn(2, "b")],
            vec![
                actie("a", Nummer::Gecombineerd(vec![3, 4]), Status::InUitvoering),
                actie("a", Nummer::Enkel(1), Status::Afgerond),
                actie("b", Nummer::Extra("x".into()), Status::InUitvoering),
                actie("b", Nummer::Enkel(12), Status::NietGestart),
            ],
            false,
        );
        let dashboard = site.dashboard();
        assert_eq!(dashboard.totaal.acties(), 5);
        assert_eq!(dashboard.totaal.get(Status::InUitvoering), 3);
        assert_eq!(dashboard.totaal.get(Status::Afgerond), 1);
        assert_eq!(dashboard.totaal.get(Status::NietGestart), 1);
        assert_eq!(dashboard.actielijnen[0].1.acties(), 3);
        assert_eq!(dashboard.actielijnen[1].1.acties(), 2);
        assert_eq!(
            site.summary(),
            "5 acties in 2 actielijnen: 1 afgerond, 3 in uitvoering, \
             0 in uitvoering met vertraging, 0 doorlopend, 1 nog niet gestart"
        );
    }

    #[test]
    fn reports_duplicate_numbers_across_files_and_inside_combined_entries() {
        let (_, diagnostics) = assemble(
            meta(),
            vec![lijn(1, "a"), lijn(2, "b")],
            vec![
                actie("a", Nummer::Gecombineerd(vec![3, 4]), Status::Afgerond),
                actie("b", Nummer::Enkel(4), Status::Afgerond),
            ],
            false,
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].problem,
            Problem::DuplicateNumber {
                number: 4,
                other: "a/a_3_4.md".into()
            }
        );
        assert_eq!(diagnostics[0].location.file, "b/b_4.md");
        assert_eq!(diagnostics[0].location, Location::at("b/b_4.md", 4));
    }

    #[test]
    fn reports_years_outside_the_plan_folders_without_index_and_duplicate_lines() {
        let mut late = actie("a", Nummer::Enkel(1), Status::Afgerond);
        late.actie.jaren = vec![2027, 2028];
        let (_, diagnostics) = assemble(
            meta(),
            vec![lijn(1, "a"), lijn(1, "c")],
            vec![late, actie("z", Nummer::Enkel(2), Status::Afgerond)],
            false,
        );
        let problems: Vec<&Problem> = diagnostics.iter().map(|d| &d.problem).collect();
        assert!(problems.contains(&&Problem::YearOutsidePlan {
            year: 2028,
            first: 2024,
            last: 2027
        }));
        assert!(problems.contains(&&Problem::FolderWithoutIndex { folder: "z".into() }));
        assert!(problems.contains(&&Problem::DuplicateActielijn {
            number: 1,
            other: "a/_index.md".into()
        }));
        assert_eq!(diagnostics.len(), 3);
    }

    #[test]
    fn unmonitored_actions_must_not_have_pages_and_make_a_note() {
        let (_, diagnostics) = assemble(
            meta(),
            vec![lijn(1, "a")],
            vec![actie("a", Nummer::Enkel(31), Status::Afgerond)],
            false,
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].problem.code(), "niet-gemonitord-met-pagina");
        let ng = meta().nog_niet_gemonitord.unwrap();
        assert_eq!(ng.noot(), "Acties 31, 34 en 42 gaan pas van start in 2026.");
        let single = NietGemonitord {
            acties: vec![7],
            startjaar: 2027,
            toelichting: Some("Later meer.".into()),
        };
        assert_eq!(
            single.noot(),
            "Actie 7 gaat pas van start in 2027. Later meer."
        );
    }

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let mut draft = actie("a", Nummer::Enkel(2), Status::Afgerond);
        draft.actie.concept = true;
        let inputs = vec![actie("a", Nummer::Enkel(1), Status::Afgerond), draft];
        let (without, _) = assemble(meta(), vec![lijn(1, "a")], inputs.clone(), false);
        assert_eq!(without.dashboard().totaal.acties(), 1);
        let (with, _) = assemble(meta(), vec![lijn(1, "a")], inputs, true);
        assert_eq!(with.dashboard().totaal.acties(), 2);
    }

    #[test]
    fn finds_actions_by_number_and_id() {
        let (site, _) = assemble(
            meta(),
            vec![lijn(1, "a"), lijn(2, "b")],
            vec![
                actie("a", Nummer::Gecombineerd(vec![3, 4]), Status::Afgerond),
                actie("b", Nummer::Extra("pilot".into()), Status::Afgerond),
            ],
            false,
        );
        assert_eq!(site.find("4").map(|(l, _)| l.nummer), Some(1));
        assert_eq!(site.find("pilot").map(|(l, _)| l.nummer), Some(2));
        assert!(site.find("5").is_none());
    }

    #[test]
    fn timeline_marks_execution_years() {
        let bar = tijdlijn(&[2024, 2025, 2026, 2027], &[2025, 2026]);
        let marks: Vec<bool> = bar.iter().map(|j| j.uitvoering).collect();
        assert_eq!(marks, vec![false, true, true, false]);
    }

    #[test]
    fn joins_the_dutch_way_and_names_editions() {
        assert_eq!(join_nl(&["31"]), "31");
        assert_eq!(join_nl(&["31", "34"]), "31 en 34");
        assert_eq!(join_nl(&["31", "34", "42"]), "31, 34 en 42");
        assert_eq!(
            Editie::parse("2025-11").map(Editie::label).as_deref(),
            Some("November 2025")
        );
        assert_eq!(Editie::parse("2025-13"), None);
        assert_eq!(Editie::parse("november"), None);
    }

    #[test]
    fn ids_are_slugs() {
        assert!(valid_id("pilot-preventie-ronselen"));
        for bad in ["", "1pilot", "Pilot", "pilot--x", "pilot-", "pi lot"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
