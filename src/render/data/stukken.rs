//! What `bijlage serve` keeps of the open data between renders: each
//! action's entry in `data/acties.json` and its row in `data/acties.csv`,
//! with what they were made of. A save changes one action; the files are
//! put together from the kept pieces of the others (a copy, no
//! serialization), with the same bytes as made whole ([`super::acties_json`],
//! [`super::acties_csv`]): the pages show the files' sizes, so every render
//! needs them.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::csv::{acties_csv_of, csv_row};
use super::json::{ActieJson, actie_json, acties_json_of, entry_piece};
use crate::model::Site;

/// One action's pieces, and what they were made of.
struct Stuk {
    /// Its entry in `data/acties.json`, which holds every field of its
    /// CSV row too; the row's site-wide fields are in [`Kept`].
    invoer: ActieJson<'static>,
    json: Vec<u8>,
    csv: Vec<u8>,
}

/// The pieces of the last render, by action (its file and number).
#[derive(Default)]
struct Kept {
    /// The site-wide fields of every CSV row: the programme and the
    /// edition's key.
    programma: String,
    editie: String,
    stukken: HashMap<String, Arc<Stuk>>,
}

/// The open data's pieces per action, kept between renders (see the
/// module).
#[derive(Default)]
pub(crate) struct Stukken {
    kept: Mutex<Kept>,
    /// How many actions' pieces the last render made (the others were kept).
    made: std::sync::atomic::AtomicUsize,
}

impl Stukken {
    /// `data/acties.json` and `data/acties.csv` of `site`, whose plain
    /// progress texts are `voortgang` (in the order of [`Site::acties`]):
    /// an action's pieces are made again only when what they are made of
    /// changed.
    pub(crate) fn acties(&self, site: &Site, voortgang: &[String]) -> (Vec<u8>, Vec<u8>) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let editie = site.meta.editie.key();
        let old = if kept.programma == site.meta.programma && kept.editie == editie {
            std::mem::take(&mut kept.stukken)
        } else {
            HashMap::default()
        };
        let acties: Vec<_> = site.acties().zip(voortgang).collect();
        let made = std::sync::atomic::AtomicUsize::new(0);
        let stukken: Vec<(String, Arc<Stuk>)> = acties
            .par_iter()
            .map(|((lijn, actie), tekst)| {
                let key = format!("{}#{}", actie.bron.file, actie.nummer);
                let invoer = actie_json(site, lijn, actie, tekst);
                if let Some(stuk) = old.get(&key)
                    && stuk.invoer == invoer
                {
                    return (key, Arc::clone(stuk));
                }
                made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let stuk = Stuk {
                    json: entry_piece(&invoer),
                    csv: csv_row(site, lijn, actie, tekst),
                    invoer: invoer.into_owned(),
                };
                (key, Arc::new(stuk))
            })
            .collect();
        let json: Vec<&[u8]> = stukken.iter().map(|(_, s)| s.json.as_slice()).collect();
        let csv: Vec<&[u8]> = stukken.iter().map(|(_, s)| s.csv.as_slice()).collect();
        let files = (acties_json_of(site, &json), acties_csv_of(&csv));
        self.made
            .store(made.into_inner(), std::sync::atomic::Ordering::Relaxed);
        *kept = Kept {
            programma: site.meta.programma.clone(),
            editie,
            stukken: stukken.into_iter().collect(),
        };
        files
    }

    /// How many actions' pieces the last render made anew.
    #[cfg(test)]
    fn made(&self) -> usize {
        self.made.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::tests::shipped;
    use crate::render::data::{acties_csv, acties_json};

    /// Plain texts with what JSON and CSV escape or defuse.
    fn texts(site: &Site, eerste: &str) -> Vec<String> {
        site.acties()
            .enumerate()
            .map(|(i, _)| match i {
                0 => eerste.to_string(),
                1 => "regel 1\nregel 2 \"aangehaald\"; \\ \u{1}".to_string(),
                2 => "=SOM(A1)".to_string(),
                3 => String::new(),
                _ => format!("tekst {i} met é en ‘quotes’"),
            })
            .collect()
    }

    #[test]
    fn pieced_files_equal_the_files_made_whole_and_only_changes_are_made_again() {
        let mut site = shipped();
        let stukken = Stukken::default();
        let voortgang = texts(&site, "eerst");
        let whole = (
            acties_json(&site, &voortgang),
            acties_csv(&site, &voortgang),
        );
        assert_eq!(stukken.acties(&site, &voortgang), whole);
        let count = site.acties().count();
        assert_eq!(stukken.made(), count);
        assert_eq!(stukken.acties(&site, &voortgang), whole);
        assert_eq!(stukken.made(), 0, "nothing changed: every piece kept");

        let voortgang = texts(&site, "daarna, anders");
        assert_eq!(
            stukken.acties(&site, &voortgang),
            (
                acties_json(&site, &voortgang),
                acties_csv(&site, &voortgang)
            )
        );
        assert_eq!(stukken.made(), 1, "one text changed");

        // A field of the actielijn, which every one of its actions shows.
        site.actielijnen[0].korte_titel.push_str(" (nieuw)");
        let in_first = site.actielijnen[0].acties.len();
        assert_eq!(
            stukken.acties(&site, &voortgang),
            (
                acties_json(&site, &voortgang),
                acties_csv(&site, &voortgang)
            )
        );
        assert_eq!(stukken.made(), in_first);

        // A site-wide field of the CSV rows.
        site.meta.programma.push_str(" II");
        assert_eq!(
            stukken.acties(&site, &voortgang).1,
            acties_csv(&site, &voortgang)
        );
        assert_eq!(stukken.made(), count);

        // No actions at all.
        for lijn in &mut site.actielijnen {
            lijn.acties.clear();
        }
        assert_eq!(
            stukken.acties(&site, &[]),
            (acties_json(&site, &[]), acties_csv(&site, &[]))
        );
    }
}
