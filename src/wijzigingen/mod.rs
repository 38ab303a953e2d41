//! What changed since the previous edition: a pure comparison of two sites.
//!
//! Entries are matched by number (a combined entry matches every entry that
//! shares one of its numbers, which covers a combined entry split in two and
//! separate entries merged into one) and extra actions by their stable id.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Actie, Nummer, Site, Status, Tekst, Telling};
use crate::render::markdown::plain_text;

mod tekst;

pub use tekst::Piece;
pub(crate) use tekst::{TextChange, text_change};

/// An entry as it was or is: enough to name it and link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its number (or id of an extra action).
    pub nummer: Nummer,
    /// Its title.
    pub titel: String,
    /// Its status.
    pub status: Status,
    /// The actielijn it is in.
    pub actielijn: u32,
    /// Its execution years.
    pub jaren: Vec<u16>,
    /// Its progress text.
    pub tekst: Tekst,
}

impl Entry {
    fn new(actielijn: u32, actie: &Actie) -> Entry {
        Entry {
            nummer: actie.nummer.clone(),
            titel: actie.titel.clone(),
            status: actie.status,
            actielijn,
            jaren: actie.jaren.clone(),
            tekst: actie.tekst.clone(),
        }
    }

    /// The first anchor of the entry (`actie-15`, `actie-pilot-x`).
    pub fn anchor(&self) -> String {
        self.nummer.anchors().remove(0)
    }
}

/// How one entry changed. `was` holds the previous entries it matches: one
/// normally, two or more when entries were merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The entry now.
    pub nu: Entry,
    /// The previous entries it matches.
    pub was: Vec<Entry>,
    /// The previous status, when it differs (for merged entries: the status
    /// of the first previous entry that differs).
    pub status: Option<Status>,
    /// The title changed.
    pub titel: bool,
    /// The years changed.
    pub jaren: bool,
    /// The progress text changed (as read, not as written in Markdown).
    pub tekst: bool,
    /// The previous actielijn, when the entry moved.
    pub actielijn: Option<u32>,
    /// The numbering changed: a combined entry split, or entries merged.
    pub nummering: bool,
}

impl Changed {
    /// The kinds of change, in words, for lists and markers.
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds = Vec::new();
        if self.nummering {
            kinds.push(if self.was.len() > 1 {
                "samengevoegd"
            } else {
                "gesplitst"
            });
        }
        if self.status.is_some() {
            kinds.push("status");
        }
        if self.actielijn.is_some() {
            kinds.push("verplaatst");
        }
        if self.titel {
            kinds.push("titel");
        }
        if self.jaren {
            kinds.push("jaren");
        }
        if self.tekst {
            kinds.push("voortgangstekst");
        }
        kinds
    }
}

/// A comparison made: the previous edition, where it came from, and what
/// changed since.
#[derive(Debug)]
pub struct Vergelijking {
    /// Where the previous edition came from (a folder or `rev:path`).
    pub bron: String,
    /// The previous edition.
    pub vorige: Box<Site>,
    /// What changed since.
    pub wijzigingen: Wijzigingen,
}

/// Everything that changed between two editions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wijzigingen {
    /// The dashboard of the previous edition.
    pub totaal_was: Telling,
    /// The dashboard now.
    pub totaal_nu: Telling,
    /// Entries that exist in both editions and differ, in the current order.
    pub gewijzigd: Vec<Changed>,
    /// Entries new in this edition.
    pub toegevoegd: Vec<Entry>,
    /// Entries of the previous edition with no match now, in their order.
    pub verwijderd: Vec<Entry>,
}

/// [`Wijzigingen::of`] and whether an entry is new, as lookups, for asking about
/// every entry of a site.
pub struct Lookup<'a> {
    changed: HashMap<&'a Nummer, &'a Changed>,
    added: std::collections::HashSet<&'a Nummer>,
}

impl<'a> Lookup<'a> {
    /// The change of the entry `nummer`, if any.
    pub fn of(&self, nummer: &Nummer) -> Option<&'a Changed> {
        self.changed.get(nummer).copied()
    }

    /// Whether the entry `nummer` is new in this edition.
    pub(crate) fn is_added(&self, nummer: &Nummer) -> bool {
        self.added.contains(nummer)
    }
}

