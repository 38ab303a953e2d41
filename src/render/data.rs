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

/// The columns of `data/acties.csv`, documented in the README.
pub const CSV_COLUMNS: [&str; 10] = [
    "nummer",
    "id",
    "actielijn",
    "actielijn_titel",
    "titel",
    "status",
    "status_label",
    "jaren",
    "jaren_bron",
    "jaren_toelichting",
];

/// A cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`)
/// gets a leading apostrophe, so that a text can never run as one.
fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `data/acties.csv`: UTF-8 with a BOM, `;`-separated, CRLF, quoted where
/// needed: what Dutch-locale spreadsheet software opens correctly by a
/// double click. A combined number is written "3 en 4" (not "3/4", which a
/// spreadsheet would read as a date), years as "2024, 2025".
pub fn acties_csv(site: &Site) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(CSV_COLUMNS);
    for (lijn, actie) in site.acties() {
        let nummer = match &actie.nummer {
            Nummer::Extra(_) => String::new(),
            other => other.label(),
        };
        let id = match &actie.nummer {
            Nummer::Extra(id) => id.as_str(),
            _ => "",
        };
        let jaren: Vec<String> = actie.jaren.iter().map(u16::to_string).collect();
        let _ = writer.write_record([
            nummer.as_str(),
            id,
            &lijn.nummer.to_string(),
            &cell(&lijn.korte_titel),
            &cell(&actie.titel),
            actie.status.key(),
            &cell(site.meta.legenda_label(actie.status)),
            &jaren.join(", "),
            actie.jaren_bron.key(),
            &cell(actie.jaren_toelichting.as_deref().unwrap_or_default()),
        ]);
    }
    writer.into_inner().unwrap_or_default()
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
        OutputFile {
            path: "data/acties.csv".into(),
            bytes: acties_csv(site),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_defused() {
        assert_eq!(cell("=SOM(A1)"), "'=SOM(A1)");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("Gewone titel"), "Gewone titel");
    }
}
