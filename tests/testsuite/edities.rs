//! The two real editions in the repository: `content/` (November 2025)
//! compared with `edities/2025-07/content/` (spring 2025), the progress over
//! the editions, the clean annex, drafts, and the README's steps to publish a
//! new edition.
//!
//! What the tool should find is computed here independently of it, by reading
//! the front matter lines of both editions, or read from the published
//! dashboards in `tests/fixtures/gepubliceerd/`.

use crate::common;
use crate::common::{bijlage, copy_dir, output_text, published_table, shipped};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bijlage::VorigeEditie;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// `key: value` of every action page of a content folder, by `nummer` (or
/// `id`), read line by line without the tool.
fn front_matter(content: &Path, key: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(content).min_depth(2).max_depth(2) {
        let entry = entry.unwrap();
        if entry.file_name() == "_index.md" {
            continue;
        }
        let text = read(entry.path());
        let value = |k: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}: ")))
                .map(|v| v.trim_matches('"').to_string())
        };
        let nummer = value("nummer").or_else(|| value("id")).unwrap();
        found.insert(nummer, value(key).unwrap());
    }
    found
}

fn json(rendered: &bijlage::Rendered, path: &str) -> serde_json::Value {
    serde_json::from_str(output_text(rendered, path)).unwrap()
}

/// The key an entry has in data files: its number, or its id.
fn key(entry: &serde_json::Value) -> String {
    match &entry["nummer"] {
        serde_json::Value::Null => entry["id"].as_str().unwrap().to_string(),
        serde_json::Value::String(s) => s.clone(),
        n => n.to_string(),
    }
}

