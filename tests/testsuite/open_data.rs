//! The open data: every data file against its JSON Schema, the CSV read back
//! through its CSV on the Web metadata, the DCAT-AP-DONL catalogue record
//! against what data.overheid.nl requires, and the open-data section that
//! lists the files.

use crate::common::{copy_dir, fixture};

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use bijlage::render::data::{self, CSV_KOLOMMEN, SCHEMAS};
use bijlage::{ContentSource, Options, Rendered};
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped edition, rendered (nothing written).
fn shipped() -> Rendered {
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

fn files(rendered: &Rendered) -> BTreeMap<&str, &[u8]> {
    rendered
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect()
}

fn json(bytes: &[u8]) -> Value {
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

fn files_of<'a>(rendered: &'a Rendered, path: &str) -> &'a [u8] {
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

/// The compact IRIs of the record expanded with its own `@context`, so that
/// `dct:title` is checked as `http://purl.org/dc/terms/title`.
struct Record {
    context: serde_json::Map<String, Value>,
}

impl Record {
    fn expand(&self, compact: &str) -> String {
        let (prefix, local) = compact.split_once(':').unwrap();
        let namespace = self.context[prefix].as_str().unwrap();
        format!("{namespace}{local}")
    }

    /// The value of the property with the full IRI `iri` on `node`.
    fn get<'a>(&self, node: &'a Value, iri: &str) -> Option<&'a Value> {
        node.as_object()?
            .iter()
            .find(|(k, _)| k.contains(':') && !k.starts_with('@') && self.expand(k) == iri)
            .map(|(_, v)| v)
    }
}

fn non_empty(value: &Value) -> bool {
    match value {
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty() && a.iter().all(non_empty),
        Value::Object(o) => o
            .get("@id")
            .or_else(|| o.get("@value"))
            .map_or(!o.is_empty(), non_empty),
        Value::Null => false,
        _ => true,
    }
}

const DCT: &str = "http://purl.org/dc/terms/";
const DCAT: &str = "http://www.w3.org/ns/dcat#";

/// DCAT-AP-DONL 1.1, mandatory properties (KOOP, dcat-ap-donl.readthedocs.io,
/// classes Dataset and Distribution), as (name in the standard, property).
/// `metadataLanguage` is `dct:language` of the catalogue record.
const DATASET_REQUIRED: &[(&str, &str)] = &[
    ("identifier", "http://purl.org/dc/terms/identifier"),
    ("title", "http://purl.org/dc/terms/title"),
    ("description", "http://purl.org/dc/terms/description"),
    ("language", "http://purl.org/dc/terms/language"),
    ("theme", "http://www.w3.org/ns/dcat#theme"),
    ("modificationDate", "http://purl.org/dc/terms/modified"),
    (
        "authority",
        "http://standaarden.overheid.nl/owms/terms/authority",
    ),
    ("publisher", "http://purl.org/dc/terms/publisher"),
    ("contactPoint", "http://www.w3.org/ns/dcat#contactPoint"),
];
const DISTRIBUTION_REQUIRED: &[(&str, &str)] = &[
    ("accessURL", "http://www.w3.org/ns/dcat#accessURL"),
    ("license", "http://purl.org/dc/terms/license"),
    ("title", "http://purl.org/dc/terms/title"),
    ("description", "http://purl.org/dc/terms/description"),
    ("language", "http://purl.org/dc/terms/language"),
    ("format", "http://purl.org/dc/terms/format"),
];

