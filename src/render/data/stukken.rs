//! What `bijlage serve` keeps of the open data between renders: each
//! action's entry in `data/acties.json` and its row in `data/acties.csv`,
//! with what they were made of, and per actielijn its entries and rows put
//! together. A save changes one action: its actielijn's part is put
//! together again from the kept pieces of the others (a copy, no
//! serialization), and the parts of the other actielijnen are taken as
//! they are, not even looked at, when their views were taken from the last
//! render (what an actielijn's part is made of is what its view is made of:
//! the actielijn as the model holds it, the site's meta data). The files
//! themselves are not made then ([`Gestukt`]): the pages need only their
//! sizes, the sum of the parts; `bijlage serve` puts a file together when
//! it is asked for, in the same bytes as made whole ([`super::acties_json`],
//! [`super::acties_csv`]).

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::csv::{acties_csv_head, csv_row};
use super::json::{
    ActieJson, ENTRY_SEPARATOR, actie_json, acties_json_around, acties_json_empty, entry_piece,
};
use crate::model::Site;

/// One action's pieces, and what they were made of.
struct Stuk {
    /// Its entry in `data/acties.json`, which holds every field of its
    /// CSV row too; the row's site-wide fields are in [`Kept`].
    invoer: ActieJson<'static>,
    json: Vec<u8>,
    csv: Vec<u8>,
}

/// An actielijn's part of both files: its actions' pieces (by file and
/// number), and their entries and rows put together, in order.
struct Deel {
    stukken: HashMap<String, Arc<Stuk>>,
    /// Its entries, separated as in the file (empty without actions).
    json: Arc<Vec<u8>>,
    /// Its rows.
    csv: Arc<Vec<u8>>,
}

/// The parts of the last render, by actielijn number.
#[derive(Default)]
struct Kept {
    /// The site-wide fields of every CSV row: the programme and the
    /// edition's key.
    programma: String,
    editie: String,
    delen: HashMap<u32, Arc<Deel>>,
}

/// A file made of parts, put together when it is asked for
/// ([`Gestukt::bytes`]): what comes before the parts, the parts (an empty
/// part is left out, with its separator), what stands between two, and
/// what comes after the last.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gestukt {
    kop: Vec<u8>,
    delen: Vec<Arc<Vec<u8>>>,
    tussen: &'static [u8],
    staart: &'static [u8],
}

impl Gestukt {
    fn new(
        kop: Vec<u8>,
        delen: Vec<Arc<Vec<u8>>>,
        tussen: &'static [u8],
        staart: &'static [u8],
    ) -> Gestukt {
        let delen = delen.into_iter().filter(|d| !d.is_empty()).collect();
        Gestukt {
            kop,
            delen,
            tussen,
            staart,
        }
    }

    /// The size of the file, in bytes.
    pub(crate) fn len(&self) -> usize {
        let delen: usize = self.delen.iter().map(|d| d.len()).sum();
        self.kop.len()
            + delen
            + self.tussen.len() * self.delen.len().saturating_sub(1)
            + self.staart.len()
    }