#[test]
fn november_is_compared_with_the_spring_edition() {
    let rendered = shipped();
    let VorigeEditie::Vergeleken(vergelijking) = &rendered.vorige_editie else {
        panic!("content/_index.md names the spring edition");
    };
    assert_eq!(vergelijking.bron, "edities/2025-07");

    let spring = repo().join("edities/2025-07/content");
    let november = repo().join("content");
    let data = json(&rendered, "data/wijzigingen.json");
    assert_eq!(data["vorige_editie"], "2025-07");
    assert_eq!(data["huidige_editie"], "2025-11");
    let with = |kind: &str| -> Vec<String> {
        data["gewijzigd"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["soorten"].as_array().unwrap().iter().any(|k| k == kind))
            .map(|c| key(&c["nu"]))
            .collect()
    };
    let differing = |field: &str| -> Vec<String> {
        let (was, nu) = (front_matter(&spring, field), front_matter(&november, field));
        let mut keys: Vec<String> = nu
            .iter()
            .filter(|(k, v)| was.get(*k).is_some_and(|w| w != *v))
            .map(|(k, _)| k.clone())
            .collect();
        keys.sort_by_key(|k| k.split('/').next().unwrap().parse::<u32>().unwrap_or(0));
        keys
    };
    // Twelve status changes, and exactly the ones the pages show.
    assert_eq!(with("status"), differing("status"));
    assert_eq!(with("status").len(), 12);
    // The titles that changed between the editions (about ten).
    assert_eq!(with("titel"), differing("titel"));
    assert!(with("titel").len() >= 8, "{:?}", with("titel"));
    // The extra action is new; nothing was removed.
    let added: Vec<String> = data["toegevoegd"]
        .as_array()
        .unwrap()
        .iter()
        .map(key)
        .collect();
    assert_eq!(added, ["pilot-preventie-ronselen"]);
    assert_eq!(data["verwijderd"], serde_json::json!([]));
    assert!(with("voortgangstekst").len() > 20);

    // Numbers have the type they have in data/acties.json.
    let acties = json(&rendered, "data/acties.json");
    let types: BTreeMap<String, &serde_json::Value> = acties["acties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (key(a), &a["nummer"]))
        .collect();
    for changed in data["gewijzigd"].as_array().unwrap() {
        assert_eq!(&changed["nu"]["nummer"], types[&key(&changed["nu"])]);
    }
    assert_eq!(types["15"], &serde_json::json!("15"));

    // The page: editions named in lower case in headings and columns.
    let page = output_text(&rendered, "wijzigingen.html");
    assert!(page.contains("<h1>Wijzigingen sinds juli 2025</h1>"));
    assert!(page.contains(
        "<th scope=\"col\" class=\"getal\">juli 2025</th><th scope=\"col\" class=\"getal\">november 2025</th>"
    ));
    assert!(page.contains("editie november 2025"));
    assert!(!page.contains(">Nu<") && !page.contains("Juli 2025"));
    // Readers' text, not Markdown: no link syntax anywhere in the diffs.
    assert!(!page.contains("](actie:"), "Markdown source in the page");
    // A small change as a diff, spaces kept on both sides.
    assert!(
        page.contains(
            "en zorg- <del><span class=\"diff__teken\" aria-hidden=\"true\">[− </span>\
             <span class=\"visueel-verborgen\">verwijderd: </span>en\
             <span class=\"diff__teken\" aria-hidden=\"true\">]</span></del> opvangorganisaties."
        ),
        "action 22"
    );
    // A passage removed from action 17 (the spring text linked action 15 too).
    assert!(page.contains(
        "Actie 17 valt samen met actie 15. <del><span class=\"diff__teken\" aria-hidden=\"true\">[− </span>\
         <span class=\"visueel-verborgen\">verwijderd: </span>Verkenning loopt 3 maanden langer"
    ));
    // A rewritten text, old above new, under the editions' names.
    let two = &page[page.find("Meting signaleerders (soc.").unwrap()..];
    let two = &two[two.find("class=\"herschreven\"").unwrap()..];
    let was = two
        .find("Enquête uitgezet onder drie beroeps groepen.")
        .unwrap();
    let nu = two.find("De meting is afgerond").unwrap();
    assert!(two.find("Tekst juli 2025:").unwrap() < was && was < nu);
    assert!(two[..nu].contains("Tekst november 2025:"));

    // The markers on the action pages: former status in text, one swatch.
    let lijn2 = output_text(&rendered, "actielijn-2.html");
    let actie13 =
        &lijn2[lijn2.find("id=\"actie-13\"").unwrap()..lijn2.find("id=\"actie-14\"").unwrap()];
    assert!(actie13.contains("<span class=\"gewijzigd__was\">was: Nog niet gestart</span>"));
    assert_eq!(actie13.matches("status__kleur").count(), 1);

    // The annex of the shipped site stays clean.
    let annex = output_text(&rendered, "bijlage.html");
    assert!(!annex.contains("class=\"gewijzigd"), "markers in the annex");
    assert!(!annex.contains("id=\"wijzigingen\""));
}

#[test]
fn the_progress_page_and_data_show_both_editions_as_published() {
    let rendered = shipped();
    let data = json(&rendered, "data/edities.json");
    let edities = data["edities"].as_array().unwrap();
    let months: Vec<&str> = edities
        .iter()
        .map(|e| e["editie"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2025-07", "2025-11"]);
    assert_eq!(edities[0]["bron"], "edities/2025-07");
    assert_eq!(edities[1]["huidig"], true);
    let statuses = [
        "afgerond",
        "in-uitvoering",
        "vertraging",
        "doorlopend",
        "niet-gestart",
    ];
    let cells = |telling: &serde_json::Value| -> [usize; 6] {
        let mut row = [telling["acties"].as_u64().unwrap() as usize, 0, 0, 0, 0, 0];
        for (i, s) in statuses.iter().enumerate() {
            row[i + 1] = telling["per_status"][s].as_u64().unwrap() as usize;
        }
        row
    };
    for editie in edities {
        let month = editie["editie"].as_str().unwrap();
        let table = published_table(
            &repo().join(format!("tests/fixtures/gepubliceerd/dashboard-{month}.md")),
        );
        assert_eq!(cells(&editie["totaal"]), table[0].1, "{month}: totaal");
        for (lijn, (label, expected)) in editie["actielijnen"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&table[1..])
        {
            assert_eq!(label, &format!("actielijn {}", lijn["nummer"]));
            assert_eq!(&cells(lijn), expected, "{month}: {label}");
        }
    }

    // The page: linked from the start page, tables and a chart with words.
    let index = output_text(&rendered, "index.html");
    assert!(index.contains("<a href=\"edities.html\">Voortgang over de edities</a>"));
    let page = output_text(&rendered, "edities.html");
    assert!(page.contains("<h1>Voortgang over de edities</h1>"));
    assert!(
        page.contains("<h2 id=\"edities-vergelijking\">November 2025 tegenover juli 2025</h2>")
    );
    let afgerond = |row: &[usize; 6]| row[1];
    let (was, nu) = (
        published_table(&repo().join("tests/fixtures/gepubliceerd/dashboard-2025-07.md")),
        published_table(&repo().join("tests/fixtures/gepubliceerd/dashboard-2025-11.md")),
    );
    assert!(page.contains(&format!(
        "Afgerond</span></span>: {} in november 2025, {} in juli 2025 (+{})",
        afgerond(&nu[0].1),
        afgerond(&was[0].1),
        afgerond(&nu[0].1) - afgerond(&was[0].1)
    )));
    assert!(page.contains(&format!(
        "<desc id=\"grafiek-tekst\">Aantal acties per status, per editie. Afgerond: juli 2025 {} en november 2025 {}.",
        afgerond(&was[0].1),
        afgerond(&nu[0].1)
    )));
    assert!(page.contains("<th scope=\"col\" class=\"getal\">juli 2025</th>"));
    assert!(page.contains(
        "<th scope=\"col\" class=\"getal edities-tabel__huidig\">november 2025 <span class=\"edities-tabel__deze\">(deze editie)</span></th>"
    ));
    for lijn in 1..=6 {
        assert!(
            page.contains(&format!("id=\"edities-tabel-{lijn}\"")),
            "actielijn {lijn}"
        );
    }
}

fn stdout(cmd: &mut Command) -> String {
    let assert = cmd.assert().success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_annex_is_clean_unless_the_site_asks_for_the_changes() {
    let fixtures = repo().join("tests/fixtures/edities");
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures, tmp.path());
    let site = tmp.path().join("nu/content/_index.md");
    let build = |out: &str| {
        stdout(bijlage(tmp.path()).args([
            "build",
            "--content",
            "nu/content",
            "--previous",
            "vorige",
            "--output",
            out,
        ]));
        (
            read(&tmp.path().join(out).join("bijlage.html")),
            read(&tmp.path().join(out).join("actielijn-1.html")),
        )
    };
    let (asked, _) = build("met");
    assert!(asked.contains("gewijzigd__label\">Gewijzigd"));
    assert!(asked.contains("id=\"wijzigingen\""));

    fs::write(
        &site,
        read(&site).replace("wijzigingen_in_bijlage: true\n", ""),
    )
    .unwrap();
    let (clean, page) = build("zonder");
    for marker in [
        "class=\"gewijzigd",
        "Gewijzigd</span>",
        "Nieuw</span>",
        "id=\"wijzigingen\"",
        "<h2 id=\"wijzigingen-kop\">",
    ] {
        assert!(!clean.contains(marker), "{marker} in the annex");
    }
    // The website keeps its markers.
    assert!(page.contains("gewijzigd__label\">Gewijzigd"));
}

#[test]
fn an_edition_not_later_than_the_previous_one_gets_a_warning() {
    let fixtures = repo().join("tests/fixtures/edities");
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures, tmp.path());
    let site = tmp.path().join("nu/content/_index.md");
    fs::write(
        &site,
        read(&site).replace("editie: \"2026-05\"", "editie: \"2025-11\""),
    )
    .unwrap();
    let assert = bijlage(tmp.path())
        .args([
            "build",
            "--content",
            "nu/content",
            "--previous",
            "vorige",
            "--output",
            "uit",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("waarschuwing[editie-niet-later]: editie november 2025 is niet later dan de vorige editie, november 2025 (vorige)"),
        "{stderr}"
    );
    assert!(stderr.contains("nu/content/_index.md:4:1"), "{stderr}");
}

#[test]
fn drafts_are_counted_may_carry_an_unmonitored_number_and_cannot_be_linked() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture(), tmp.path());
    let content = tmp.path().join("content");
    // The mini site's draft is action 4; a second draft takes number 9, which
    // `nog_niet_gemonitord` lists: it is being prepared for the next edition.
    fs::write(
        content.join("actielijn-a/09-volgende.md"),
        "---\nnummer: 9\ntitel: \"Voor de volgende editie\"\nstatus: niet-gestart\njaren: [2027]\njaren_bron: periode\nconcept: true\n---\nIn voorbereiding.\n",
    )
    .unwrap();
    let out = stdout(bijlage(tmp.path()).args(["build", "--output", "uit"]));
    assert!(
        out.contains("; 2 concepten niet opgenomen (--drafts neemt ze op)"),
        "{out}"
    );
    assert!(!read(&tmp.path().join("uit/actielijn-1.html")).contains("Voor de volgende editie"));

    // A published action that links to a draft: an error that says so.
    let los = content.join("actielijn-a/03-los.md");
    fs::write(
        &los,
        read(&los).replace("[actie 1](#actie-1)", "[actie 4](actie:4)"),
    )
    .unwrap();
    let assert = bijlage(tmp.path())
        .args(["build", "--output", "uit"])
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("fout[verwijzing-naar-concept]: verwijzing naar actie `4`, een concept (`concept: true`) dat niet wordt gepubliceerd"),
        "{stderr}"
    );
    // With the drafts, the link resolves.
    stdout(bijlage(tmp.path()).args(["build", "--drafts", "--output", "uit"]));
}

