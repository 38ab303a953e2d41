//! The progress over the editions: the page `edities.html` (the dashboard of
//! every edition side by side, as tables and as an inline SVG chart) and
//! `data/edities.json` with the same figures.

use serde::Serialize;

use super::data::{Kop, PerStatus};
use crate::edities::EditieTelling;
use crate::model::{Site, Status, Telling};

#[derive(Serialize, Clone)]
struct EditieKop {
    /// "2025-07".
    sleutel: String,
    /// "juli 2025".
    naam: String,
    huidig: bool,
}

/// One row of a table of the progress: a status (or the total), with its
/// count in each edition, oldest first (`None`: the actielijn is not in that
/// edition).
#[derive(Serialize, Clone)]
struct Rij {
    /// A status key, or `None` for the total.
    sleutel: Option<&'static str>,
    label: String,
    aantallen: Vec<Option<usize>>,
}

#[derive(Serialize, Clone)]
struct LijnTabel {
    nummer: u32,
    korte_titel: String,
    href: String,
    rijen: Vec<Rij>,
}

#[derive(Serialize, Clone)]
struct Vergelijkzin {
    label: String,
    sleutel: &'static str,
    nu: usize,
    was: usize,
    verschil: String,
}

/// One bar of the chart, in the units of its viewBox.
#[derive(Serialize, Clone)]
struct Staaf {
    naam: String,
    huidig: bool,
    aantal: usize,
    y: usize,
    tekst_y: usize,
    breedte: String,
    getal_x: String,
}

#[derive(Serialize, Clone)]
struct Groep {
    sleutel: &'static str,
    label: String,
    kop_y: usize,
    staven: Vec<Staaf>,
}

