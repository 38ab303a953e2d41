//! The open data: every data file against its JSON Schema, the CSV read back
//! through its CSV on the Web metadata, the DCAT-AP-DONL catalogue record
//! against what data.overheid.nl requires, and the open-data section that
//! lists the files.
//!
//! This file: the data files, their schemas, the CSV and the section; the
//! catalogue record (DCAT-AP-DONL) is in `open_data_catalogus.rs`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bijlage::render::data::{self, CSV_KOLOMMEN, SCHEMAS};
use bijlage::{ContentSource, Options, Rendered};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped edition, rendered (nothing written).
pub(crate) fn shipped() -> Rendered {
    let options = Options::new(ContentSource::Dir(repo().join("content")));
    bijlage::render(&options).expect("the shipped content builds")
}

/// The made-up pair of editions, compared: the build has `wijzigingen.json`.
fn compared() -> Rendered {
    let dir = repo().join("tests/fixtures/edities");
    let mut options = Options::new(ContentSource::Dir(dir.join("nu/content")));
    options.previous = Some(dir.join("vorige/content").display().to_string());
    let rendered = bijlage::render(&options).expect("the pair of editions builds");
    assert!(
        matches!(rendered.vorige_editie, bijlage::VorigeEditie::Vergeleken(_)),
        "compared"
    );
    rendered
}

pub(crate) fn files(rendered: &Rendered) -> BTreeMap<&str, &[u8]> {
    rendered
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect()
}

pub(crate) fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

/// Validates every JSON data file of a build against its schema, as written
/// beside it in `data/schema/`; returns the files checked.
fn validate_all(rendered: &Rendered) -> Vec<String> {
    let files = files(rendered);
    let mut checked = Vec::new();
    for (path, bytes) in &files {
        let is_data = path.starts_with("data/")
            && !path.starts_with("data/schema/")
            && path.ends_with(".json")
            && !path.ends_with("-metadata.json");
        if !is_data {
            continue;
        }
        let schema_path = data::schema_path(path);
        let schema_bytes = files.get(schema_path.as_str()).unwrap_or_else(|| {
            panic!("{path} has no schema: add a line to SCHEMAS in src/render/data.rs")
        });
        let schema = json(schema_bytes);
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|err| panic!("{schema_path} is a valid JSON Schema: {err}"));
        let instance = json(bytes);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{path} against {schema_path}:\n{errors:#?}"
        );
        checked.push(path.to_string());
    }
    checked
}

#[test]
fn every_data_file_of_the_shipped_build_matches_its_schema() {
    let rendered = shipped();
    let checked = validate_all(&rendered);
    for path in ["data/dashboard.json", "data/acties.json"] {
        assert!(checked.iter().any(|c| c == path), "{path}: {checked:?}");
    }
    // The schemas written are the ones in the source, one per data file.
    let files = files(&rendered);
    for (path, schema) in SCHEMAS {
        if files.contains_key(path) {
            assert_eq!(files[data::schema_path(path).as_str()], schema.as_bytes());
        }
    }
}

#[test]
fn the_changes_file_matches_its_schema_too() {
    let rendered = compared();
    assert!(files(&rendered).contains_key("data/wijzigingen.json"));
    let checked = validate_all(&rendered);
    assert!(
        checked.iter().any(|c| c == "data/wijzigingen.json"),
        "{checked:?}"
    );
}

#[test]
fn the_schemas_reject_what_they_do_not_describe() {
    let rendered = shipped();
    let files = files(&rendered);
    let schema = json(files["data/schema/acties.schema.json"]);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good = json(files["data/acties.json"]);
    assert!(validator.is_valid(&good));
    // A number where the schema says text, an unknown status, a field the
    // schema does not name, a missing field: each is caught.
    let mut bad = good.clone();
    bad["acties"][0]["nummer"] = Value::from(1);
    assert!(!validator.is_valid(&bad), "nummer is text");
    let mut bad = good.clone();
    bad["acties"][0]["status"] = Value::from("klaar");
    assert!(!validator.is_valid(&bad), "status from the legend");
    let mut bad = good.clone();
    bad["acties"][0]["onbekend"] = Value::from(true);
    assert!(!validator.is_valid(&bad), "no unnamed fields");
    let mut bad = good.clone();
    bad.as_object_mut().unwrap().remove("editie");
    assert!(!validator.is_valid(&bad), "editie is required");
}

