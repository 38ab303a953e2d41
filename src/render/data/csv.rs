//! `data/acties.csv` and its CSV on the Web metadata.

use serde_json::{Value, json};

use super::VERSIE;
use crate::model::{Actie, Actielijn, Nummer, Site};

/// A column of `data/acties.csv`: its name (the header), its title in
/// Dutch, its CSVW datatype and what it holds. New columns go at the end.
pub struct Kolom {
    /// The column name (the CSV header).
    pub naam: &'static str,
    /// Its title for people (CSVW `titles`).
    pub titel: &'static str,
    /// Its CSVW datatype.
    pub datatype: &'static str,
    /// What it holds, in a sentence.
    pub beschrijving: &'static str,
}

/// The columns of `data/acties.csv`, in order; the CSVW metadata is made
/// from the same table.
pub const CSV_KOLOMMEN: &[Kolom] = &[
    Kolom {
        naam: "nummer",
        titel: "Nummer",
        datatype: "string",
        beschrijving: "Het nummer van de actie; \"3 en 4\" voor een gecombineerde actie; leeg voor een extra actie.",
    },
    Kolom {
        naam: "id",
        titel: "Id",
        datatype: "string",
        beschrijving: "Het vaste id van een extra actie, anders leeg.",
    },
    Kolom {
        naam: "actielijn",
        titel: "Actielijn",
        datatype: "integer",
        beschrijving: "Het nummer van de actielijn.",
    },
    Kolom {
        naam: "actielijn_titel",
        titel: "Actielijn (korte titel)",
        datatype: "string",
        beschrijving: "De korte titel van de actielijn.",
    },
    Kolom {
        naam: "titel",
        titel: "Titel",
        datatype: "string",
        beschrijving: "De titel van de actie.",
    },
    Kolom {
        naam: "status",
        titel: "Status (sleutel)",
        datatype: "string",
        beschrijving: "De status: afgerond, in-uitvoering, vertraging, doorlopend of niet-gestart.",
    },
    Kolom {
        naam: "status_label",
        titel: "Status",
        datatype: "string",
        beschrijving: "De status zoals in de legenda.",
    },
    Kolom {
        naam: "jaren",
        titel: "Uitvoeringsjaren",
        datatype: "string",
        beschrijving: "De jaren waarin de actie wordt uitgevoerd, gescheiden door komma's: \"2024, 2025\".",
    },
    Kolom {
        naam: "jaren_bron",
        titel: "Bron van de jaren",
        datatype: "string",
        beschrijving: "Waar de jaren vandaan komen: actieplan, titel of periode.",
    },
    Kolom {
        naam: "jaren_toelichting",
        titel: "Toelichting op de jaren",
        datatype: "string",
        beschrijving: "De precieze bron van de jaren, of leeg.",
    },
    Kolom {
        naam: "voortgang",
        titel: "Voortgang",
        datatype: "string",
        beschrijving: "De voortgangstekst als platte tekst.",
    },
    Kolom {
        naam: "programma",
        titel: "Programma",
        datatype: "string",
        beschrijving: "Het programma waar de actie bij hoort.",
    },
    Kolom {
        naam: "editie",
        titel: "Editie",
        datatype: "gYearMonth",
        beschrijving: "De editie van het monitoringsoverzicht: jaar en maand, \"2025-11\".",
    },
    Kolom {
        naam: "versie",
        titel: "Versie van het formaat",
        datatype: "integer",
        beschrijving: "De versie van de indeling van dit bestand; hoger als een kolom van betekenis verandert.",
    },
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
fn writer(into: Vec<u8>) -> csv::Writer<Vec<u8>> {
    builder().from_writer(into)
}

/// How [`writer`] writes.
fn builder() -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    builder
}

/// The byte order mark and the header row of `data/acties.csv`.
fn csv_head() -> csv::Writer<Vec<u8>> {
    let mut writer = writer(b"\xEF\xBB\xBF".to_vec());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(CSV_KOLOMMEN.iter().map(|k| k.naam));
    writer
}

/// Writes the row of `actie` in `lijn`, with its plain progress text
/// `tekst`; `editie` is the edition's key.
fn write_row(
    writer: &mut csv::Writer<Vec<u8>>,
    site: &Site,
    lijn: &Actielijn,
    actie: &Actie,
    tekst: &str,
    editie: &str,
) {
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
        &cell(tekst),
        &cell(&site.meta.programma),
        editie,
        &VERSIE.to_string(),
    ]);
}

pub(crate) fn acties_csv(site: &Site, voortgang: &[String]) -> Vec<u8> {
    let mut writer = csv_head();
    let editie = site.meta.editie.key();
    for ((lijn, actie), tekst) in site.acties().zip(voortgang) {
        write_row(&mut writer, site, lijn, actie, tekst, &editie);
    }
    writer.into_inner().unwrap_or_default()
}

/// The row of one action in `data/acties.csv` (see [`write_row`]), on its
/// own: a CSV row is written the same wherever it stands.
pub(super) fn csv_row(site: &Site, lijn: &Actielijn, actie: &Actie, tekst: &str) -> Vec<u8> {
    // A row's writer with a small buffer: the default 8 KiB, zeroed for
    // every row, was a fiftieth of a build. The buffer only batches what
    // goes into the Vec; the bytes are the same.
    let mut writer = builder()
        .buffer_capacity(1024)
        .from_writer(Vec::with_capacity(tekst.len() + 256));
    write_row(
        &mut writer,
        site,
        lijn,
        actie,
        tekst,
        &site.meta.editie.key(),
    );
    writer.into_inner().unwrap_or_default()
}

/// The start of `data/acties.csv`, before its rows: the byte order mark
/// and the header row.
pub(super) fn acties_csv_head() -> Vec<u8> {
    csv_head().into_inner().unwrap_or_default()
}

/// `data/acties.csv-metadata.json`: CSV on the Web (W3C) metadata of the
/// CSV: its dialect (`;`, BOM, CRLF, a header row) and its columns with
/// their Dutch titles and datatypes.
pub(crate) fn csv_metadata(site: &Site) -> Vec<u8> {
    let columns: Vec<Value> = CSV_KOLOMMEN
        .iter()
        .map(|k| {
            json!({
                "name": k.naam,
                "titles": { "nl": k.titel },
                "dc:description": { "@value": k.beschrijving, "@language": "nl" },
                "datatype": k.datatype,
                "required": matches!(k.naam, "actielijn" | "titel" | "status" | "jaren" | "editie" | "versie"),
            })
        })
        .collect();
    super::json(&json!({
        "@context": ["http://www.w3.org/ns/csvw", { "@language": "nl" }],
        "url": "acties.csv",
        "dc:title": format!("Acties van het {}, editie {}", site.meta.programma, site.meta.editie.label()),
        "dc:hasVersion": VERSIE.to_string(),
        "dialect": {
            "encoding": "utf-8",
            "delimiter": ";",
            "quoteChar": "\"",
            "doubleQuote": true,
            "header": true,
            "headerRowCount": 1,
            "lineTerminators": ["\r\n"],
            "skipInitialSpace": false,
            "trim": false,
        },
        "dc:description": "UTF-8 met byte-order mark (BOM), zodat een spreadsheet de tekens goed leest; puntkomma als scheidingsteken; CRLF als regeleinde. Een tekst die met =, +, - of @ begint, krijgt een ' ervoor.",
        "tableSchema": {
            "columns": columns,
            "aboutUrl": "acties.csv#rij-{_row}",
        },
    }))
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