impl Wijzigingen {
    /// An index of the changes by number; the first change of a number
    /// wins, as with [`Wijzigingen::of`].
    pub(crate) fn lookup(&self) -> Lookup<'_> {
        let mut changed = HashMap::with_capacity(self.gewijzigd.len());
        for c in &self.gewijzigd {
            changed.entry(&c.nu.nummer).or_insert(c);
        }
        Lookup {
            changed,
            added: self.toegevoegd.iter().map(|e| &e.nummer).collect(),
        }
    }

    /// The change of the entry with this anchor, if any.
    pub fn of(&self, nummer: &Nummer) -> Option<&Changed> {
        self.gewijzigd.iter().find(|c| &c.nu.nummer == nummer)
    }

    /// The changes of status.
    pub fn status_changes(&self) -> impl Iterator<Item = &Changed> {
        self.gewijzigd.iter().filter(|c| c.status.is_some())
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.gewijzigd.is_empty() && self.toegevoegd.is_empty() && self.verwijderd.is_empty()
    }
}

/// Whether two progress texts read the same: equal apart from whitespace,
/// or equal as rendered text (a reference written as a link, emphasis added
/// or removed, is no change a reader sees).
fn same_text(a: &str, b: &str) -> bool {
    a == b || a.split_whitespace().eq(b.split_whitespace()) || {
        let (a, b) = (plain_text(a), plain_text(b));
        a.split_whitespace().eq(b.split_whitespace())
    }
}

/// Whether a current entry matches a previous one: extra actions by id,
/// others by sharing a number. [`PreviousIndex::matching`] is this as a lookup.
#[cfg(test)]
fn matches(a: &Nummer, b: &Nummer) -> bool {
    match (a, b) {
        (Nummer::Extra(x), Nummer::Extra(y)) => x == y,
        (Nummer::Extra(_), _) | (_, Nummer::Extra(_)) => false,
        (a, b) => a.numbers().iter().any(|n| b.numbers().contains(n)),
    }
}

/// Where the previous edition's entries are, by number and by the id of an
/// extra action: matching an entry is a lookup, not a scan of every
/// previous entry.
struct PreviousIndex<'a> {
    by_number: HashMap<u32, Vec<usize>>,
    by_id: HashMap<&'a str, Vec<usize>>,
}

impl<'a> PreviousIndex<'a> {
    fn new(was: &'a [Entry]) -> Self {
        let mut index = PreviousIndex {
            by_number: HashMap::new(),
            by_id: HashMap::new(),
        };
        for (i, entry) in was.iter().enumerate() {
            match &entry.nummer {
                Nummer::Extra(id) => index.by_id.entry(id.as_str()).or_default().push(i),
                nummer => {
                    for &n in nummer.numbers() {
                        let at = index.by_number.entry(n).or_default();
                        if at.last() != Some(&i) {
                            at.push(i);
                        }
                    }
                }
            }
        }
        index
    }

