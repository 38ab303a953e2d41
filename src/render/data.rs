//! Open data beside the website: `data/dashboard.json`, `data/acties.json`,
//! `data/acties.csv` (and `data/wijzigingen.json` with a comparison), each
//! naming the programme, its edition (`editie`) and the version of its
//! format (`versie`); a JSON Schema per JSON file (`data/schema/`), CSV on
//! the Web metadata for the CSV, and, when the site asks for it, a
//! catalogue record in DCAT-AP-DONL (`data/catalogus.jsonld`).

use serde::Serialize;
use serde_json::{Value, json};

use super::OutputFile;
use crate::model::{Catalogus, Nummer, Site, Telling};

/// The version of the format of every data file. Fields are only ever
/// added; this is raised when a field changes meaning or disappears.
pub const VERSIE: u32 = 1;

/// The JSON Schema of each JSON data file, written to `data/schema/`. A new
/// JSON data file needs one line here (and a test fails until it has one).
pub const SCHEMAS: &[(&str, &str)] = &[
    (
        "data/dashboard.json",
        include_str!("schema/dashboard.schema.json"),
    ),
    (
        "data/acties.json",
        include_str!("schema/acties.schema.json"),
    ),
    (
        "data/wijzigingen.json",
        include_str!("schema/wijzigingen.schema.json"),
    ),
    (
        "data/edities.json",
        include_str!("schema/edities.schema.json"),
    ),
];

/// What each data file holds, as the start page, the annex and the
/// catalogue describe it.
const BESCHRIJVINGEN: &[(&str, &str)] = &[
    (
        "data/dashboard.json",
        "Het dashboard: het aantal acties per status, in totaal en per actielijn.",
    ),
    (
        "data/acties.json",
        "Alle acties: nummer, titel, actielijn, status, uitvoeringsjaren en de voortgang (als tekst en als Markdown).",
    ),
    (
        "data/acties.csv",
        "Dezelfde acties als tabel voor een spreadsheet (puntkomma als scheidingsteken).",
    ),
    (
        "data/wijzigingen.json",
        "Wat er veranderde sinds de vorige editie: statussen, titels, jaren, voortgang, nieuwe en vervallen acties.",
    ),
    (
        "data/edities.json",
        "De voortgang over de edities: het dashboard van elke editie, in totaal en per actielijn.",
    ),
    (
        "data/catalogus.jsonld",
        "De beschrijving van deze open data voor data.overheid.nl (DCAT-AP-DONL, JSON-LD).",
    ),
];

/// The schema's path in the output: `data/acties.json` →
/// `data/schema/acties.schema.json`.
pub fn schema_path(data_path: &str) -> String {
    let name = data_path.rsplit('/').next().unwrap_or(data_path);
    let stem = name.strip_suffix(".json").unwrap_or(name);
    format!("data/schema/{stem}.schema.json")
}

/// The path of the CSV on the Web metadata of `data/acties.csv`.
pub(crate) const CSV_METADATA: &str = "data/acties.csv-metadata.json";
/// The path of the catalogue record.
pub(crate) const CATALOGUS: &str = "data/catalogus.jsonld";

/// Counts per status, keyed by status key, in legend order.
#[derive(Serialize)]
pub(super) struct PerStatus {
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

/// What every data file starts with.
#[derive(Serialize)]
pub(crate) struct Kop<'a> {
    pub versie: u32,
    pub programma: &'a str,
    pub editie: String,
}

