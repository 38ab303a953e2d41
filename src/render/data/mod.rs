//! Open data beside the website: `data/dashboard.json`, `data/acties.json`,
//! `data/acties.csv` (and `data/wijzigingen.json` with a comparison), each
//! naming the programme, its edition (`editie`) and the version of its
//! format (`versie`); a JSON Schema per JSON file (`data/schema/`), CSV on
//! the Web metadata for the CSV, and, when the site asks for it, a
//! catalogue record in DCAT-AP-DONL (`data/catalogus.jsonld`).

use serde::Serialize;
use serde_json::json;

use super::OutputFile;
use crate::model::{Catalogus, Site};

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
mod catalogus;
mod csv;
mod json;
mod stukken;
mod tekst;

pub use catalogus::catalogus;
pub use csv::{CSV_KOLOMMEN, Kolom};
pub(crate) use csv::{acties_csv, csv_metadata};
pub(crate) use json::{PerStatus, acties_json, dashboard_json};
pub(crate) use stukken::{Gestukt, Stukken};
pub(crate) use tekst::plain_text;

pub(crate) fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// What every data file starts with.
#[derive(Serialize)]
pub(crate) struct Kop<'a> {
    pub versie: u32,
    pub programma: &'a str,
    pub editie: String,
}

impl<'a> Kop<'a> {
    pub(crate) fn of(site: &'a Site) -> Kop<'a> {
        Kop {
            versie: VERSIE,
            programma: &site.meta.programma,
            editie: site.meta.editie.key(),
        }
    }
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

pub(super) fn kind(path: &str) -> (&'static str, &'static str, &'static str) {
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

/// The open data of a build held in memory (`bijlage serve`): its files,
/// and the view of them the pages show.
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

/// The path of the dashboard's data file.
const DASHBOARD: &str = "data/dashboard.json";
/// The path of every action's entry.
pub(crate) const ACTIES_JSON: &str = "data/acties.json";
/// The path of the actions as a table.
pub(crate) const ACTIES_CSV: &str = "data/acties.csv";

/// Where the open data goes as it is made (a build's output): whole files,
/// and files written piece by piece while they are made.
pub(crate) trait Put: Sync {
    /// Writes a whole file.
    fn put(&self, file: OutputFile) -> std::io::Result<()>;
    /// Writes the file at `path` through `write`, which gets its writer.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
    ) -> std::io::Result<()>;
}

/// The path of every file of the open data, in the order the open-data
/// section lists them, then their descriptions (the CSV on the Web
/// metadata, the schemas): known before any is made. `meer` are the paths
/// of the data files made elsewhere (see [`open_data`]).
pub(crate) fn paths(site: &Site, meer: &[&str]) -> Vec<String> {
    let mut paths: Vec<String> = [DASHBOARD, ACTIES_JSON, ACTIES_CSV]
        .into_iter()
        .chain(meer.iter().copied())
        .map(str::to_string)
        .collect();
    if site.meta.catalogus.is_some() {
        paths.push(CATALOGUS.into());
    }
    paths.push(CSV_METADATA.into());
    for (path, _) in SCHEMAS {
        if paths.iter().any(|p| p == path) {
            paths.push(schema_path(path));
        }
    }
    paths
}

/// The files that describe the data files `made` (path and size, in the
/// order they are listed): the catalogue record when the site has one, the
/// CSV on the Web metadata and the schemas; and the view of them all.
fn described(site: &Site, made: Vec<(String, usize)>) -> (OpenDataView, Vec<OutputFile>) {
    let catalogus_meta = site.meta.catalogus.as_deref();
    let mut bestanden: Vec<BestandView> = made
        .iter()
        .map(|(path, bytes)| bestand(path, *bytes, catalogus_meta))
        .collect();
    let mut files = Vec::new();
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
    for (path, schema) in SCHEMAS {
        if bestanden.iter().any(|b| b.pad == *path) {
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
    (
        OpenDataView {
            bestanden,
            licentie,
        },
        files,
    )
}

/// The open data, held in memory. `voortgang` holds the plain progress
/// text of each entry in the order of [`Site::acties`]; `meer` the data
/// files made elsewhere (`data/wijzigingen.json` when the build compared
/// editions, `data/edities.json`): they are listed, described in the
/// catalogue and given their schema like the others (a new one needs its
/// line in [`SCHEMAS`] and `BESCHRIJVINGEN`).
pub(crate) fn open_data(site: &Site, voortgang: &[String], meer: Vec<OutputFile>) -> OpenData {
    held(
        site,
        Some((acties_json(site, voortgang), acties_csv(site, voortgang))),
        (0, 0),
        meer,
    )
}

/// [`open_data`] of `bijlage serve`, whose `data/acties.json` and
/// `data/acties.csv` are made of the parts kept in [`Stukken`]
/// (`acties`, as [`Stukken::acties`] gives them): those two are not among
/// the files, but listed with their sizes like the others.
pub(crate) fn open_data_gestukt(
    site: &Site,
    acties: &(Gestukt, Gestukt),
    meer: Vec<OutputFile>,
) -> OpenData {
    held(site, None, (acties.0.len(), acties.1.len()), meer)
}

/// The open data with `acties` (`data/acties.json` and `data/acties.csv`)
/// among its files, or without them, of the sizes `sizes`.
fn held(
    site: &Site,
    acties: Option<(Vec<u8>, Vec<u8>)>,
    sizes: (usize, usize),
    meer: Vec<OutputFile>,
) -> OpenData {
    let dashboard = dashboard_json(site);
    let mut made = vec![(DASHBOARD.to_string(), dashboard.len())];
    let mut files = vec![OutputFile {
        path: DASHBOARD.into(),
        bytes: dashboard,
    }];
    match acties {
        Some((json, csv)) => {
            made.push((ACTIES_JSON.into(), json.len()));
            made.push((ACTIES_CSV.into(), csv.len()));
            files.push(OutputFile {
                path: ACTIES_JSON.into(),
                bytes: json,
            });
            files.push(OutputFile {
                path: ACTIES_CSV.into(),
                bytes: csv,
            });
        }
        None => {
            made.push((ACTIES_JSON.into(), sizes.0));
            made.push((ACTIES_CSV.into(), sizes.1));
        }
    }
    made.extend(meer.iter().map(|f| (f.path.clone(), f.bytes.len())));
    files.extend(meer);
    let (view, described) = described(site, made);
    files.extend(described);
    OpenData { files, view }
}

/// How many actions' entries and rows are made at once (on every core)
/// before they are written: what [`open_data_into`] holds at a time.
const CHUNK: usize = 256;

/// [`open_data`] written into `put` as it is made, in the same bytes:
/// `data/acties.json` and `data/acties.csv` are made a few hundred actions
/// at a time, each action's plain text, entry and row on every core, and
/// written in order while the next are made; no file is held whole. `html`
/// holds the rendered progress text of each action, in the order of
/// [`Site::acties`]. Gives the view the pages show.
pub(crate) fn open_data_into(
    site: &Site,
    html: &[&str],
    meer: Vec<OutputFile>,
    put: &dyn Put,
) -> std::io::Result<OpenDataView> {
    let dashboard = dashboard_json(site);
    let mut made = vec![(DASHBOARD.to_string(), dashboard.len())];
    put.put(OutputFile {
        path: DASHBOARD.into(),
        bytes: dashboard,
    })?;
    let (json_bytes, csv_bytes) = acties_into(site, html, put)?;
    made.push((ACTIES_JSON.into(), json_bytes));
    made.push((ACTIES_CSV.into(), csv_bytes));
    for file in meer {
        made.push((file.path.clone(), file.bytes.len()));
        put.put(file)?;
    }
    let (view, described) = described(site, made);
    for file in described {
        put.put(file)?;
    }
    Ok(view)
}

/// A writer that counts what goes through it.
struct Counted<'w> {
    inner: &'w mut (dyn std::io::Write + Send),
    bytes: usize,
}

impl Counted<'_> {
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.bytes += bytes.len();
        self.inner.write_all(bytes)
    }
}

/// Writes `data/acties.json` and `data/acties.csv` into `put` (see
/// [`open_data_into`]); gives their sizes.
fn acties_into(site: &Site, html: &[&str], put: &dyn Put) -> std::io::Result<(usize, usize)> {
    use rayon::prelude::*;
    let acties: Vec<_> = site.acties().zip(html).collect();
    let make = |chunk: &[((&crate::model::Actielijn, &crate::model::Actie), &&str)]| {
        chunk
            .par_iter()
            .map(|&((lijn, actie), html)| {
                let tekst = plain_text(html);
                let entry = json::entry_piece(&json::actie_json(site, lijn, actie, &tekst));
                (entry, csv::csv_row(site, lijn, actie, &tekst))
            })
            .collect::<Vec<_>>()
    };
    let mut sizes = (0, 0);
    put.stream(ACTIES_JSON, &mut |json_out| {
        put.stream(ACTIES_CSV, &mut |csv_out| {
            let mut json_out = Counted {
                inner: json_out,
                bytes: 0,
            };
            let mut csv_out = Counted {
                inner: csv_out,
                bytes: 0,
            };
            csv_out.write_all(&csv::acties_csv_head())?;
            if acties.is_empty() {
                json_out.write_all(&json::acties_json_empty(site))?;
            } else {
                let (head, tail) = json::acties_json_around(site);
                json_out.write_all(&head)?;
                let mut chunks = acties.chunks(CHUNK);
                let mut pieces = chunks.next().map(make).unwrap_or_default();
                let mut first = true;
                loop {
                    // The next chunk is made while this one is written.
                    let (written, next) = rayon::join(
                        || -> std::io::Result<()> {
                            for (entry, row) in &pieces {
                                if !first {
                                    json_out.write_all(json::ENTRY_SEPARATOR)?;
                                }
                                first = false;
                                json_out.write_all(entry)?;
                                csv_out.write_all(row)?;
                            }
                            Ok(())
                        },
                        || chunks.next().map(make),
                    );
                    written?;
                    match next {
                        Some(next) => pieces = next,
                        None => break,
                    }
                }
                json_out.write_all(tail)?;
            }
            sizes = (json_out.bytes, csv_out.bytes);
            Ok(())
        })
    })?;
    Ok(sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped edition, loaded (also for `stukken`'s tests).
    pub(super) fn shipped() -> Site {
        let loaded = crate::content::load_site(&crate::content::ContentSource::Embedded, true);
        match loaded {
            Ok((site, _, _)) => site,
            Err(_) => panic!("the shipped edition loads"),
        }
    }

    /// Rendered progress texts with what the plain text, JSON and CSV
    /// change: entities, quotes, separators, a formula, an empty text.
    fn html_of(site: &Site) -> Vec<String> {
        site.acties()
            .enumerate()
            .map(|(i, _)| match i % 4 {
                0 => format!(
                    "<p>Tekst {i} &amp; \"aangehaald\"; verder</p>\n<ul>\n<li>een</li>\n</ul>\n"
                ),
                1 => "<p>=SOM(A1)</p>\n".to_string(),
                2 => String::new(),
                _ => format!("<p>regel {i}<br />\nmet é en ‘quotes’</p>\n"),
            })
            .collect()
    }

    /// The open data of `site` written as it is made, and held: the same
    /// files, paths and view; the paths as [`paths`] knew them beforehand.
    fn streamed_equals_held(site: &Site) {
        let html = html_of(site);
        let html: Vec<&str> = html.iter().map(String::as_str).collect();
        let voortgang: Vec<String> = html.iter().map(|h| plain_text(h)).collect();
        let meer = vec![OutputFile {
            path: "data/wijzigingen.json".into(),
            bytes: b"{}\n".to_vec(),
        }];
        let held = open_data(site, &voortgang, meer.clone());
        let held_paths: Vec<&str> = held.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths(site, &["data/wijzigingen.json"]), held_paths);

        let memory = crate::render::Memory::default();
        let view = match open_data_into(site, &html, meer, &memory) {
            Ok(view) => view,
            Err(err) => panic!("memory takes every file: {err}"),
        };
        let mut held_files = held.files;
        held_files.sort_by(|a, b| a.path.cmp(&b.path));
        let streamed = memory.into_files();
        assert_eq!(
            streamed.iter().map(|f| &f.path).collect::<Vec<_>>(),
            held_files.iter().map(|f| &f.path).collect::<Vec<_>>()
        );
        for (a, b) in streamed.iter().zip(&held_files) {
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
        assert_eq!(
            serde_json::to_value(&view).ok(),
            serde_json::to_value(&held.view).ok()
        );
    }

    #[test]
    fn open_data_written_as_it_is_made_equals_the_files_held() {
        let mut site = shipped();
        assert!(
            site.meta.catalogus.is_some(),
            "the catalogue is described too"
        );
        streamed_equals_held(&site);

        // Several chunks, the last one short.
        let acties = site.actielijnen[0].acties.clone();
        while site.acties().count() <= 2 * CHUNK + 1 {
            site.actielijnen[0].acties.extend(acties.iter().cloned());
        }
        streamed_equals_held(&site);

        // No actions at all, and no catalogue.
        for lijn in &mut site.actielijnen {
            lijn.acties.clear();
        }
        site.meta.catalogus = None;
        streamed_equals_held(&site);
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
