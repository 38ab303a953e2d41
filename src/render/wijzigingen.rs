//! Views and data for the changes since the previous edition: the page
//! `wijzigingen.html`, the annex section, the markers on changed actions and
//! `data/wijzigingen.json`.

use serde::Serialize;

use super::actielijn_href;
use super::views::{StatusView, years_in_words};
use crate::model::{Nummer, Site, Status};
use crate::wijzigingen::{Changed, Entry, Piece, TextChange, Vergelijking, text_change};

/// The marker on a changed or new action.
#[derive(Serialize, Clone, PartialEq)]
pub struct MarkerView {
    nieuw: bool,
    soorten: Vec<&'static str>,
    vorige_status: Option<StatusView>,
}

/// The marker of the action `nummer`, if it is new or changed.
pub fn marker(
    site: &Site,
    changes: &crate::wijzigingen::Lookup<'_>,
    nummer: &Nummer,
) -> Option<MarkerView> {
    if changes.is_added(nummer) {
        return Some(MarkerView {
            nieuw: true,
            soorten: Vec::new(),
            vorige_status: None,
        });
    }
    changes.of(nummer).map(|c| MarkerView {
        nieuw: false,
        soorten: c.kinds(),
        vorige_status: c.status.map(|s| status_view(site, s)),
    })
}

fn status_view(site: &Site, status: Status) -> StatusView {
    StatusView {
        sleutel: status.key(),
        label: site.meta.legenda_label(status).to_string(),
    }
}

#[derive(Serialize, Clone)]
struct EntryView {
    label: String,
    extra: bool,
    titel: String,
    actielijn: u32,
    status: StatusView,
    jaren: String,
    /// Link to the entry in the current edition (none for removed entries).
    href: Option<String>,
    anker: String,
}

fn entry_view(site: &Site, entry: &Entry, linked: bool) -> EntryView {
    EntryView {
        label: entry.nummer.to_string(),
        extra: entry.nummer.is_extra(),
        titel: entry.titel.clone(),
        actielijn: entry.actielijn,
        status: status_view(site, entry.status),
        jaren: years_in_words(&entry.jaren),
        href: linked.then(|| format!("{}#{}", actielijn_href(entry.actielijn), entry.anchor())),
        anker: entry.anchor(),
    }
}

#[derive(Serialize, Clone)]
struct DiffView {
    soort: &'static str,
    tekst: String,
    /// An insertion right after a deletion: a space goes between them, so
    /// that "[− loopt nog.] [+ is afgerond.]" reads as two phrases.
    na_verwijderd: bool,
}

/// How the progress text changed: `soort` "diff" with the pieces in
/// `delen`, or "herschreven" with the whole texts `was` and `nu`.
#[derive(Serialize, Clone)]
struct TekstView {
    soort: &'static str,
    /// The editions' names, to head the old and the new text: "juli 2025".
    vorige_editie: String,
    huidige_editie: String,
    delen: Vec<DiffView>,
    was: Option<String>,
    nu: Option<String>,
}

fn tekst_view(change: TextChange, vorige_editie: String, huidige_editie: String) -> TekstView {
    match change {
        TextChange::Diff(pieces) => {
            let mut delen: Vec<DiffView> = Vec::with_capacity(pieces.len());
            for piece in pieces {
                let na_verwijderd = delen.last().is_some_and(|d| d.soort == "eraf");
                let (soort, tekst) = match piece {
                    Piece::Same(tekst) => ("gelijk", tekst),
                    Piece::Added(tekst) => ("erbij", tekst),
                    Piece::Removed(tekst) => ("eraf", tekst),
                };
                delen.push(DiffView {
                    soort,
                    tekst,
                    na_verwijderd: na_verwijderd && soort == "erbij",
                });
            }
            TekstView {
                soort: "diff",
                vorige_editie,
                huidige_editie,
                delen,
                was: None,
                nu: None,
            }
        }
        TextChange::Rewritten { was, nu } => TekstView {
            soort: "herschreven",
            vorige_editie,
            huidige_editie,
            delen: Vec::new(),
            was: Some(was),
            nu: Some(nu),
        },
    }
}

#[derive(Serialize, Clone)]
struct ChangedView {
    nu: EntryView,
    was: Vec<EntryView>,
    soorten: Vec<&'static str>,
    vorige_status: Option<StatusView>,
    vorige_actielijn: Option<u32>,
    titel_was: Option<String>,
    jaren_was: Option<String>,
    /// How the progress text changed, when it did.
    tekst: Option<TekstView>,
}