#[derive(Serialize, Clone)]
struct Grafiek {
    hoogte: usize,
    groepen: Vec<Groep>,
    /// The chart in words: its text alternative.
    beschrijving: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct EditiesView {
    href: &'static str,
    /// Oldest first.
    edities: Vec<EditieKop>,
    totaal: Vec<Rij>,
    actielijnen: Vec<LijnTabel>,
    /// The newest edition against the one before: "Afgerond: 13 in
    /// november 2025, 8 in juli 2025 (+5)".
    vergelijking: Vec<Vergelijkzin>,
    nu: String,
    was: String,
    grafiek: Grafiek,
}

fn kop(e: &EditieTelling) -> EditieKop {
    EditieKop {
        sleutel: e.editie.key(),
        naam: e.editie.naam(),
        huidig: e.huidig,
    }
}

/// The rows of a table: one per status, then the total, over the
/// editions' counts (`None` where an edition lacks the actielijn).
fn rijen(site: &Site, tellingen: &[Option<&Telling>]) -> Vec<Rij> {
    let mut rijen: Vec<Rij> = Status::ALL
        .iter()
        .map(|&s| Rij {
            sleutel: Some(s.key()),
            label: site.meta.legenda_label(s).to_string(),
            aantallen: tellingen.iter().map(|t| t.map(|t| t.get(s))).collect(),
        })
        .collect();
    rijen.push(Rij {
        sleutel: None,
        label: "Acties totaal".into(),
        aantallen: tellingen.iter().map(|t| t.map(Telling::acties)).collect(),
    });
    rijen
}

fn signed(n: i64) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

// Geometry of the chart: a column of edition names, then the bars.
const NAAM_BREEDTE: f64 = 106.0;
const BALK_BREEDTE: f64 = 176.0;
const KOP_HOOGTE: usize = 24;
const STAAF_HOOGTE: usize = 22;
const GROEP_RUIMTE: usize = 10;

fn units(value: f64) -> String {
    let text = format!("{value:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn grafiek(site: &Site, edities: &[EditieTelling]) -> Grafiek {
    let max = edities
        .iter()
        .flat_map(|e| Status::ALL.iter().map(move |&s| e.totaal.get(s)))
        .max()
        .unwrap_or(0)
        .max(1);
    let mut y = 0;
    let mut groepen = Vec::new();
    let mut woorden = Vec::new();
    for &status in &Status::ALL {
        let label = site.meta.legenda_label(status).to_string();
        let kop_y = y + 17;
        y += KOP_HOOGTE;
        let mut staven = Vec::new();
        let mut delen = Vec::new();
        for e in edities {
            let aantal = e.totaal.get(status);
            let breedte = BALK_BREEDTE * aantal as f64 / max as f64;
            staven.push(Staaf {
                naam: e.editie.naam(),
                huidig: e.huidig,
                aantal,
                y: y + 3,
                tekst_y: y + 16,
                breedte: units(breedte),
                getal_x: units(NAAM_BREEDTE + breedte + 4.0),
            });
            delen.push(format!("{} {aantal}", e.editie.naam()));
            y += STAAF_HOOGTE;
        }
        woorden.push(format!("{label}: {}", crate::model::join_nl(&delen)));
        groepen.push(Groep {
            sleutel: status.key(),
            label,
            kop_y,
            staven,
        });
        y += GROEP_RUIMTE;
    }
    Grafiek {
        hoogte: y,
        groepen,
        beschrijving: format!(
            "Aantal acties per status, per editie. {}.",
            woorden.join(". ")
        ),
    }
}

/// The view of the progress page; `edities` oldest first. None with fewer
/// than two editions: then there is no progress to show.
pub(crate) fn view(site: &Site, edities: &[EditieTelling]) -> Option<EditiesView> {
    let [.., was, nu] = edities else {
        return None;
    };
    let mut nummers: Vec<(u32, String)> = Vec::new();
    // Actielijnen by number, titled as in the newest edition that has them.
    for e in edities.iter().rev() {
        for lijn in &e.actielijnen {
            if !nummers.iter().any(|(n, _)| *n == lijn.nummer) {
                nummers.push((lijn.nummer, lijn.korte_titel.clone()));
            }
        }
    }
    nummers.sort_by_key(|(n, _)| *n);
    let mut vergelijking = vec![Vergelijkzin {
        label: "Acties totaal".into(),
        sleutel: "totaal",
        nu: nu.totaal.acties(),
        was: was.totaal.acties(),
        verschil: signed(nu.totaal.acties() as i64 - was.totaal.acties() as i64),
    }];
    vergelijking.extend(Status::ALL.iter().map(|&s| Vergelijkzin {
        label: site.meta.legenda_label(s).to_string(),
        sleutel: s.key(),
        nu: nu.totaal.get(s),
        was: was.totaal.get(s),
        verschil: signed(nu.totaal.get(s) as i64 - was.totaal.get(s) as i64),
    }));
    Some(EditiesView {
        href: "edities.html",
        edities: edities.iter().map(kop).collect(),
        totaal: rijen(
            site,
            &edities.iter().map(|e| Some(&e.totaal)).collect::<Vec<_>>(),
        ),
        actielijnen: nummers
            .into_iter()
            .map(|(nummer, korte_titel)| LijnTabel {
                nummer,
                korte_titel,
                href: super::actielijn_href(nummer),
                rijen: rijen(
                    site,
                    &edities
                        .iter()
                        .map(|e| {
                            e.actielijnen
                                .iter()
                                .find(|l| l.nummer == nummer)
                                .map(|l| &l.telling)
                        })
                        .collect::<Vec<_>>(),
                ),
            })
            .collect(),
        vergelijking,
        nu: nu.editie.naam(),
        was: was.editie.naam(),
        grafiek: grafiek(site, edities),
    })
}

#[derive(Serialize)]
struct TotaalJson {
    acties: usize,
    per_status: PerStatus,
}

#[derive(Serialize)]
struct LijnJson<'a> {
    nummer: u32,
    korte_titel: &'a str,
    acties: usize,
    per_status: PerStatus,
}

#[derive(Serialize)]
struct EditieJson<'a> {
    editie: String,
    naam: String,
    /// Where a past edition came from; null for this edition.
    bron: Option<&'a str>,
    huidig: bool,
    totaal: TotaalJson,
    actielijnen: Vec<LijnJson<'a>>,
}

#[derive(Serialize)]
struct EditiesJson<'a> {
    #[serde(flatten)]
    kop: Kop<'a>,
    /// Oldest first.
    edities: Vec<EditieJson<'a>>,
}

/// `data/edities.json`: the dashboard of every edition, as on the page.
pub fn json<'a>(site: &'a Site, edities: &'a [EditieTelling]) -> Vec<u8> {
    let value = EditiesJson {
        kop: Kop::of(site),
        edities: edities
            .iter()
            .map(|e| EditieJson {
                editie: e.editie.key(),
                naam: e.editie.naam(),
                bron: (!e.huidig).then_some(e.bron.as_str()),
                huidig: e.huidig,
                totaal: TotaalJson {
                    acties: e.totaal.acties(),
                    per_status: PerStatus::from(&e.totaal),
                },
                actielijnen: e
                    .actielijnen
                    .iter()
                    .map(|l| LijnJson {
                        nummer: l.nummer,
                        korte_titel: &l.korte_titel,
                        acties: l.telling.acties(),
                        per_status: PerStatus::from(&l.telling),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