/// What a record lacks of what DCAT-AP-DONL 1.1 requires of the dataset and
/// of each distribution: missing, empty, or several where one is allowed.
fn missing_required(record: &Value) -> Vec<String> {
    let ctx = Record {
        context: record["@context"].as_object().unwrap().clone(),
    };
    let mut missing = Vec::new();
    let mut check = |node: &Value, what: &str, required: &[(&str, &str)], many: &[&str]| {
        for (name, iri) in required {
            match ctx.get(node, iri) {
                None => missing.push(format!("{what}: {name}")),
                Some(value) if !non_empty(value) => {
                    missing.push(format!("{what}: {name} is empty"))
                }
                Some(value) if value.is_array() && !many.contains(name) => {
                    missing.push(format!("{what}: {name} is 1..1"))
                }
                Some(_) => {}
            }
        }
    };
    check(record, "dataset", DATASET_REQUIRED, &["theme", "language"]);
    match ctx
        .get(record, &format!("{DCAT}distribution"))
        .and_then(Value::as_array)
    {
        Some(distributions) if !distributions.is_empty() => {
            for (i, d) in distributions.iter().enumerate() {
                check(
                    d,
                    &format!("distribution {i}"),
                    DISTRIBUTION_REQUIRED,
                    &["language"],
                );
            }
        }
        _ => missing.push("dataset: distribution".into()),
    }
    missing
}

#[test]
fn the_check_of_the_catalogue_record_bites() {
    let rendered = shipped();
    let mut record = json(files_of(&rendered, "data/catalogus.jsonld"));
    record.as_object_mut().unwrap().remove("dct:publisher");
    record["dct:title"] = Value::from(" ");
    record["dcat:contactPoint"] = serde_json::json!([{}, {}]);
    record["dcat:distribution"][1]
        .as_object_mut()
        .unwrap()
        .remove("dct:format");
    assert_eq!(
        missing_required(&record),
        [
            "dataset: title is empty",
            "dataset: publisher",
            "dataset: contactPoint is empty",
            "distribution 1: format"
        ]
    );
}

#[test]
fn the_catalogue_record_has_every_field_dcat_ap_donl_requires() {
    let rendered = shipped();
    let record = json(files_of(&rendered, "data/catalogus.jsonld"));
    let ctx = Record {
        context: record["@context"].as_object().unwrap().clone(),
    };
    assert_eq!(
        record["@type"].as_str().map(|t| ctx.expand(t)).as_deref(),
        Some(format!("{DCAT}Dataset").as_str())
    );
    let missing = missing_required(&record);
    assert!(missing.is_empty(), "{missing:?}");
    let topic = ctx
        .get(&record, "http://xmlns.com/foaf/0.1/isPrimaryTopicOf")
        .expect("a catalogue record");
    let nl = "http://publications.europa.eu/resource/authority/language/NLD";
    assert_eq!(
        ctx.get(topic, &format!("{DCT}language")).unwrap()["@id"],
        nl,
        "metadataLanguage"
    );
    let contact = ctx.get(&record, &format!("{DCAT}contactPoint")).unwrap();
    assert!(non_empty(
        ctx.get(contact, "http://www.w3.org/2006/vcard/ns#fn")
            .unwrap()
    ));
    // Issued and modified: the edition month.
    for property in ["issued", "modified"] {
        let date = ctx.get(&record, &format!("{DCT}{property}")).unwrap();
        assert_eq!(date["@value"], "2025-11-01", "{property}");
    }

    // One distribution per data file, with its real size and address.
    let catalogus = rendered
        .site
        .meta
        .catalogus
        .as_ref()
        .expect("the shipped site asks for a catalogue");
    let distributions = ctx
        .get(&record, &format!("{DCAT}distribution"))
        .and_then(Value::as_array)
        .expect("distributions");
    let files = files(&rendered);
    // Every data file: all of data/ but the descriptions (schemas, CSVW
    // metadata) and the record itself.
    let data_files: Vec<&str> = files
        .keys()
        .copied()
        .filter(|p| {
            p.starts_with("data/")
                && !p.starts_with("data/schema/")
                && !p.ends_with("-metadata.json")
                && *p != "data/catalogus.jsonld"
        })
        .collect();
    assert!(data_files.contains(&"data/acties.csv"), "{data_files:?}");
    assert_eq!(distributions.len(), data_files.len());
    for path in &data_files {
        let url = format!("{}{path}", catalogus.adres);
        let distribution = distributions
            .iter()
            .find(|d| ctx.get(d, &format!("{DCAT}accessURL")).unwrap()["@id"] == url.as_str())
            .unwrap_or_else(|| panic!("a distribution for {path}"));
        assert_eq!(
            ctx.get(distribution, &format!("{DCT}license")).unwrap()["@id"],
            bijlage::model::CC0,
            "CC0 1.0 unless the site says otherwise"
        );
        assert_eq!(
            ctx.get(distribution, &format!("{DCAT}byteSize")).unwrap()["@value"],
            files[path].len().to_string()
        );
        let media = ctx.get(distribution, &format!("{DCAT}mediaType")).unwrap()["@id"]
            .as_str()
            .unwrap();
        let expected = if path.ends_with(".csv") {
            "text/csv"
        } else {
            "application/json"
        };
        assert!(media.ends_with(expected), "{path}: {media}");
    }
}