impl<'a> Kop<'a> {
    pub fn of(site: &'a Site) -> Kop<'a> {
        Kop {
            versie: VERSIE,
            programma: &site.meta.programma,
            editie: site.meta.editie.key(),
        }
    }
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

pub(crate) fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
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
pub(crate) fn acties_csv(site: &Site, voortgang: &[String]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(CSV_KOLOMMEN.iter().map(|k| k.naam));
    let editie = site.meta.editie.key();
    let versie = VERSIE.to_string();
    for ((lijn, actie), tekst) in site.acties().zip(voortgang) {
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
            &editie,
            &versie,
        ]);
    }
    writer.into_inner().unwrap_or_default()
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
    json(&json!({
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

/// The plain text of rendered HTML: text as a reader reads it, blocks on
/// their own lines (paragraphs apart by an empty line), list items with
/// "- ", table cells apart by " | ", footnote references as "[1]".
pub(crate) fn plain_text(html: &str) -> String {
    use scraper::Node;
    fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut Tekst) {
        match node.value() {
            Node::Text(text) => out.text(text),
            Node::Element(el) => {
                let name = el.name();
                let (before, after) = match name {
                    "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table"
                    | "blockquote" | "pre" | "div" | "section" | "dl" => (2, 2),
                    "li" | "tr" | "dt" | "dd" => (1, 1),
                    "br" => (1, 0),
                    _ => (0, 0),
                };
                // A footnote's text follows its label on the same line.
                let after_label = name == "p"
                    && node
                        .prev_siblings()
                        .find(|s| s.value().is_element())
                        .and_then(|s| s.value().as_element().map(|e| e.name() == "sup"))
                        .unwrap_or(false);
                if after_label {
                    if !out.out.ends_with(' ') {
                        out.push(" ");
                    }
                } else {
                    out.brk(before);
                }
                match name {
                    "li" => out.push("- "),
                    "td" | "th" if node.prev_sibling().is_some_and(|s| s.value().is_element()) => {
                        out.push(" | ")
                    }
                    "sup" => out.push("["),
                    _ => {}
                }
                let pre = name == "pre";
                out.pre += usize::from(pre);
                for child in node.children() {
                    walk(child, out);
                }
                out.pre -= usize::from(pre);
                if name == "sup" {
                    out.push("]");
                }
                out.brk(after);
            }
            _ => {
                for child in node.children() {
                    walk(child, out);
                }
            }
        }
    }
    #[derive(Default)]
    struct Tekst {
        out: String,
        /// Line breaks owed before the next text.
        breaks: usize,
        /// Inside `pre`: keep the text as it is.
        pre: usize,
    }
    impl Tekst {
        fn brk(&mut self, n: usize) {
            self.breaks = self.breaks.max(n);
        }
        fn push(&mut self, text: &str) {
            self.flush();
            self.out.push_str(text);
        }
        fn flush(&mut self) {
            if !self.out.is_empty() && self.breaks > 0 {
                self.out.truncate(self.out.trim_end_matches(' ').len());
                for _ in 0..self.breaks {
                    self.out.push('\n');
                }
            }
            self.breaks = 0;
        }
        fn text(&mut self, text: &str) {
            if self.pre > 0 {
                self.push(text.trim_end_matches('\n'));
                return;
            }
            let collapsed: Vec<&str> = text.split_whitespace().collect();
            if collapsed.is_empty() {
                // Whitespace between blocks is nothing; inside a line one space.
                if !text.is_empty() && self.breaks == 0 && !self.out.ends_with([' ', '\n']) {
                    self.out.push(' ');
                }
                return;
            }
            let lead = text.starts_with(char::is_whitespace);
            let trail = text.ends_with(char::is_whitespace);
            self.flush();
            if lead && !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
                self.out.push(' ');
            }
            self.out.push_str(&collapsed.join(" "));
            if trail {
                self.out.push(' ');
            }
        }
    }
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = Tekst::default();
    walk(fragment.tree.root(), &mut out);
    out.out.trim().to_string()
}

/// "834 bytes", "12,3 kB", "1,2 MB": the size of a file as the start page
/// shows it (1 kB = 1000 bytes).
pub fn grootte(bytes: usize) -> String {
    let decimal = |value: f64, unit: &str| format!("{value:.1} {unit}").replace('.', ",");
    match bytes {
        0..1000 => format!("{bytes} bytes"),
        1000..1_000_000 => decimal(bytes as f64 / 1000.0, "kB"),
        _ => decimal(bytes as f64 / 1_000_000.0, "MB"),
    }
}

/// A data file as the open-data section lists it.
#[derive(Serialize, Clone)]
pub struct BestandView {
    /// The path from the site root: `data/acties.csv`.
    pub pad: String,
    /// The file name: `acties.csv`.
    pub naam: String,
    /// What the file holds, in a sentence.
    pub beschrijving: &'static str,
    /// "JSON", "CSV", "JSON-LD".
    pub formaat: &'static str,
    /// Its media type (`application/json`, `text/csv`).
    pub mediatype: &'static str,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its size for people ("12 kB").
    pub grootte: String,
    /// What describes its fields: the path of the schema or the CSVW
    /// metadata, and its file name.
    pub beschreven_in: Option<String>,
    /// The file that describes it (its schema or CSVW metadata), by name.
    pub beschreven_in_naam: Option<String>,
    /// The addresses of the file and its description on the website, when
    /// the site has a catalogue (`catalogus.adres`).
    pub url: Option<String>,
    /// The same, as a link relative to the output root.
    pub beschreven_in_url: Option<String>,
}

fn kind(path: &str) -> (&'static str, &'static str, &'static str) {
    // (format, media type, EU file-type code)
    if path.ends_with(".csv") {
        ("CSV", "text/csv", "CSV")
    } else if path.ends_with(".jsonld") {
        ("JSON-LD", "application/ld+json", "JSON_LD")
    } else {
        ("JSON", "application/json", "JSON")
    }
}

fn bestand(path: &str, bytes: usize, catalogus: Option<&Catalogus>) -> BestandView {
    let (formaat, mediatype, _) = kind(path);
    let beschreven_in = if path.ends_with(".csv") {
        Some(CSV_METADATA.to_string())
    } else {
        SCHEMAS
            .iter()
            .any(|(p, _)| *p == path)
            .then(|| schema_path(path))
    };
    BestandView {
        pad: path.to_string(),
        naam: path.rsplit('/').next().unwrap_or(path).to_string(),
        beschrijving: BESCHRIJVINGEN
            .iter()
            .find(|(p, _)| *p == path)
            .map_or("", |(_, b)| b),
        formaat,
        mediatype,
        bytes,
        grootte: grootte(bytes),
        beschreven_in_naam: beschreven_in
            .as_deref()
            .map(|p| p.rsplit('/').next().unwrap_or(p).to_string()),
        beschreven_in_url: beschreven_in
            .as_deref()
            .zip(catalogus)
            .map(|(p, c)| format!("{}{p}", c.adres)),
        beschreven_in,
        url: catalogus.map(|c| format!("{}{path}", c.adres)),
    }
}

/// `data/catalogus.jsonld`: the catalogue record of the open data in
/// DCAT-AP-DONL 1.1, as JSON-LD. One dataset (this edition's data) with one
/// distribution per data file.
pub fn catalogus(site: &Site, catalogus: &Catalogus, bestanden: &[BestandView]) -> Vec<u8> {
    let meta = &site.meta;
    let nl = json!({ "@id": "http://publications.europa.eu/resource/authority/language/NLD" });
    let datum = json!({
        "@value": format!("{}-01", meta.editie.key()),
        "@type": "xsd:date",
    });
    let licentie = json!({ "@id": catalogus.licentie });
    let distributies: Vec<Value> = bestanden
        .iter()
        .map(|b| {
            let url = format!("{}{}", catalogus.adres, b.pad);
            let (_, _, code) = kind(&b.pad);
            let mut d = json!({
                "@id": format!("{url}#distributie"),
                "@type": "dcat:Distribution",
                "dct:title": b.naam,
                "dct:description": b.beschrijving,
                "dcat:accessURL": { "@id": url },
                "dcat:downloadURL": { "@id": url },
                "dct:license": licentie,
                "dct:language": nl,
                "dct:format": { "@id": format!("http://publications.europa.eu/resource/authority/file-type/{code}") },
                "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{}", b.mediatype) },
                "dcat:byteSize": { "@value": b.bytes.to_string(), "@type": "xsd:decimal" },
                "dct:issued": datum,
                "dct:modified": datum,
            });
            if let (Some(beschreven), Value::Object(map)) = (&b.beschreven_in, &mut d) {
                map.insert(
                    "dct:conformsTo".into(),
                    json!({ "@id": format!("{}{beschreven}", catalogus.adres) }),
                );
            }
            d
        })
        .collect();
    let mut contact = json!({
        "@type": "vcard:Organization",
        "vcard:fn": catalogus.contactpunt.naam,
    });
    if let Value::Object(map) = &mut contact {
        if let Some(email) = &catalogus.contactpunt.email {
            map.insert(
                "vcard:hasEmail".into(),
                json!({ "@id": format!("mailto:{email}") }),
            );
        }
        if let Some(website) = &catalogus.contactpunt.website {
            map.insert("vcard:hasURL".into(), json!({ "@id": website }));
        }
    }
    let id = format!("{}{CATALOGUS}#dataset", catalogus.adres);
    json(&json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "overheid": "http://standaarden.overheid.nl/owms/terms/",
            "@language": "nl",
        },
        "@id": id,
        "@type": "dcat:Dataset",
        "dct:identifier": { "@value": id, "@type": "xsd:anyURI" },
        "dct:title": format!("{} – {}, editie {}", meta.titel, meta.programma, meta.editie.label()),
        "dct:description": catalogus.beschrijving,
        "dcat:keyword": catalogus.trefwoorden,
        "dct:language": nl,
        "dcat:theme": catalogus.thema.iter().map(|t| json!({ "@id": t })).collect::<Vec<_>>(),
        "dct:issued": datum,
        "dct:modified": datum,
        "owl:versionInfo": meta.editie.key(),
        "overheid:authority": { "@id": catalogus.uitgever },
        "dct:publisher": { "@id": catalogus.uitgever, "@type": "foaf:Agent" },
        "dct:creator": meta.uitgevers.iter().map(|u| json!({ "@type": "foaf:Agent", "foaf:name": u })).collect::<Vec<_>>(),
        "dcat:contactPoint": contact,
        "dct:license": licentie,
        "dct:accessRights": { "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC" },
        "dcat:landingPage": { "@id": format!("{}index.html#open-data", catalogus.adres) },
        "foaf:isPrimaryTopicOf": {
            "@type": "dcat:CatalogRecord",
            "dct:language": nl,
            "dct:modified": datum,
        },
        "dcat:distribution": distributies,
    }))
}

