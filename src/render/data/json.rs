//! The JSON data files: `data/dashboard.json` and `data/acties.json`.

use serde::Serialize;

use super::{Kop, json};
use crate::model::{Nummer, Site, Telling};

/// Counts per status, keyed by status key, in legend order.
#[derive(Serialize)]
pub(crate) struct PerStatus {
    afgerond: usize,
    #[serde(rename = "in-uitvoering")]
    in_uitvoering: usize,
    vertraging: usize,
    doorlopend: usize,
    #[serde(rename = "niet-gestart")]
    niet_gestart: usize,
}

impl From<&Telling> for PerStatus {
    fn from(t: &Telling) -> Self {
        let [
            afgerond,
            in_uitvoering,
            vertraging,
            doorlopend,
            niet_gestart,
        ] = t.per_status;
        PerStatus {
            afgerond,
            in_uitvoering,
            vertraging,
            doorlopend,
            niet_gestart,
        }
    }
}

#[derive(Serialize)]
struct Totaal {
    acties: usize,
    per_status: PerStatus,
}

#[derive(Serialize)]
struct LijnTelling<'a> {
    nummer: u32,
    korte_titel: &'a str,
    titel: &'a str,
    acties: usize,
    per_status: PerStatus,
}

#[derive(Serialize)]
struct DashboardJson<'a> {
    #[serde(flatten)]
    kop: Kop<'a>,
    totaal: Totaal,
    actielijnen: Vec<LijnTelling<'a>>,
}

#[derive(Serialize)]
struct ActieJson<'a> {
    /// "15", "3/4"; null for an extra action.
    nummer: Option<String>,
    /// The plan numbers, ascending; empty for an extra action.
    nummers: &'a [u32],
    id: Option<&'a str>,
    actielijn: u32,
    actielijn_titel: &'a str,
    titel: &'a str,
    status: &'static str,
    status_label: &'a str,
    jaren: &'a [u16],
    jaren_bron: &'static str,
    jaren_toelichting: Option<&'a str>,
    telt_als: usize,
    concept: bool,
    voortgang: &'a str,
    voortgang_markdown: &'a str,
}

#[derive(Serialize)]
struct ActiesJson<'a> {
    #[serde(flatten)]
    kop: Kop<'a>,
    acties: Vec<ActieJson<'a>>,
}

pub(crate) fn dashboard_json(site: &Site) -> Vec<u8> {
    let dashboard = site.dashboard();
    json(&DashboardJson {
        kop: Kop::of(site),
        totaal: Totaal {
            acties: dashboard.totaal.acties(),
            per_status: PerStatus::from(&dashboard.totaal),
        },
        actielijnen: site
            .actielijnen
            .iter()
            .zip(&dashboard.actielijnen)
            .map(|(lijn, (_, telling))| LijnTelling {
                nummer: lijn.nummer,
                korte_titel: &lijn.korte_titel,
                titel: &lijn.titel,
                acties: telling.acties(),
                per_status: PerStatus::from(telling),
            })
            .collect(),
    })
}

/// `data/acties.json`; `voortgang` holds the plain progress text of each
/// entry, in the order of [`Site::acties`].
pub(crate) fn acties_json(site: &Site, voortgang: &[String]) -> Vec<u8> {
    let acties: Vec<ActieJson<'_>> = site
        .acties()
        .zip(voortgang)
        .map(|((lijn, actie), tekst)| ActieJson {
            nummer: (!actie.nummer.is_extra()).then(|| actie.nummer.to_string()),
            nummers: actie.nummer.numbers(),
            id: match &actie.nummer {
                Nummer::Extra(id) => Some(id),
                _ => None,
            },
            actielijn: lijn.nummer,
            actielijn_titel: &lijn.korte_titel,
            titel: &actie.titel,
            status: actie.status.key(),
            status_label: site.meta.legenda_label(actie.status),
            jaren: &actie.jaren,
            jaren_bron: actie.jaren_bron.key(),
            jaren_toelichting: actie.jaren_toelichting.as_deref(),
            telt_als: actie.nummer.count(),
            concept: actie.concept,
            voortgang: tekst,
            voortgang_markdown: actie.tekst.trim(),
        })
        .collect();
    json(&ActiesJson {
        kop: Kop::of(site),
        acties,
    })
}
