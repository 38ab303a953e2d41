//! The JSON data files: `data/dashboard.json` and `data/acties.json`.

use std::borrow::Cow;

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

/// One action's entry in `data/acties.json`: what it is made of, and
/// (kept by `bijlage serve`, see [`super::stukken`]) what its entry and its
/// CSV row are made of.
#[derive(Serialize, Clone, PartialEq)]
pub(super) struct ActieJson<'a> {
    /// "15", "3/4"; null for an extra action.
    nummer: Option<String>,
    /// The plan numbers, ascending; empty for an extra action.
    nummers: Cow<'a, [u32]>,
    id: Option<Cow<'a, str>>,
    actielijn: u32,
    actielijn_titel: Cow<'a, str>,
    titel: Cow<'a, str>,
    status: &'static str,
    status_label: Cow<'a, str>,
    jaren: Cow<'a, [u16]>,
    jaren_bron: &'static str,
    jaren_toelichting: Option<Cow<'a, str>>,
    telt_als: usize,
    concept: bool,
    voortgang: Cow<'a, str>,
    voortgang_markdown: Cow<'a, str>,
}

impl ActieJson<'_> {
    /// The same, owning what it holds.
    pub(super) fn into_owned(self) -> ActieJson<'static> {
        fn own<T: ToOwned + ?Sized>(cow: Cow<'_, T>) -> Cow<'static, T> {
            Cow::Owned(cow.into_owned())
        }
        ActieJson {
            nummer: self.nummer,
            nummers: own(self.nummers),
            id: self.id.map(own),
            actielijn: self.actielijn,
            actielijn_titel: own(self.actielijn_titel),
            titel: own(self.titel),
            status: self.status,
            status_label: own(self.status_label),
            jaren: own(self.jaren),
            jaren_bron: self.jaren_bron,
            jaren_toelichting: self.jaren_toelichting.map(own),
            telt_als: self.telt_als,
            concept: self.concept,
            voortgang: own(self.voortgang),
            voortgang_markdown: own(self.voortgang_markdown),
        }
    }
}

/// The entry of `actie` in `lijn`, with its plain progress text `tekst`.
pub(super) fn actie_json<'a>(
    site: &'a Site,
    lijn: &'a crate::model::Actielijn,
    actie: &'a crate::model::Actie,
    tekst: &'a str,
) -> ActieJson<'a> {
    ActieJson {
        nummer: (!actie.nummer.is_extra()).then(|| actie.nummer.to_string()),
        nummers: Cow::Borrowed(actie.nummer.numbers()),
        id: match &actie.nummer {
            Nummer::Extra(id) => Some(Cow::Borrowed(id.as_str())),
            _ => None,
        },
        actielijn: lijn.nummer,
        actielijn_titel: Cow::Borrowed(&lijn.korte_titel),
        titel: Cow::Borrowed(&actie.titel),
        status: actie.status.key(),
        status_label: Cow::Borrowed(site.meta.legenda_label(actie.status)),
        jaren: Cow::Borrowed(&actie.jaren),
        jaren_bron: actie.jaren_bron.key(),
        jaren_toelichting: actie.jaren_toelichting.as_deref().map(Cow::Borrowed),
        telt_als: actie.nummer.count(),
        concept: actie.concept,
        voortgang: Cow::Borrowed(tekst),
        voortgang_markdown: Cow::Borrowed(actie.tekst.trim()),
    }
}

#[derive(Serialize)]
struct ActiesJson<'a> {
    #[serde(flatten)]
    kop: Kop<'a>,
    acties: Vec<ActieJson<'a>>,
}

/// `data/acties.json` without entries.
pub(super) fn acties_json_empty(site: &Site) -> Vec<u8> {
    json(&ActiesJson {
        kop: Kop::of(site),
        acties: Vec::new(),
    })
}

/// What stands between two entries of `data/acties.json` (each as
/// [`entry_piece`] gives it).
pub(super) const ENTRY_SEPARATOR: &[u8] = b",\n";

/// `data/acties.json` around its entries, when it has any: what comes
/// before the first entry, and what after the last.
pub(super) fn acties_json_around(site: &Site) -> (Vec<u8>, &'static [u8]) {
    let mut bytes = acties_json_empty(site);
    // Serialized without entries, the file ends in `"acties": []\n}\n`.
    let tail = b"[]\n}\n";
    if bytes.ends_with(tail) {
        bytes.truncate(bytes.len() - tail.len());
    }
    bytes.extend_from_slice(b"[\n");
    (bytes, b"\n  ]\n}\n")
}

/// An action's entry as it stands in `data/acties.json`: indented two
/// levels (a newline inside a JSON string is written `\n`, so every
/// newline in the serialized entry is one of the layout's).
pub(super) fn entry_piece(entry: &ActieJson<'_>) -> Vec<u8> {
    const INDENT: &[u8] = b"    ";
    let bytes = serde_json::to_vec_pretty(entry).unwrap_or_default();
    let mut piece = Vec::with_capacity(bytes.len() + bytes.len() / 8 + INDENT.len());
    piece.extend_from_slice(INDENT);
    // Line by line (memchr finds the newlines), not byte by byte: the
    // copy of every entry was a twentieth of a build.
    let mut start = 0;
    for newline in memchr::memchr_iter(b'\n', &bytes) {
        piece.extend_from_slice(&bytes[start..=newline]);
        piece.extend_from_slice(INDENT);
        start = newline + 1;
    }
    piece.extend_from_slice(&bytes[start..]);
    piece
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
        .map(|((lijn, actie), tekst)| actie_json(site, lijn, actie, tekst))
        .collect();
    json(&ActiesJson {
        kop: Kop::of(site),
        acties,
    })
}
