//! The DCAT-AP-DONL catalogue record of the open data: every field
//! data.overheid.nl requires (checked by a check that is shown to bite),
//! none without `catalogus:`, a clear error when a required field is
//! missing, another licence and an e-mail contact when the site names them.

use crate::common::{copy_dir, fixture};
use crate::open_data::{files, files_of, json, shipped};

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

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