    /// The file.
    pub(crate) fn bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.len());
        bytes.extend_from_slice(&self.kop);
        for (i, deel) in self.delen.iter().enumerate() {
            if i > 0 {
                bytes.extend_from_slice(self.tussen);
            }
            bytes.extend_from_slice(deel);
        }
        bytes.extend_from_slice(self.staart);
        bytes
    }

    /// Whether `self` is the same file as `other`: the same parts (kept,
    /// or equal) around the same head and tail.
    pub(crate) fn same(&self, other: &Gestukt) -> bool {
        self.kop == other.kop
            && self.tussen == other.tussen
            && self.staart == other.staart
            && self.delen.len() == other.delen.len()
            && self
                .delen
                .iter()
                .zip(&other.delen)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
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
    /// `data/acties.json` and `data/acties.csv` of `site`, made of parts.
    /// The part of the `i`th actielijn is taken from the last render as it
    /// is when `kept(i)` (its view was taken from the last render: the
    /// actielijn and the site's meta data are what they were) and the
    /// programme and edition are what they were; otherwise it is put
    /// together again from its actions' pieces, of which only those whose
    /// entry changed are made again. `voortgang(i)` gives the plain
    /// progress texts of the `i`th actielijn's actions, in order.
    pub(crate) fn acties(
        &self,
        site: &Site,
        kept: &(dyn Fn(usize) -> bool + Sync),
        voortgang: &(dyn Fn(usize) -> Vec<String> + Sync),
    ) -> (Gestukt, Gestukt) {
        let mut last = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let editie = site.meta.editie.key();
        let old = if last.programma == site.meta.programma && last.editie == editie {
            std::mem::take(&mut last.delen)
        } else {
            HashMap::default()
        };
        let made = std::sync::atomic::AtomicUsize::new(0);
        let delen: Vec<(u32, Arc<Deel>)> = site
            .actielijnen
            .par_iter()
            .enumerate()
            .map(|(i, lijn)| {
                let before = old.get(&lijn.nummer);
                if kept(i)
                    && let Some(deel) = before
                {
                    return (lijn.nummer, Arc::clone(deel));
                }
                let teksten = voortgang(i);
                let stukken: Vec<(String, Arc<Stuk>)> = lijn
                    .acties
                    .par_iter()
                    .zip(&teksten)
                    .map(|(actie, tekst)| {
                        let key = format!("{}#{}", actie.bron.file, actie.nummer);
                        let invoer = actie_json(site, lijn, actie, tekst);
                        if let Some(stuk) = before.and_then(|d| d.stukken.get(&key))
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
                let mut json = Vec::new();
                let mut csv = Vec::new();
                for (n, (_, stuk)) in stukken.iter().enumerate() {
                    if n > 0 {
                        json.extend_from_slice(ENTRY_SEPARATOR);
                    }
                    json.extend_from_slice(&stuk.json);
                    csv.extend_from_slice(&stuk.csv);
                }
                let deel = Deel {
                    stukken: stukken.into_iter().collect(),
                    json: Arc::new(json),
                    csv: Arc::new(csv),
                };
                (lijn.nummer, Arc::new(deel))
            })
            .collect();
        let files = files(site, &delen);
        self.made
            .store(made.into_inner(), std::sync::atomic::Ordering::Relaxed);
        *last = Kept {
            programma: site.meta.programma.clone(),
            editie,
            delen: delen.into_iter().collect(),
        };
        files
    }

    /// How many actions' pieces the last render made anew.
    #[cfg(test)]
    fn made(&self) -> usize {
        self.made.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The two files of the parts `delen`, in order.
fn files(site: &Site, delen: &[(u32, Arc<Deel>)]) -> (Gestukt, Gestukt) {
    let json_delen: Vec<Arc<Vec<u8>>> = delen.iter().map(|(_, d)| Arc::clone(&d.json)).collect();
    let csv_delen: Vec<Arc<Vec<u8>>> = delen.iter().map(|(_, d)| Arc::clone(&d.csv)).collect();
    let json = if json_delen.iter().all(|d| d.is_empty()) {
        Gestukt::new(acties_json_empty(site), Vec::new(), b"", b"")
    } else {
        let (kop, staart) = acties_json_around(site);
        Gestukt::new(kop, json_delen, ENTRY_SEPARATOR, staart)
    };
    let csv = Gestukt::new(acties_csv_head(), csv_delen, b"", b"");
    (json, csv)
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

    /// The files of `site` made of parts, the actielijnen that `kept`
    /// picks taken from the last render.
    fn pieced(
        stukken: &Stukken,
        site: &Site,
        voortgang: &[String],
        kept: impl Fn(usize) -> bool + Sync,
    ) -> (Vec<u8>, Vec<u8>) {
        let starts: Vec<usize> = site
            .actielijnen
            .iter()
            .scan(0, |at, lijn| {
                let start = *at;
                *at += lijn.acties.len();
                Some(start)
            })
            .collect();
        let of_lijn =
            |i: usize| voortgang[starts[i]..starts[i] + site.actielijnen[i].acties.len()].to_vec();
        let (json, csv) = stukken.acties(site, &kept, &of_lijn);
        assert_eq!(json.len(), json.bytes().len());
        assert_eq!(csv.len(), csv.bytes().len());
        (json.bytes(), csv.bytes())
    }

    fn whole(site: &Site, voortgang: &[String]) -> (Vec<u8>, Vec<u8>) {
        (acties_json(site, voortgang), acties_csv(site, voortgang))
    }

    #[test]
    fn pieced_files_equal_the_files_made_whole_and_only_changes_are_made_again() {
        let mut site = shipped();
        let stukken = Stukken::default();
        let voortgang = texts(&site, "eerst");
        let count = site.acties().count();
        assert_eq!(
            pieced(&stukken, &site, &voortgang, |_| true),
            whole(&site, &voortgang),
            "nothing kept yet: every part made"
        );
        assert_eq!(stukken.made(), count);
        assert_eq!(
            pieced(&stukken, &site, &voortgang, |_| false),
            whole(&site, &voortgang)
        );
        assert_eq!(stukken.made(), 0, "nothing changed: every piece kept");
        assert_eq!(
            pieced(&stukken, &site, &voortgang, |_| true),
            whole(&site, &voortgang)
        );
        assert_eq!(stukken.made(), 0);

        let voortgang = texts(&site, "daarna, anders");
        assert_eq!(
            pieced(&stukken, &site, &voortgang, |i| i != 0),
            whole(&site, &voortgang)
        );
        assert_eq!(stukken.made(), 1, "one text changed");

        // A field of the actielijn, which every one of its actions shows.
        site.actielijnen[0].korte_titel.push_str(" (nieuw)");
        let in_first = site.actielijnen[0].acties.len();
        assert_eq!(
            pieced(&stukken, &site, &voortgang, |i| i != 0),
            whole(&site, &voortgang)
        );
        assert_eq!(stukken.made(), in_first);

        // A site-wide field of the CSV rows: no part is taken, even when
        // asked.
        site.meta.programma.push_str(" II");
        assert_eq!(
            pieced(&stukken, &site, &voortgang, |_| true),
            whole(&site, &voortgang)
        );
        assert_eq!(stukken.made(), count);

        // An actielijn without actions among others (the texts of the
        // later ones move: none is taken), then none at all.
        site.actielijnen[1].acties.clear();
        let voortgang = texts(&site, "eerst");
        assert_eq!(
            pieced(&stukken, &site, &voortgang, |_| false),
            whole(&site, &voortgang)
        );
        for lijn in &mut site.actielijnen {
            lijn.acties.clear();
        }
        assert_eq!(pieced(&stukken, &site, &[], |_| false), whole(&site, &[]));
    }
}
