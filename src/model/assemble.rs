//! From pages to a site: the actions grouped into their actielijnen and
//! ordered, with the checks only the whole site can make.

use std::collections::BTreeMap;

use super::{Actie, Actielijn, Nummer, Site, SiteMeta};
use crate::error::{Diagnostic, Location, Problem};

/// An action as read from its file, before grouping: the folder it lives in
/// (relative to the content folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActieInvoer {
    /// The folder the action's file is in, relative to the content folder.
    pub map: String,
    /// The action as read.
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
    let mut lijnen = unique_actielijnen(actielijnen, &mut diagnostics);
    let mut register = Register::new(&meta);
    let mut weggelaten_concepten = Vec::new();
    for ActieInvoer { map, actie } in acties {
        years_in_plan(&meta, &actie, &mut diagnostics);
        register.enter(&actie, &mut diagnostics);
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

/// `bijlage serve`'s step after a save of one action's file: `site`, made
/// by [`assemble`] with no problem found, with the action `old` (as it was
/// read then) replaced by `new` (as it reads now), in place. Done only when
/// the result is what [`assemble`] of the new pages gives: the same folder,
/// number and draft flag (so the same place, order and register of numbers),
/// every year in the plan, and `old` found where `site` holds it. Returns
/// the number of the actielijn that changed (`Some(None)`: a draft left out,
/// nothing to change); `None` (and `site` as it was): assemble again.
pub fn reassemble(
    site: &mut Site,
    old: &ActieInvoer,
    new: &ActieInvoer,
    drafts: bool,
) -> Option<Option<u32>> {
    let same_place = old.map == new.map
        && old.actie.nummer == new.actie.nummer
        && old.actie.concept == new.actie.concept
        && old.actie.bron.file == new.actie.bron.file;
    let mut years = Vec::new();
    years_in_plan(&site.meta, &new.actie, &mut years);
    if !same_place || !years.is_empty() {
        return None;
    }
    if new.actie.concept && !drafts {
        return site
            .weggelaten_concepten
            .contains(&new.actie.nummer)
            .then_some(None);
    }
    let lijn = site.actielijnen.iter_mut().find(|l| l.map == new.map)?;
    let actie = lijn
        .acties
        .iter_mut()
        .find(|a| a.nummer == new.actie.nummer)?;
    if *actie != old.actie {
        return None;
    }
    *actie = new.actie.clone();
    Some(Some(lijn.nummer))
}

/// The actielijnen with a number of their own: a second one with the same
/// number is reported and left out.
fn unique_actielijnen(
    actielijnen: Vec<Actielijn>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Actielijn> {
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
    lijnen
}

/// Reports each year of `actie` outside the plan's years.
fn years_in_plan(meta: &SiteMeta, actie: &Actie, diagnostics: &mut Vec<Diagnostic>) {
    let first = meta.planjaren.first().copied().unwrap_or_default();
    let last = meta.planjaren.last().copied().unwrap_or_default();
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
}

/// The numbers and ids taken so far, by the file that took them: each
/// belongs to one action page, and a number not monitored yet to none
/// (but a draft's).
struct Register<'m> {
    numbers: BTreeMap<u32, String>,
    ids: BTreeMap<String, String>,
    unmonitored: &'m [u32],
    /// The site's `_index.md`, which lists the numbers not monitored yet.
    site_file: &'m str,
}

impl<'m> Register<'m> {
    fn new(meta: &'m SiteMeta) -> Self {
        Register {
            numbers: BTreeMap::new(),
            ids: BTreeMap::new(),
            unmonitored: meta
                .nog_niet_gemonitord
                .as_ref()
                .map_or(&[], |ng| ng.acties.as_slice()),
            site_file: &meta.bron.file,
        }
    }

    /// Takes the number(s) or id of `actie`, reporting one already taken.
    fn enter(&mut self, actie: &Actie, diagnostics: &mut Vec<Diagnostic>) {
        let at_nummer = Location::at(&actie.bron.file, actie.bron.nummer_at);
        match &actie.nummer {
            Nummer::Extra(id) => {
                if let Some(other) = self.ids.insert(id.clone(), actie.bron.file.clone()) {
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
                    if let Some(other) = self.numbers.get(&n) {
                        diagnostics.push(Diagnostic::new(
                            at_nummer.clone(),
                            Problem::DuplicateNumber {
                                number: n,
                                other: other.clone(),
                            },
                        ));
                    } else {
                        self.numbers.insert(n, actie.bron.file.clone());
                    }
                    // A draft may already carry a number that is not
                    // monitored yet: it is how the next edition is prepared.
                    if self.unmonitored.contains(&n) && !actie.concept {
                        diagnostics.push(Diagnostic::new(
                            at_nummer.clone(),
                            Problem::UnmonitoredHasPage {
                                number: n,
                                other: self.site_file.to_string(),
                            },
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::{actie, lijn, meta, numbers};
    use crate::model::{NietGemonitord, Status};

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
}
