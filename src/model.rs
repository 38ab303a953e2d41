//! The data of a monitoring annex: site, actielijnen, actions, statuses,
//! timelines and the dashboard. Pure: nothing here touches the disk.
//!
//! This module holds the pages' data (site, actielijn, action, their texts
//! and sources); `status.rs`, `nummer.rs` and `meta.rs` the values they are
//! made of, `dashboard.rs` the counting and `assemble.rs` the step from pages
//! to a site. Everything is re-exported here: `crate::model::X` for all.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

mod assemble;
mod dashboard;
mod meta;
mod nummer;
mod status;

pub use assemble::{ActieInvoer, assemble, reassemble};
pub use dashboard::{Dashboard, Telling};
pub use meta::{CC0, Catalogus, Contactpunt, Editie, LegendaItem, NietGemonitord, SiteMeta};
pub(crate) use meta::{MAANDEN, PAGE_NAMES, join_nl};
pub use nummer::Nummer;
pub(crate) use nummer::valid_id;
pub(crate) use status::STATUS_KEYS;
pub use status::Status;

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
    /// Every source of the years, in declaration order.
    pub const ALL: [JarenBron; 3] = [JarenBron::Actieplan, JarenBron::Titel, JarenBron::Periode];

    /// The value editors write for `jaren_bron`.
    pub fn key(self) -> &'static str {
        match self {
            JarenBron::Actieplan => "actieplan",
            JarenBron::Titel => "titel",
            JarenBron::Periode => "periode",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<JarenBron> {
        JarenBron::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The source in words, as the review page shows it.
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

    /// The body as a string.
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
    /// The number (one or several) or, for an extra action, its id.
    pub nummer: Nummer,
    /// The action's title, as written.
    pub titel: String,
    /// The action's status in this edition.
    pub status: Status,
    /// Execution years, ascending.
    pub jaren: Vec<u16>,
    /// Where the years came from (`jaren_bron`).
    pub jaren_bron: JarenBron,
    /// A note on the years (`jaren_toelichting`), shown with the timeline; None when there is none.
    pub jaren_toelichting: Option<String>,
    /// A draft (`concept: true`): left out of the published build.
    pub concept: bool,
    /// The progress text, in Markdown.
    pub tekst: Tekst,
    /// Where in the content the action was read.
    pub bron: Bron,
}

/// An item of a list of goals or effects, optionally with a bold lead
/// ("**Eind 2026** weet …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Punt {
    /// The bold lead, without its `**`; None when the item has none.
    pub kop: Option<String>,
    /// The item's text, in Markdown.
    pub tekst: String,
}

/// Operational goals or intended effects: an optional intro, then a list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lijst {
    /// The text before the list, in Markdown; None when there is none.
    pub inleiding: Option<String>,
    /// Byte offset in the file where the text of `inleiding` starts (exact
    /// for a text on one line; else where its value starts).
    pub inleiding_at: usize,
    /// The items of the list, in the order written.
    pub punten: Vec<Punt>,
}

/// One actielijn: its goals, effects and actions, from its folder's `_index.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actielijn {
    /// The actielijn's number (1 and up), as in the action plan.
    pub nummer: u32,
    /// The short title, for the navigation and the dashboard.
    pub korte_titel: String,
    /// The full title, for the actielijn's page.
    pub titel: String,
    /// The operational goals (`doelen`).
    pub doelen: Lijst,
    /// The intended effects (`effecten`).
    pub effecten: Lijst,
    /// Optional free text of the actielijn, in Markdown.
    pub tekst: Tekst,
    /// The folder (relative to the content folder) the actielijn lives in.
    pub map: String,
    /// Where in the content the actielijn's `_index.md` was read.
    pub bron: Bron,
    /// The actions, ordered by number, extra actions last by id.
    pub acties: Vec<Actie>,
}

/// The whole annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The site-wide data from `content/_index.md`.
    pub meta: SiteMeta,
    /// Ordered by number; each with its actions ordered.
    pub actielijnen: Vec<Actielijn>,
    /// Drafts (`concept: true`) left out of this build, by number or id:
    /// to count them in the summary and to name them when a published
    /// action links to one.
    pub weggelaten_concepten: Vec<Nummer>,
}

impl Site {
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

    /// Whether `target` (a number or an id, as in `actie:15`) names a draft
    /// left out of this build.
    pub(crate) fn is_left_out_draft(&self, target: &str) -> bool {
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
    /// The year.
    pub jaar: u16,
    /// Whether the action is carried out in that year.
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

    pub(crate) fn meta() -> SiteMeta {
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

    pub(crate) fn lijn(nummer: u32, map: &str) -> Actielijn {
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

    pub(crate) fn actie(map: &str, nummer: Nummer, status: Status) -> ActieInvoer {
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

    pub(crate) fn numbers(lijn: &Actielijn) -> Vec<String> {
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