#[derive(Serialize, Clone)]
struct DashboardRegel {
    sleutel: &'static str,
    label: String,
    was: usize,
    nu: usize,
    verschil: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct WijzigingenView {
    /// "juli 2025": the previous edition's name, for inside a sentence.
    pub vorige_editie: String,
    /// "november 2025".
    huidige_editie: String,
    bron: String,
    href: &'static str,
    leeg: bool,
    totaal_was: usize,
    totaal_nu: usize,
    dashboard: Vec<DashboardRegel>,
    /// Entries whose status changed, for the table of status changes.
    status: Vec<ChangedView>,
    /// Every changed entry, in the order of the edition.
    alle: Vec<ChangedView>,
    toegevoegd: Vec<EntryView>,
    verwijderd: Vec<EntryView>,
    in_bijlage: bool,
}

fn signed(n: i64) -> String {
    match n {
        0 => "0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

fn changed_view(site: &Site, vorige: &Site, c: &Changed) -> ChangedView {
    let first = &c.was[0];
    ChangedView {
        nu: entry_view(site, &c.nu, true),
        was: c.was.iter().map(|w| entry_view(vorige, w, false)).collect(),
        soorten: c.kinds(),
        vorige_status: c.status.map(|s| status_view(site, s)),
        vorige_actielijn: c.actielijn,
        titel_was: c.titel.then(|| first.titel.clone()),
        jaren_was: c.jaren.then(|| years_in_words(&first.jaren)),
        tekst: c.tekst.then(|| {
            let was: Vec<&str> = c.was.iter().map(|w| w.tekst.trim()).collect();
            tekst_view(
                text_change(&was.join("\n\n"), c.nu.tekst.trim()),
                vorige.meta.editie.naam(),
                site.meta.editie.naam(),
            )
        }),
    }
}

pub(crate) fn view(site: &Site, v: &Vergelijking) -> WijzigingenView {
    use rayon::prelude::*;
    let changes = &v.wijzigingen;
    // Each changed action once (the status changes are some of them), on
    // every core: the word diffs of the texts are most of the work.
    let alle: Vec<ChangedView> = changes
        .gewijzigd
        .par_iter()
        .map(|c| changed_view(site, &v.vorige, c))
        .collect();
    WijzigingenView {
        vorige_editie: v.vorige.meta.editie.naam(),
        huidige_editie: site.meta.editie.naam(),
        bron: v.bron.to_string(),
        href: "wijzigingen.html",
        leeg: changes.is_empty(),
        totaal_was: changes.totaal_was.acties(),
        totaal_nu: changes.totaal_nu.acties(),
        dashboard: Status::ALL
            .iter()
            .map(|&s| {
                let (was, nu) = (changes.totaal_was.get(s), changes.totaal_nu.get(s));
                DashboardRegel {
                    sleutel: s.key(),
                    label: site.meta.legenda_label(s).to_string(),
                    was,
                    nu,
                    verschil: signed(nu as i64 - was as i64),
                }
            })
            .collect(),
        status: changes
            .gewijzigd
            .iter()
            .zip(&alle)
            .filter(|(c, _)| c.status.is_some())
            .map(|(_, view)| view.clone())
            .collect(),
        alle,
        toegevoegd: changes
            .toegevoegd
            .iter()
            .map(|e| entry_view(site, e, true))
            .collect(),
        verwijderd: changes
            .verwijderd
            .iter()
            .map(|e| entry_view(&v.vorige, e, false))
            .collect(),
        in_bijlage: site.meta.wijzigingen_in_bijlage,
    }
}

#[derive(Serialize)]
struct EntryJson<'a> {
    /// As in `data/acties.json`: "15", "3/4", or null for an extra action.
    nummer: Option<String>,
    id: Option<&'a str>,
    titel: &'a str,
    actielijn: u32,
    status: &'static str,
    jaren: &'a [u16],
}

fn entry_json(entry: &Entry) -> EntryJson<'_> {
    EntryJson {
        nummer: (!entry.nummer.is_extra()).then(|| entry.nummer.to_string()),
        id: match &entry.nummer {
            Nummer::Extra(id) => Some(id),
            _ => None,
        },
        titel: &entry.titel,
        actielijn: entry.actielijn,
        status: entry.status.key(),
        jaren: &entry.jaren,
    }
}

#[derive(Serialize)]
struct ChangedJson<'a> {
    nu: EntryJson<'a>,
    was: Vec<EntryJson<'a>>,
    soorten: Vec<&'static str>,
}

#[derive(Serialize)]
struct StatusTelling {
    status: &'static str,
    was: usize,
    nu: usize,
}

#[derive(Serialize)]
struct WijzigingenJson<'a> {
    #[serde(flatten)]
    kop: super::data::Kop<'a>,
    vorige_editie: String,
    huidige_editie: String,
    bron: &'a str,
    dashboard: Vec<StatusTelling>,
    totaal: StatusTelling,
    gewijzigd: Vec<ChangedJson<'a>>,
    toegevoegd: Vec<EntryJson<'a>>,
    verwijderd: Vec<EntryJson<'a>>,
}

fn edition_key(site: &Site) -> String {
    site.meta.editie.key()
}

/// `data/wijzigingen.json`: the same information as the page.
pub fn json(site: &Site, v: &Vergelijking) -> Vec<u8> {
    let changes = &v.wijzigingen;
    let value = WijzigingenJson {
        kop: super::data::Kop::of(site),
        vorige_editie: edition_key(&v.vorige),
        huidige_editie: edition_key(site),
        bron: &v.bron,
        dashboard: Status::ALL
            .iter()
            .map(|&s| StatusTelling {
                status: s.key(),
                was: changes.totaal_was.get(s),
                nu: changes.totaal_nu.get(s),
            })
            .collect(),
        totaal: StatusTelling {
            status: "totaal",
            was: changes.totaal_was.acties(),
            nu: changes.totaal_nu.acties(),
        },
        gewijzigd: changes
            .gewijzigd
            .iter()
            .map(|c| ChangedJson {
                nu: entry_json(&c.nu),
                was: c.was.iter().map(entry_json).collect(),
                soorten: c.kinds(),
            })
            .collect(),
        toegevoegd: changes.toegevoegd.iter().map(entry_json).collect(),
        verwijderd: changes.verwijderd.iter().map(entry_json).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