#[test]
fn every_data_file_names_programme_edition_and_version() {
    let rendered = shipped();
    let files = files(&rendered);
    let meta = &rendered.site.meta;
    for path in ["data/dashboard.json", "data/acties.json"] {
        let value = json(files[path]);
        assert_eq!(value["versie"], data::VERSIE, "{path}");
        assert_eq!(value["programma"], meta.programma.as_str(), "{path}");
        assert_eq!(value["editie"], "2025-11", "{path}");
    }
    let compared = compared();
    let changes = json(files_of(&compared, "data/wijzigingen.json"));
    assert_eq!(changes["versie"], data::VERSIE);
    assert_eq!(changes["editie"], changes["huidige_editie"]);
    assert_eq!(changes["programma"], compared.site.meta.programma.as_str());
}

pub(crate) fn files_of<'a>(rendered: &'a Rendered, path: &str) -> &'a [u8] {
    &rendered
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is rendered"))
        .bytes
}

#[test]
fn acties_json_carries_the_progress_text_as_text_and_as_markdown() {
    let rendered = shipped();
    let acties = json(files_of(&rendered, "data/acties.json"));
    let acties = acties["acties"].as_array().unwrap();
    let entries: Vec<_> = rendered.site.acties().collect();
    assert_eq!(acties.len(), entries.len());
    for (value, (lijn, actie)) in acties.iter().zip(&entries) {
        assert_eq!(value["voortgang_markdown"], actie.tekst.trim());
        assert_eq!(value["actielijn_titel"], lijn.korte_titel.as_str());
        assert_eq!(
            value["status_label"],
            rendered.site.meta.legenda_label(actie.status)
        );
        let plain = value["voortgang"].as_str().unwrap();
        assert!(!plain.is_empty(), "{}", actie.titel);
        // Plain text: no Markdown link syntax, no HTML.
        assert!(!plain.contains("](actie:"), "{plain}");
        assert!(!plain.contains('<'), "{plain}");
    }
    // A cross-reference reads as its link text, with the spaces around it
    // (the shipped action 10 refers to action 11).
    let ten = acties
        .iter()
        .find(|a| {
            a["voortgang_markdown"]
                .as_str()
                .unwrap()
                .contains("(actie:11)")
        })
        .expect("an action refers to action 11");
    assert!(
        ten["voortgang"]
            .as_str()
            .unwrap()
            .contains(" onder actie 11."),
        "{}",
        ten["voortgang"]
    );
    // One type per field: a combined entry has its numbers as a list of
    // integers and its printed number as text.
    let combined = acties
        .iter()
        .find(|a| a["nummer"] == "3/4")
        .expect("the combined entry");
    assert_eq!(combined["nummers"], serde_json::json!([3, 4]));
    let extra = acties
        .iter()
        .find(|a| a["nummer"].is_null())
        .expect("the extra action");
    assert_eq!(extra["nummers"], serde_json::json!([]));
    assert!(extra["id"].is_string());
}

/// A CSV cell checked against a CSVW datatype.
fn check_datatype(datatype: &str, cell: &str, what: &str) {
    if cell.is_empty() {
        return;
    }
    match datatype {
        "string" => {}
        "integer" => {
            cell.parse::<i64>()
                .unwrap_or_else(|_| panic!("{what}: `{cell}` is an integer"));
        }
        "gYearMonth" => {
            let ok = cell.len() == 7
                && cell.as_bytes()[4] == b'-'
                && cell[..4].parse::<u16>().is_ok()
                && cell[5..].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m));
            assert!(ok, "{what}: `{cell}` is a year and month");
        }
        other => panic!("{what}: datatype {other} is not checked here"),
    }
}

