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
/// levels, the bytes `serde_json::to_vec_pretty` gives for it with every
/// line indented by four spaces more ([`entry_piece_by_serde`], which the
/// tests hold it to). Written here field by field, with its strings
/// escaped a block of bytes at a time: serde_json escapes byte by byte,
/// and the two progress texts of every action are most of the file.
pub(super) fn entry_piece(entry: &ActieJson<'_>) -> Vec<u8> {
    let long = entry.voortgang.len() + entry.voortgang_markdown.len() + entry.titel.len();
    let mut out = Vec::with_capacity(640 + long + long / 16);
    entry.write_pretty(&mut out);
    out
}

impl ActieJson<'_> {
    /// See [`entry_piece`].
    fn write_pretty(&self, out: &mut Vec<u8>) {
        /// Where a field starts: after the `{` or the previous field.
        fn key(out: &mut Vec<u8>, first: bool, name: &str) {
            out.extend_from_slice(if first { b"    {\n" } else { b",\n" });
            out.extend_from_slice(b"      \"");
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"\": ");
        }
        fn text(out: &mut Vec<u8>, value: Option<&str>) {
            match value {
                Some(value) => string(out, value),
                None => out.extend_from_slice(b"null"),
            }
        }
        fn numbers<N: std::fmt::Display>(out: &mut Vec<u8>, values: &[N]) {
            use std::io::Write as _;
            if values.is_empty() {
                out.extend_from_slice(b"[]");
                return;
            }
            out.push(b'[');
            for (i, n) in values.iter().enumerate() {
                out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
                // Writing into a Vec cannot fail.
                let _ = write!(out, "        {n}");
            }
            out.extend_from_slice(b"\n      ]");
        }
        fn number(out: &mut Vec<u8>, n: impl std::fmt::Display) {
            use std::io::Write as _;
            let _ = write!(out, "{n}");
        }
        // Every field, in the order of the struct (as `Serialize` writes
        // them); the pattern has no `..`, so a new field must be written.
        let ActieJson {
            nummer,
            nummers,
            id,
            actielijn,
            actielijn_titel,
            titel,
            status,
            status_label,
            jaren,
            jaren_bron,
            jaren_toelichting,
            telt_als,
            concept,
            voortgang,
            voortgang_markdown,
        } = self;
        key(out, true, "nummer");
        text(out, nummer.as_deref());
        key(out, false, "nummers");
        numbers(out, nummers);
        key(out, false, "id");
        text(out, id.as_deref());
        key(out, false, "actielijn");
        number(out, actielijn);
        key(out, false, "actielijn_titel");
        string(out, actielijn_titel);
        key(out, false, "titel");
        string(out, titel);
        key(out, false, "status");
        string(out, status);
        key(out, false, "status_label");
        string(out, status_label);
        key(out, false, "jaren");
        numbers(out, jaren);
        key(out, false, "jaren_bron");
        string(out, jaren_bron);
        key(out, false, "jaren_toelichting");
        text(out, jaren_toelichting.as_deref());
        key(out, false, "telt_als");
        number(out, telt_als);
        key(out, false, "concept");
        out.extend_from_slice(if *concept { b"true" } else { b"false" });
        key(out, false, "voortgang");
        string(out, voortgang);
        key(out, false, "voortgang_markdown");
        string(out, voortgang_markdown);
        out.extend_from_slice(b"\n    }");
    }
}

/// `text` as a JSON string, escaped as serde_json escapes it: `"` and `\`
/// by a backslash, the control characters U+0000–U+001F by their short
/// escape (`\n`, `\t`, `\r`, `\b`, `\f`) or as `\u00xx`; everything else
/// as it is. Blocks of bytes with none of these are copied at once (the
/// compiler checks a block in a few vector instructions).
fn string(out: &mut Vec<u8>, text: &str) {
    const BLOCK: usize = 16;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // The start of the run not yet copied.
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(block) = bytes.get(at..at + BLOCK)
            && !block.iter().fold(false, |any, &b| any | escaped(b))
        {
            at += BLOCK;
            continue;
        }
        let b = bytes[at];
        if !escaped(b) {
            at += 1;
            continue;
        }
        out.extend_from_slice(&bytes[run..at]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
        }
        at += 1;
        run = at;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// [`entry_piece`] as serde_json writes it, indented: what it is held to.
#[cfg(test)]
pub(super) fn entry_piece_by_serde(entry: &ActieJson<'_>) -> Vec<u8> {
    const INDENT: &[u8] = b"    ";
    let bytes = serde_json::to_vec_pretty(entry).unwrap_or_default();
    let mut piece = Vec::with_capacity(bytes.len() + bytes.len() / 8 + INDENT.len());
    piece.extend_from_slice(INDENT);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry of the given texts and numbers.
    #[allow(clippy::too_many_arguments)]
    fn entry<'a>(
        texts: &'a [String; 6],
        nummers: &'a [u32],
        jaren: &'a [u16],
        extra: bool,
        concept: bool,
        telt_als: usize,
    ) -> ActieJson<'a> {
        ActieJson {
            nummer: (!extra).then(|| texts[0].clone()),
            nummers: Cow::Borrowed(nummers),
            id: extra.then(|| Cow::Borrowed(texts[0].as_str())),
            actielijn: telt_als as u32 * 7,
            actielijn_titel: Cow::Borrowed(&texts[1]),
            titel: Cow::Borrowed(&texts[2]),
            status: "in-uitvoering",
            status_label: Cow::Borrowed(&texts[3]),
            jaren: Cow::Borrowed(jaren),
            jaren_bron: "titel",
            jaren_toelichting: concept.then(|| Cow::Borrowed(texts[3].as_str())),
            telt_als,
            concept,
            voortgang: Cow::Borrowed(&texts[4]),
            voortgang_markdown: Cow::Borrowed(&texts[5]),
        }
    }

    #[test]
    fn every_entry_of_the_shipped_edition_is_what_serde_json_writes() {
        let site = super::super::tests::shipped();
        let mut seen = 0;
        for (lijn, actie) in site.acties() {
            for tekst in [
                "",
                "gewoon",
                "\"aangehaald\" \\ en\n\tmeer\r\u{0}\u{1f}\u{7f}\u{8}\u{c} é ‘x’ 😀",
            ] {
                let entry = actie_json(&site, lijn, actie, tekst);
                assert_eq!(
                    String::from_utf8_lossy(&entry_piece(&entry)),
                    String::from_utf8_lossy(&entry_piece_by_serde(&entry))
                );
                seen += 1;
            }
        }
        assert!(seen > 100);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn an_entry_is_what_serde_json_writes_for_any_text(
            texts in proptest::array::uniform6(proptest::prelude::any::<String>()),
            ascii in "[ -~\\n\\t\\r\\u{0}-\\u{1f}\"\\\\]{0,80}",
            nummers in proptest::collection::vec(proptest::prelude::any::<u32>(), 0..4),
            jaren in proptest::collection::vec(proptest::prelude::any::<u16>(), 0..4),
            extra: bool,
            concept: bool,
            telt_als in 0usize..1000,
        ) {
            let mut texts = texts;
            // Long runs of plain bytes with the characters JSON escapes
            // among them, across the blocks the writer reads at once.
            texts[5] = format!("{ascii}{}{ascii}", texts[5]);
            let entry = entry(&texts, &nummers, &jaren, extra, concept, telt_als);
            let (ours, serde) = (entry_piece(&entry), entry_piece_by_serde(&entry));
            proptest::prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&serde));
        }
    }
}