/// The open data of a build: every file under `data/`, and the list the
/// open-data section shows. `voortgang` holds the plain progress text of
/// each entry in the order of [`Site::acties`]; `meer` the data files made
/// elsewhere (`data/wijzigingen.json` when the build compared editions): they
/// are listed, described in the catalogue and given their schema like the
/// others (a new one needs its line in [`SCHEMAS`] and [`BESCHRIJVINGEN`]).
pub(crate) struct OpenData {
    pub files: Vec<OutputFile>,
    pub view: OpenDataView,
}

/// What the templates see as `open_data`.
#[derive(Serialize, Clone)]
pub(crate) struct OpenDataView {
    pub bestanden: Vec<BestandView>,
    /// The licence, when the site has a catalogue record.
    pub licentie: Option<LicentieView>,
}

#[derive(Serialize, Clone)]
pub(crate) struct LicentieView {
    pub url: String,
    /// "CC0 1.0" for CC0, else the address.
    pub label: String,
}

pub(crate) fn open_data(site: &Site, voortgang: &[String], meer: Vec<OutputFile>) -> OpenData {
    let mut data = vec![
        OutputFile {
            path: "data/dashboard.json".into(),
            bytes: dashboard_json(site),
        },
        OutputFile {
            path: "data/acties.json".into(),
            bytes: acties_json(site, voortgang),
        },
        OutputFile {
            path: "data/acties.csv".into(),
            bytes: acties_csv(site, voortgang),
        },
    ];
    data.extend(meer);
    let catalogus_meta = site.meta.catalogus.as_deref();
    let mut bestanden: Vec<BestandView> = data
        .iter()
        .map(|f| bestand(&f.path, f.bytes.len(), catalogus_meta))
        .collect();
    let mut files = data;
    if let Some(meta) = catalogus_meta {
        let bytes = catalogus(site, meta, &bestanden);
        bestanden.push(bestand(CATALOGUS, bytes.len(), catalogus_meta));
        files.push(OutputFile {
            path: CATALOGUS.into(),
            bytes,
        });
    }
    files.push(OutputFile {
        path: CSV_METADATA.into(),
        bytes: csv_metadata(site),
    });
    let written: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    for (path, schema) in SCHEMAS {
        if written.iter().any(|w| w == path) {
            files.push(OutputFile {
                path: schema_path(path),
                bytes: schema.as_bytes().to_vec(),
            });
        }
    }
    let licentie = catalogus_meta.map(|c| LicentieView {
        url: c.licentie.clone(),
        label: if c.licentie == crate::model::CC0 {
            "CC0 1.0".to_string()
        } else {
            c.licentie.clone()
        },
    });
    OpenData {
        files,
        view: OpenDataView {
            bestanden,
            licentie,
        },
    }
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

    #[test]
    fn plain_text_reads_as_the_page_does() {
        let (html, _) = crate::render::markdown::render(
            "Eerste *alinea* met een [link](https://example.org) en\neen zachte regelovergang.\n\n\
             - een\n- twee &amp; drie\n\nTekst[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Noot.\n",
            3,
            &|_| None,
        );
        assert_eq!(
            plain_text(&html),
            "Eerste alinea met een link en een zachte regelovergang.\n\n\
             - een\n- twee & drie\n\nTekst[1].\n\na | b\n1 | 2\n\n[1] Noot."
        );
        assert_eq!(plain_text(""), "");
        assert_eq!(plain_text("<pre><code>a  b\nc\n</code></pre>"), "a  b\nc");
    }

    #[test]
    fn sizes_are_dutch_and_exact_below_a_kilobyte() {
        assert_eq!(grootte(834), "834 bytes");
        assert_eq!(grootte(12_345), "12,3 kB");
        assert_eq!(grootte(1_234_567), "1,2 MB");
    }

    #[test]
    fn schema_paths_sit_beside_the_data() {
        assert_eq!(
            schema_path("data/acties.json"),
            "data/schema/acties.schema.json"
        );
        assert_eq!(
            schema_path("data/edities.json"),
            "data/schema/edities.schema.json"
        );
    }
}
