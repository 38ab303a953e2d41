//! Open data beside the website: `data/dashboard.json` and `data/acties.json`.

use serde::Serialize;

use super::OutputFile;
use crate::model::{Nummer, Site, Telling};

/// Counts per status, keyed by status key, in legend order.
#[derive(Serialize)]
struct PerStatus {
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
    editie: String,
    totaal: Totaal,
    actielijnen: Vec<LijnTelling<'a>>,
}

/// `nummer` as in the front matter: an integer, a combined "3/4", or null for
/// an extra action (which has an `id`).
#[derive(Serialize)]
#[serde(untagged)]
enum NummerJson {
    Enkel(u32),
    Gecombineerd(String),
}

#[derive(Serialize)]
struct ActieJson<'a> {
    nummer: Option<NummerJson>,
    id: Option<&'a str>,
    actielijn: u32,
    titel: &'a str,
    status: &'static str,
    status_label: &'a str,
    jaren: &'a [u16],
    jaren_bron: &'static str,
    telt_als: usize,
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

pub fn dashboard_json(site: &Site) -> Vec<u8> {
    let dashboard = site.dashboard();
    json(&DashboardJson {
        editie: format!("{}-{:02}", site.meta.editie.jaar, site.meta.editie.maand),
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

pub fn acties_json(site: &Site) -> Vec<u8> {
    let acties: Vec<ActieJson<'_>> = site
        .acties()
        .map(|(lijn, actie)| ActieJson {
            nummer: match &actie.nummer {
                Nummer::Enkel(n) => Some(NummerJson::Enkel(*n)),
                Nummer::Gecombineerd(_) => Some(NummerJson::Gecombineerd(actie.nummer.to_string())),
                Nummer::Extra(_) => None,
            },
            id: match &actie.nummer {
                Nummer::Extra(id) => Some(id),
                _ => None,
            },
            actielijn: lijn.nummer,
            titel: &actie.titel,
            status: actie.status.key(),
            status_label: site.meta.legenda_label(actie.status),
            jaren: &actie.jaren,
            jaren_bron: actie.jaren_bron.key(),
            telt_als: actie.nummer.count(),
        })
        .collect();
    json(&acties)
}

pub fn files(site: &Site) -> Vec<OutputFile> {
    vec![
        OutputFile {
            path: "data/dashboard.json".into(),
            bytes: dashboard_json(site),
        },
        OutputFile {
            path: "data/acties.json".into(),
            bytes: acties_json(site),
        },
    ]
}