#[test]
fn the_embedded_edition_carries_its_previous_edition() {
    let tmp = tempfile::tempdir().unwrap();
    let out = stdout(bijlage(tmp.path()).args(["build", "--output", "uit"]));
    assert!(
        out.contains("vergeleken met juli 2025 (edities/2025-07): 12 statuswijziging(en), 1 toegevoegd, 0 verwijderd"),
        "{out}"
    );
    assert!(tmp.path().join("uit/wijzigingen.html").is_file());
    assert!(tmp.path().join("uit/edities.html").is_file());
    assert_eq!(
        fs::read(tmp.path().join("uit/data/edities.json")).unwrap(),
        fs::read(repo().join("public/data/edities.json")).unwrap()
    );
}

/// The README's "publish a new edition", step by step, on a copy of the
/// repository's content and editions (what a fresh clone has).
#[test]
fn the_readme_steps_publish_a_new_edition() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    copy_dir(&repo().join("content"), &site.join("content"));
    copy_dir(&repo().join("edities"), &site.join("edities"));

    // 1. Keep the edition being replaced: `cp -r content edities/2025-11/`.
    copy_dir(&site.join("content"), &site.join("edities/2025-11/content"));
    // 2. The new edition's month, and the previous one.
    let index = site.join("content/_index.md");
    let text = read(&index)
        .replace("editie: \"2025-11\"", "editie: \"2026-05\"")
        .replace(
            "vorige_editie: \"edities/2025-07\"",
            "vorige_editie: \"edities/2025-11\"",
        );
    fs::write(&index, text).unwrap();
    // 3. Update an action.
    let actie = site.join("content/actielijn-2/14-doorontwikkeling-centraal-informatiepunt.md");
    fs::write(
        &actie,
        read(&actie).replace("status: niet-gestart", "status: in-uitvoering"),
    )
    .unwrap();
    // 4. Build.
    let out = stdout(bijlage(site).args(["build"]));
    assert!(
        out.contains("vergeleken met november 2025 (edities/2025-11): 1 statuswijziging(en), 0 toegevoegd, 0 verwijderd, 0 anders gewijzigd"),
        "{out}"
    );
    let data: serde_json::Value =
        serde_json::from_str(&read(&site.join("public/data/edities.json"))).unwrap();
    let months: Vec<&str> = data["edities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["editie"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2025-07", "2025-11", "2026-05"]);
    assert!(
        read(&site.join("public/wijzigingen.html"))
            .contains("<h1>Wijzigingen sinds november 2025</h1>")
    );
}