#[test]
fn the_csv_reads_back_with_its_csvw_metadata() {
    let rendered = shipped();
    let metadata = json(files_of(&rendered, "data/acties.csv-metadata.json"));
    assert_eq!(metadata["@context"][0], "http://www.w3.org/ns/csvw");
    assert_eq!(metadata["url"], "acties.csv");
    let dialect = &metadata["dialect"];
    assert_eq!(dialect["encoding"], "utf-8");
    assert_eq!(dialect["header"], true);
    let delimiter = dialect["delimiter"].as_str().unwrap();
    assert_eq!(delimiter.len(), 1, "one byte");
    let terminator = dialect["lineTerminators"][0].as_str().unwrap();
    let columns = metadata["tableSchema"]["columns"].as_array().unwrap();

    // Read the file the metadata names, as the metadata says.
    let bytes = files_of(&rendered, "data/acties.csv");
    let text = std::str::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    assert!(text.ends_with(terminator));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.as_bytes()[0])
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let names: Vec<&str> = columns
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(header, names);
    for column in columns {
        let title = column["titles"]["nl"].as_str().unwrap();
        assert!(!title.is_empty(), "a Dutch title for {}", column["name"]);
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let acties = json(files_of(&rendered, "data/acties.json"));
    let acties = acties["acties"].as_array().unwrap();
    assert_eq!(rows.len(), acties.len());
    let index = |name: &str| names.iter().position(|n| *n == name).unwrap();
    for (row, actie) in rows.iter().zip(acties) {
        assert_eq!(row.len(), columns.len());
        for (cell, column) in row.iter().zip(columns) {
            let name = column["name"].as_str().unwrap();
            check_datatype(column["datatype"].as_str().unwrap(), cell, name);
            if column["required"] == true {
                assert!(!cell.is_empty(), "{name} is required");
            }
        }
        // The same entries as acties.json, in the same order.
        assert_eq!(&row[index("titel")], actie["titel"].as_str().unwrap());
        assert_eq!(&row[index("status")], actie["status"].as_str().unwrap());
        assert_eq!(
            row[index("actielijn")].parse::<u64>().unwrap(),
            actie["actielijn"].as_u64().unwrap()
        );
        let voortgang = actie["voortgang"].as_str().unwrap();
        let cell = &row[index("voortgang")];
        assert!(cell == voortgang || cell == format!("'{voortgang}"));
        assert_eq!(&row[index("editie")], "2025-11");
        assert_eq!(&row[index("versie")], data::VERSIE.to_string());
    }
    // The metadata is made from the same table as the header.
    assert_eq!(columns.len(), CSV_KOLOMMEN.len());
}

#[test]
fn the_open_data_section_lists_every_file_with_its_real_size() {
    let rendered = shipped();
    let files = files(&rendered);
    let index = std::str::from_utf8(files["index.html"]).unwrap();
    let annex = std::str::from_utf8(files["bijlage.html"]).unwrap();
    let section = |html: &str| -> String {
        let start = html.find("id=\"open-data\"").expect("an open-data section");
        let end = start + html[start..].find("</section>").unwrap();
        html[start..end].to_string()
    };
    let on_site = section(index);
    let in_annex = section(annex);
    assert!(index.contains("href=\"#open-data\""), "in the contents");
    let catalogus = rendered.site.meta.catalogus.as_ref().unwrap();
    for path in [
        "data/dashboard.json",
        "data/acties.json",
        "data/acties.csv",
        "data/catalogus.jsonld",
    ] {
        let name = path.rsplit('/').next().unwrap();
        let size = data::grootte(files[path].len());
        assert!(
            on_site.contains(&format!("<a href=\"{path}\">{name}</a>")),
            "{path}\n{on_site}"
        );
        assert!(on_site.contains(&size), "{path}: {size}");
        // The annex travels alone: its links go to the website.
        assert!(
            in_annex.contains(&format!("<a href=\"{}{path}\">{name}</a>", catalogus.adres)),
            "{path}\n{in_annex}"
        );
        assert!(in_annex.contains(&size), "{path}: {size}");
    }
    for (format, path) in [("CSV", "data/acties.csv"), ("JSON", "data/acties.json")] {
        let size = data::grootte(files[path].len());
        assert!(
            on_site.contains(&format!("{format}, {size}")),
            "{format}, {size}"
        );
    }
    assert!(on_site.contains("href=\"data/schema/acties.schema.json\""));
    assert!(on_site.contains("href=\"data/acties.csv-metadata.json\""));
    assert!(on_site.contains(&format!("href=\"{}\">CC0 1.0</a>", bijlage::model::CC0)));
}