fn site_with(front_matter_extra: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture().join("content"), &content);
    let index = content.join("_index.md");
    let text = fs::read_to_string(&index).unwrap();
    let text = text.replacen("---\n", &format!("---\n{front_matter_extra}"), 1);
    fs::write(&index, text).unwrap();
    (tmp, content)
}

#[test]
fn without_catalogus_there_is_no_catalogue_and_no_error() {
    let (tmp, content) = site_with("");
    let out = tmp.path().join("uit");
    Command::cargo_bin("bijlage")
        .unwrap()
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    assert!(!out.join("data/catalogus.jsonld").exists());
    assert!(out.join("data/acties.csv-metadata.json").exists());
}

#[test]
fn a_catalogue_without_its_required_fields_is_a_clear_error() {
    let (tmp, content) = site_with(
        "catalogus:\n  adres: \"www.voorbeeld.nl\"\n  contactpunt:\n    naam: \"Team Open Data\"\n",
    );
    let out = tmp.path().join("uit");
    let assert = Command::cargo_bin("bijlage")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .assert()
        .failure()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for expected in [
        "`catalogus.adres` is ongeldig: hier staat `www.voorbeeld.nl`",
        "verwacht: het webadres waar de site staat, beginnend met https://",
        "de catalogus voor data.overheid.nl mist `catalogus.beschrijving`",
        "mist `catalogus.uitgever`",
        "mist `catalogus.contactpunt.email`",
        "mist `catalogus.thema`",
        "zonder `catalogus:` maakt bijlage geen catalogus",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    // Each at its line: the bad address on line 3, the missing e-mail at
    // the contact point (line 4), the rest at `catalogus:` (line 2).
    assert!(stderr.contains("_index.md:3:3"), "{stderr}");
    assert!(stderr.contains("_index.md:4:3"), "{stderr}");
    assert!(stderr.contains("_index.md:2:1"), "{stderr}");
    assert!(stderr.contains("zet onder `contactpunt:`"), "{stderr}");
    assert!(!out.exists(), "nothing written");
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

#[test]
fn the_site_can_name_another_licence_and_an_e_mail_contact() {
    let (tmp, content) = site_with(
        "catalogus:\n  adres: \"https://data.voorbeeld.nl/monitor\"\n  beschrijving: \"Proefdata.\"\n  \
         uitgever: \"http://standaarden.overheid.nl/owms/terms/Ministerie_van_Proeven\"\n  \
         contactpunt:\n    naam: \"Team Open Data\"\n    email: \"opendata@voorbeeld.nl\"\n  \
         thema: [\"http://standaarden.overheid.nl/owms/terms/Openbare_orde_en_veiligheid\"]\n  \
         licentie: \"http://creativecommons.org/licenses/by/4.0/deed.nl\"\n",
    );
    let out = tmp.path().join("uit");
    Command::cargo_bin("bijlage")
        .unwrap()
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let record = json(&fs::read(out.join("data/catalogus.jsonld")).unwrap());
    let distribution = &record["dcat:distribution"][0];
    assert_eq!(
        distribution["dct:license"]["@id"],
        "http://creativecommons.org/licenses/by/4.0/deed.nl"
    );
    // The address gets its closing slash.
    assert_eq!(
        distribution["dcat:accessURL"]["@id"],
        "https://data.voorbeeld.nl/monitor/data/dashboard.json"
    );
    assert_eq!(
        record["dcat:contactPoint"]["vcard:hasEmail"]["@id"],
        "mailto:opendata@voorbeeld.nl"
    );
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(">http://creativecommons.org/licenses/by/4.0/deed.nl</a>"));
}
