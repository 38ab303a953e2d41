//! The `bijlage` command on small fixture sites: what it writes, what it
//! prints, and what it does with bad input.

use crate::common::{copy_dir, fixture, tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn bijlage() -> Command {
    Command::cargo_bin("bijlage").unwrap()
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

#[test]
fn builds_a_fixture_site_into_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("uit");
    let assert = bijlage()
        .args(["build", "--content"])
        .arg(fixture().join("content"))
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "5 acties in 2 actielijnen: 1 afgerond, 2 in uitvoering, 1 in uitvoering met vertraging, \
         1 doorlopend, 0 nog niet gestart; 1 concept niet opgenomen (--drafts neemt het op)\n"
    );

    let files = tree(&out);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        vec![
            ".bijlage-manifest",
            "actielijn-1.html",
            "actielijn-2.html",
            "bijlage.html",
            "css/bijlage.css",
            "data/acties.csv",
            "data/acties.csv-metadata.json",
            "data/acties.json",
            "data/dashboard.json",
            "data/schema/acties.schema.json",
            "data/schema/dashboard.schema.json",
            "index.html"
        ]
    );

    let index = text(&files, "index.html");
    assert!(index.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(index.contains("Actie 9 gaat pas van start in 2027."));
    assert!(index.contains("<p>Een korte inleiding.</p>"));
    assert!(index.contains("href=\"actielijn-2.html\""));
    assert!(!index.contains("href=\"/"), "links are relative");

    let lijn1 = text(&files, "actielijn-1.html");
    // A combined entry has an anchor per number; the draft is left out.
    assert!(lijn1.contains("id=\"actie-1\""));
    assert!(lijn1.contains("id=\"actie-2\""));
    assert!(lijn1.contains("id=\"actie-3\""));
    assert!(!lijn1.contains("Nog in concept"));
    // Cross-references: in-page, and to another actielijn's extra action.
    assert!(lijn1.contains("<a href=\"#actie-3\">actie 3</a>"));
    assert!(lijn1.contains("<a href=\"actielijn-2.html#actie-pilot-proef\">extra actie</a>"));
    assert!(lijn1.contains("<a href=\"#actie-1\">actie 1</a>"));
    // Markdown extensions and highlighted code with classes.
    assert!(lijn1.contains("<table>"));
    assert!(lijn1.contains("<del>nooit</del>"));
    assert!(lijn1.contains("class=\"hl-"));
    // Timeline: 2026 only for action 3, each year announced in words.
    assert!(lijn1.contains(
        "<li class=\"jaar jaar--ja\">2026<span class=\"visueel-verborgen\">: uitvoeringsjaar</span></li>"
    ));
    let lijn2 = text(&files, "actielijn-2.html");
    assert!(lijn2.contains("id=\"actie-pilot-proef\""));
    assert!(lijn2.contains("Extra actie:"));

    let dashboard: serde_json::Value =
        serde_json::from_slice(&files["data/dashboard.json"]).unwrap();
    assert_eq!(dashboard["totaal"]["acties"], 5);
    assert_eq!(dashboard["totaal"]["per_status"]["in-uitvoering"], 2);
    assert_eq!(dashboard["actielijnen"][1]["korte_titel"], "Tweede lijn");
    let acties: serde_json::Value = serde_json::from_slice(&files["data/acties.json"]).unwrap();
    assert_eq!(acties["editie"], "2026-05");
    let acties = &acties["acties"];
    assert_eq!(acties[0]["nummer"], "1/2");
    assert_eq!(acties[0]["nummers"], serde_json::json!([1, 2]));
    assert_eq!(acties[0]["jaren"], serde_json::json!([2024, 2025]));
    assert_eq!(acties[2]["nummer"], "5");
    assert_eq!(acties[3]["nummer"], serde_json::Value::Null);
    assert_eq!(acties[3]["id"], "pilot-proef");
}

#[test]
fn drafts_only_with_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("uit");
    bijlage()
        .args(["build", "--drafts", "--content"])
        .arg(fixture().join("content"))
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::starts_with("6 acties"));
    let lijn1 = fs::read_to_string(out.join("actielijn-1.html")).unwrap();
    assert!(lijn1.contains("Nog in concept"));
    assert!(lijn1.contains("class=\"concept\""));
}

#[test]
fn a_site_template_overrides_the_theme_template_of_the_same_name() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture(), &site);
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::write(
        site.join("templates/index.html"),
        "{% extends \"base.html\" %}{% block inhoud %}<p>Eigen voorpagina: {{ dashboard.totaal.acties }}</p>{% endblock inhoud %}",
    )
    .unwrap();
    bijlage()
        .current_dir(&site)
        .args(["build", "--output", "uit"])
        .assert()
        .success();
    let index = fs::read_to_string(site.join("uit/index.html")).unwrap();
    assert!(index.contains("<p>Eigen voorpagina: 5</p>"), "{index}");
    assert!(
        index.contains("class=\"skiplink\""),
        "the theme's base.html still applies"
    );
    let lijn = fs::read_to_string(site.join("uit/actielijn-1.html")).unwrap();
    assert!(
        lijn.contains("class=\"actie\""),
        "other templates come from the theme"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture(), &site);
    let out = tmp.path().join("uit");
    let build = |out: &Path| {
        bijlage()
            .args(["build", "--content"])
            .arg(site.join("content"))
            .arg("--output")
            .arg(out)
            .assert()
    };
    build(&out).success();
    let before = tree(&out);
    fs::write(
        site.join("content/actielijn-a/03-los.md"),
        "---\nnummer: 3\ntitel: \"x\"\nstatus: klaar\njaren: [2026]\njaren_bron: periode\n---\n",
    )
    .unwrap();
    build(&out).failure().code(1);
    assert_eq!(tree(&out), before);
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_plain_build_without_content_renders_the_shipped_edition() {
    let tmp = tempfile::tempdir().unwrap();
    bijlage()
        .current_dir(tmp.path())
        .args(["build", "--output", "uit"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("44 acties in 6 actielijnen"))
        .stderr(predicates::str::contains("meegeleverde editie"));
    let committed = tree(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public"));
    assert_eq!(tree(&tmp.path().join("uit")), committed);
}