    /// The positions of the previous entries that `nummer` matches (extra
    /// actions by id, others by a shared number), in their order.
    fn matching(&self, nummer: &Nummer) -> Vec<usize> {
        let mut found: Vec<usize> = match nummer {
            Nummer::Extra(id) => self.by_id.get(id.as_str()).cloned().unwrap_or_default(),
            nummer => nummer
                .numbers()
                .iter()
                .filter_map(|n| self.by_number.get(n))
                .flatten()
                .copied()
                .collect(),
        };
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// What one current entry is against the previous edition: new, or the
/// previous entries it matches with how it changed (`None`: unchanged).
enum Match {
    Added,
    Matched(Vec<usize>, Option<Changed>),
}

/// How `entry` changed since the previous entries `previous` it matches;
/// `None` when it did not.
fn change(entry: &Entry, previous: Vec<Entry>) -> Option<Changed> {
    let first = &previous[0];
    let change = Changed {
        status: previous
            .iter()
            .map(|w| w.status)
            .find(|s| *s != entry.status),
        titel: previous.iter().any(|w| w.titel != entry.titel),
        jaren: previous.iter().any(|w| w.jaren != entry.jaren),
        tekst: previous.iter().any(|w| !same_text(&w.tekst, &entry.tekst)),
        actielijn: previous
            .iter()
            .map(|w| w.actielijn)
            .find(|l| *l != entry.actielijn),
        nummering: previous.len() > 1 || first.nummer != entry.nummer,
        nu: entry.clone(),
        was: previous,
    };
    (!change.kinds().is_empty()).then_some(change)
}

/// Compares the previous edition with the current one. Each current entry
/// is compared on any core (comparing the texts is most of the work); the
/// results are taken in the current order.
pub fn compare(vorige: &Site, huidige: &Site) -> Wijzigingen {
    use rayon::prelude::*;
    let was: Vec<Entry> = vorige
        .acties()
        .map(|(lijn, actie)| Entry::new(lijn.nummer, actie))
        .collect();
    let nu: Vec<Entry> = huidige
        .acties()
        .map(|(lijn, actie)| Entry::new(lijn.nummer, actie))
        .collect();

    let index = PreviousIndex::new(&was);
    let matches: Vec<Match> = nu
        .par_iter()
        .map(|entry| {
            let found = index.matching(&entry.nummer);
            if found.is_empty() {
                return Match::Added;
            }
            let previous = found.iter().map(|&i| was[i].clone()).collect();
            Match::Matched(found, change(entry, previous))
        })
        .collect();
    let mut matched_previous: BTreeSet<usize> = BTreeSet::new();
    let mut gewijzigd = Vec::new();
    let mut toegevoegd = Vec::new();
    for (entry, found) in nu.into_iter().zip(matches) {
        match found {
            Match::Added => toegevoegd.push(entry),
            Match::Matched(found, change) => {
                matched_previous.extend(found);
                gewijzigd.extend(change);
            }
        }
    }
    let verwijderd = was
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched_previous.contains(i))
        .map(|(_, w)| w.clone())
        .collect();
    Wijzigingen {
        totaal_was: vorige.dashboard().totaal,
        totaal_nu: huidige.dashboard().totaal,
        gewijzigd,
        toegevoegd,
        verwijderd,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::{actie, lijn, meta};
    use crate::model::{ActieInvoer, assemble};

    fn site(acties: Vec<ActieInvoer>) -> Site {
        let (site, diagnostics) = assemble(meta(), vec![lijn(1, "a"), lijn(2, "b")], acties, false);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        site
    }

    fn with(mut invoer: ActieInvoer, f: impl FnOnce(&mut Actie)) -> ActieInvoer {
        f(&mut invoer.actie);
        invoer
    }

    /// A made-up pair of editions with every kind of change.
    fn editions() -> (Site, Site) {
        let vorige = site(vec![
            actie("a", Nummer::Enkel(1), Status::InUitvoering),
            actie("a", Nummer::Enkel(2), Status::Afgerond),
            actie("a", Nummer::Gecombineerd(vec![3, 4]), Status::InUitvoering),
            actie("a", Nummer::Enkel(5), Status::Doorlopend),
            actie("a", Nummer::Enkel(6), Status::NietGestart),
            actie("b", Nummer::Enkel(7), Status::InUitvoering),
            actie("b", Nummer::Enkel(8), Status::InUitvoering),
            actie("b", Nummer::Extra("pilot".into()), Status::InUitvoering),
        ]);
        let huidige = site(vec![
            // 1: status changed.
            actie("a", Nummer::Enkel(1), Status::Afgerond),
            // 2: title, years and text changed.
            with(actie("a", Nummer::Enkel(2), Status::Afgerond), |a| {
                a.titel = "Nieuwe titel".into();
                a.jaren = vec![2024, 2025];
                a.tekst = "Een nieuwe zin.".into();
            }),
            // 3/4 split in two, 4 with another status.
            actie("a", Nummer::Enkel(3), Status::InUitvoering),
            actie("a", Nummer::Enkel(4), Status::Vertraging),
            // 5 unchanged; 6 removed; 7 moved to actielijn 1.
            actie("a", Nummer::Enkel(5), Status::Doorlopend),
            actie("a", Nummer::Enkel(7), Status::InUitvoering),
            // 8 unchanged, the extra matched by id with a new status, 9 added.
            actie("b", Nummer::Enkel(8), Status::InUitvoering),
            actie("b", Nummer::Extra("pilot".into()), Status::Afgerond),
            actie("b", Nummer::Enkel(9), Status::NietGestart),
        ]);
        (vorige, huidige)
    }

    fn kinds_of(changes: &Wijzigingen, nummer: Nummer) -> Vec<&'static str> {
        changes.of(&nummer).map(Changed::kinds).unwrap_or_default()
    }

    #[test]
    fn finds_every_kind_of_change() {
        let (vorige, huidige) = editions();
        let changes = compare(&vorige, &huidige);
        assert_eq!(kinds_of(&changes, Nummer::Enkel(1)), vec!["status"]);
        assert_eq!(
            changes.of(&Nummer::Enkel(1)).unwrap().status,
            Some(Status::InUitvoering)
        );
        assert_eq!(
            kinds_of(&changes, Nummer::Enkel(2)),
            vec!["titel", "jaren", "voortgangstekst"]
        );
        assert_eq!(kinds_of(&changes, Nummer::Enkel(3)), vec!["gesplitst"]);
        assert_eq!(
            kinds_of(&changes, Nummer::Enkel(4)),
            vec!["gesplitst", "status"]
        );
        assert_eq!(kinds_of(&changes, Nummer::Enkel(7)), vec!["verplaatst"]);
        assert_eq!(changes.of(&Nummer::Enkel(7)).unwrap().actielijn, Some(2));
        assert_eq!(
            kinds_of(&changes, Nummer::Extra("pilot".into())),
            vec!["status"]
        );
        assert!(changes.of(&Nummer::Enkel(5)).is_none());
        assert!(changes.of(&Nummer::Enkel(8)).is_none());
        let added: Vec<String> = changes
            .toegevoegd
            .iter()
            .map(|e| e.nummer.to_string())
            .collect();
        assert_eq!(added, vec!["9"]);
        let removed: Vec<String> = changes
            .verwijderd
            .iter()
            .map(|e| e.nummer.to_string())
            .collect();
        assert_eq!(removed, vec!["6"]);
        let statuses: Vec<String> = changes
            .status_changes()
            .map(|c| c.nu.nummer.to_string())
            .collect();
        assert_eq!(statuses, vec!["1", "4", "Extra actie"]);
    }

    #[test]
    fn merged_entries_match_all_their_predecessors() {
        let vorige = site(vec![
            actie("a", Nummer::Enkel(3), Status::InUitvoering),
            actie("a", Nummer::Enkel(4), Status::Afgerond),
        ]);
        let huidige = site(vec![actie(
            "a",
            Nummer::Gecombineerd(vec![3, 4]),
            Status::InUitvoering,
        )]);
        let changes = compare(&vorige, &huidige);
        let merged = changes.of(&Nummer::Gecombineerd(vec![3, 4])).unwrap();
        assert_eq!(merged.was.len(), 2);
        assert_eq!(merged.kinds(), vec!["samengevoegd", "status"]);
        assert_eq!(merged.status, Some(Status::Afgerond));
        assert!(changes.verwijderd.is_empty() && changes.toegevoegd.is_empty());
    }

    #[test]
    fn the_dashboard_then_and_now() {
        let (vorige, huidige) = editions();
        let changes = compare(&vorige, &huidige);
        assert_eq!(changes.totaal_was, vorige.dashboard().totaal);
        assert_eq!(changes.totaal_nu, huidige.dashboard().totaal);
        assert_eq!(changes.totaal_was.get(Status::Afgerond), 1);
        assert_eq!(changes.totaal_nu.get(Status::Afgerond), 3);
    }

    #[test]
    fn identical_editions_have_no_changes_and_whitespace_is_no_change() {
        let (vorige, _) = editions();
        let mut huidige = vorige.clone();
        let tekst = format!("{}\n\n", &*huidige.actielijnen[0].acties[0].tekst);
        huidige.actielijnen[0].acties[0].tekst = Tekst::from(tekst.as_str());
        assert!(compare(&vorige, &huidige).is_empty());
    }

    #[test]
    fn texts_are_compared_as_readers_read_them() {
        // Link syntax is no change, and shows nowhere in the diff.
        let mut vorige = site(vec![actie("a", Nummer::Enkel(1), Status::Afgerond)]);
        vorige.actielijnen[0].acties[0].tekst = "Samen met actie 1.".into();
        let mut huidige = vorige.clone();
        huidige.actielijnen[0].acties[0].tekst = "Samen met [actie 1](actie:1).".into();
        assert!(compare(&vorige, &huidige).is_empty());
        let TextChange::Diff(pieces) = text_change(
            "Start volgt na afronding van de verkenning onder [actie 11](actie:11).",
            "Start volgt na afronding van de verkenning onder [actie 11](actie:11). Nu verkend.",
        ) else {
            panic!("a small change is a diff")
        };
        assert_eq!(
            pieces,
            vec![
                Piece::Same("Start volgt na afronding van de verkenning onder actie 11. ".into()),
                Piece::Added("Nu verkend.".into()),
            ]
        );
    }

    #[test]
    fn the_index_matches_what_a_scan_of_every_previous_entry_finds() {
        let nummers = [
            Nummer::Enkel(1),
            Nummer::Gecombineerd(vec![2, 3]),
            Nummer::Enkel(3),
            Nummer::Extra("a".into()),
            Nummer::Gecombineerd(vec![4, 4]),
            Nummer::Enkel(2),
            Nummer::Extra("b".into()),
            Nummer::Extra("a".into()),
        ];
        let was: Vec<Entry> = nummers
            .iter()
            .map(|nummer| Entry {
                nummer: nummer.clone(),
                titel: String::new(),
                status: Status::Afgerond,
                actielijn: 1,
                jaren: Vec::new(),
                tekst: Tekst::from(""),
            })
            .collect();
        let index = PreviousIndex::new(&was);
        let probes = nummers.iter().cloned().chain([
            Nummer::Enkel(9),
            Nummer::Gecombineerd(vec![1, 3, 4]),
            Nummer::Extra("c".into()),
        ]);
        for probe in probes {
            let scanned: Vec<usize> = (0..was.len())
                .filter(|&i| matches(&was[i].nummer, &probe))
                .collect();
            assert_eq!(index.matching(&probe), scanned, "{probe:?}");
        }
    }
}
