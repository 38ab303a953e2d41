//! Editions: comparing with the previous one, from a folder or a git
//! revision, on a made-up pair that has every kind of change.

use crate::common::copy_dir;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edities")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn build(dir: &Path, args: &[&str]) -> (String, String) {
    let assert = Command::cargo_bin("bijlage")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("build")
        .args(args)
        .assert()
        .success();
    let output = assert.get_output();
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

/// A build that fails with exit status 1: its stderr.
fn build_fails(dir: &Path, args: &[&str]) -> String {
    let assert = Command::cargo_bin("bijlage")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("build")
        .args(args)
        .assert()
        .code(1);
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// What both the folder and the git comparison must show.
fn assert_every_kind_of_change(out: &Path) {
    let page = read(&out.join("wijzigingen.html"));
    assert!(page.contains("<h1>Wijzigingen sinds november 2025</h1>"));
    // Status changes with both statuses in text.
    let status_table = &page
        [page.find("wijzigingen-status").unwrap()..page.find("id=\"wijzigingen-nieuw\"").unwrap()];
    for (actie, was, nu) in [
        ("1. Eerste actie", "In uitvoering", "Afgerond"),
        (
            "3. Twee in een, deel twee",
            "In uitvoering",
            "In uitvoering, vertraging",
        ),
        ("Extra actie: Pilot proef", "In uitvoering", "Afgerond"),
    ] {
        let row = &status_table[status_table
            .find(actie)
            .unwrap_or_else(|| panic!("{actie}"))..];
        let row = &row[..row.find("</tr>").unwrap()];
        let labels: Vec<&str> = row
            .match_indices("status__label\">")
            .map(|(i, m)| {
                let rest = &row[i + m.len()..];
                &rest[..rest.find('<').unwrap()]
            })
            .collect();
        assert_eq!(labels, vec![was, nu], "{actie}");
    }
    // The dashboard then and now: afgerond 1 → 3.
    assert!(page.contains("<td class=\"getal\">1</td>\n        <td class=\"getal\">3</td>\n        <td class=\"getal\">+2</td>"));
    assert!(page.contains("8. Achtste actie</a> (actielijn 2, nog niet gestart)"));
    assert!(page.contains("6. Zesde actie (was actielijn 2, nog niet gestart)"));
    assert!(page.contains("Verplaatst van actielijn 2 naar actielijn 1."));
    assert!(page.contains("Nummering: was 2/3, nu 2."));
    assert!(page.contains("Uitvoeringsjaren: was 2024, nu 2024 en 2025."));
    // The word diff says in text what was inserted and deleted.
    assert!(page.contains(
        "De meting <del><span class=\"diff__teken\" aria-hidden=\"true\">[− </span>\
         <span class=\"visueel-verborgen\">verwijderd: </span>loopt nog.\
         <span class=\"diff__teken\" aria-hidden=\"true\">]</span></del> \
         <ins><span class=\"diff__teken\" aria-hidden=\"true\">[+ </span>\
         <span class=\"visueel-verborgen\">toegevoegd: </span>is afgerond.\
         <span class=\"diff__teken\" aria-hidden=\"true\">]</span></ins>"
    ));

    // Markers on the actions, with the former status.
    let lijn1 = read(&out.join("actielijn-1.html"));
    let actie1 =
        &lijn1[lijn1.find("id=\"actie-1\"").unwrap()..lijn1.find("id=\"actie-2\"").unwrap()];
    // The former status in text, without a second status swatch.
    assert!(actie1.contains(
        "Gewijzigd</span> status, voortgangstekst; <span class=\"gewijzigd__was\">was: In uitvoering</span>"
    ));
    assert_eq!(actie1.matches("status__kleur").count(), 1, "{actie1}");
    let lijn2 = read(&out.join("actielijn-2.html"));
    let actie8 = &lijn2[lijn2.find("id=\"actie-8\"").unwrap()..];
    assert!(actie8.contains("Nieuw</span> sinds de vorige editie"));
    assert!(!lijn2[..lijn2.find("id=\"actie-8\"").unwrap()].contains("gewijzigd__label\">Nieuw"));

    // The annex section, asked for in the site front matter.
    let annex = read(&out.join("bijlage.html"));
    assert!(annex.contains("<h2 id=\"wijzigingen-kop\">Wijzigingen sinds november 2025</h2>"));
    assert!(annex.contains("href=\"#actie-1\">1. Eerste actie</a>"));

    // The same information as data.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/wijzigingen.json"))).unwrap();
    assert_eq!(json["vorige_editie"], "2025-11");
    assert_eq!(json["huidige_editie"], "2026-05");
    let kinds = |nummer: &str| -> Vec<String> {
        // `nummer` is text in every data file ("15", "3/4").
        let nummer = serde_json::Value::from(nummer);
        json["gewijzigd"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["nu"]["nummer"] == nummer || c["nu"]["id"] == nummer)
            .map(|c| {
                c["soorten"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(kinds("1"), ["status", "voortgangstekst"]);
    assert_eq!(kinds("2"), ["gesplitst", "titel"]);
    assert_eq!(kinds("3"), ["gesplitst", "status", "titel"]);
    assert_eq!(kinds("4"), ["voortgangstekst"]);
    assert_eq!(kinds("5"), ["verplaatst"]);
    assert_eq!(kinds("7"), ["titel", "jaren"]);
    assert_eq!(kinds("pilot-proef"), ["status"]);
    // Numbers as in data/acties.json: integers.
    assert_eq!(json["toegevoegd"][0]["nummer"], "8");
    assert_eq!(json["verwijderd"][0]["nummer"], "6");
    assert_eq!(json["dashboard"][0]["was"], 1);
    assert_eq!(json["dashboard"][0]["nu"], 3);
}

#[test]
fn compares_with_a_previous_content_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("uit");
    let (stdout, _) = build(
        &fixtures(),
        &[
            "--content",
            "nu/content",
            "--previous",
            "vorige",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        stdout.contains("vergeleken met november 2025 (vorige): 3 statuswijziging(en), 1 toegevoegd, 1 verwijderd, 4 anders gewijzigd"),
        "{stdout}"
    );
    assert_every_kind_of_change(&tmp.path().join("uit"));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Redactie",
            "-c",
            "user.email=redactie@example.org",
        ])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn compares_with_a_git_revision_without_a_checkout() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    copy_dir(&fixtures().join("vorige/content"), &repo.join("content"));
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "editie november 2025"]);
    git(&repo, &["tag", "editie-2025-11"]);
    fs::remove_dir_all(repo.join("content")).unwrap();
    copy_dir(&fixtures().join("nu/content"), &repo.join("content"));
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "editie mei 2026"]);
    // The work tree keeps the new edition: the old one comes from git's objects.
    let (stdout, _) = build(&repo, &["--previous", "editie-2025-11", "--output", "uit"]);
    assert!(
        stdout.contains("vergeleken met november 2025 (editie-2025-11:content)"),
        "{stdout}"
    );
    assert_every_kind_of_change(&repo.join("uit"));
    assert!(read(&repo.join("content/actielijn-a/01.md")).contains("afgerond"));

    // A revision that does not exist is an error naming the ones that do.
    let stderr = build_fails(&repo, &["--previous", "editie-1999", "--output", "uit2"]);
    assert!(
        stderr.contains("fout[vorige-editie]: de vorige editie `editie-1999` bestaat niet: `editie-1999` is geen map en geen git-revisie"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "bestaande edities: editie-2025-11; `--previous geen` bouwt zonder vergelijking"
        ),
        "{stderr}"
    );
    assert!(!repo.join("uit2").exists(), "nothing is written");
}

#[test]
fn the_site_front_matter_can_name_the_previous_edition() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), tmp.path());
    let site = tmp.path().join("nu/content/_index.md");
    let text = read(&site).replacen("---\n", "---\nvorige_editie: \"../vorige\"\n", 1);
    fs::write(&site, text).unwrap();
    let (stdout, _) = build(&tmp.path().join("nu"), &["--output", "uit"]);
    assert!(
        stdout.contains("vergeleken met november 2025 (../vorige)"),
        "{stdout}"
    );
    assert_every_kind_of_change(&tmp.path().join("nu/uit"));
}

#[test]
fn a_previous_edition_that_does_not_load_is_reported_and_nothing_is_compared() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), tmp.path());
    fs::write(
        tmp.path().join("vorige/content/actielijn-a/01.md"),
        "---\nnummer: 1\ntitel: \"Eerste actie\"\nstatus: bezig\njaren: [2024]\njaren_bron: periode\n---\n",
    )
    .unwrap();
    let (stdout, stderr) = build(
        tmp.path(),
        &[
            "--content",
            "nu/content",
            "--previous",
            "vorige",
            "--output",
            "uit",
        ],
    );
    assert!(
        stderr.contains("vorige/content/actielijn-a/01.md:4:9"),
        "{stderr}"
    );
    assert!(stderr.contains("status `bezig` bestaat niet"), "{stderr}");
    assert!(
        stderr.contains("Er is GEEN vergelijking gemaakt"),
        "{stderr}"
    );
    assert!(!stdout.contains("vergeleken met"), "{stdout}");
    let out = tmp.path().join("uit");
    assert!(
        out.join("index.html").exists(),
        "the edition itself is built"
    );
    assert!(!out.join("wijzigingen.html").exists());
    assert!(!out.join("data/wijzigingen.json").exists());
    assert!(!read(&out.join("index.html")).contains("wijzigingen.html"));
}

#[test]
fn a_previous_edition_that_does_not_exist_is_an_error_and_geen_builds_without() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), tmp.path());
    let args = |previous: &'static str| {
        [
            "--content",
            "nu/content",
            "--previous",
            previous,
            "--output",
            "uit",
        ]
    };
    let stderr = build_fails(tmp.path(), &args("bestaat-niet"));
    assert!(
        stderr.contains("fout[vorige-editie]: de vorige editie `bestaat-niet` bestaat niet"),
        "{stderr}"
    );
    assert!(stderr.contains("= in --previous"), "{stderr}");
    assert!(
        stderr.contains("er zijn geen eerdere edities (geen map in edities/, geen git-tag)"),
        "{stderr}"
    );
    assert!(!tmp.path().join("uit").exists(), "nothing is written");

    // With a folder of past editions, the message lists them.
    copy_dir(
        &fixtures().join("vorige"),
        &tmp.path().join("nu/edities/2025-11"),
    );
    let stderr = build_fails(tmp.path(), &args("edities/2025-12"));
    assert!(
        stderr.contains("bestaande edities: edities/2025-11;"),
        "{stderr}"
    );

    // The site's own `vorige_editie` that does not exist: the error points at its line.
    let site = tmp.path().join("nu/content/_index.md");
    let text = read(&site).replacen("---\n", "---\nvorige_editie: \"edities/1999-01\"\n", 1);
    fs::write(&site, text).unwrap();
    let stderr = build_fails(tmp.path(), &["--content", "nu/content", "--output", "uit"]);
    assert!(stderr.contains("nu/content/_index.md:2:1"), "{stderr}");
    assert!(
        stderr.contains("`edities/1999-01` bestaat niet"),
        "{stderr}"
    );

    // `--previous geen`: this one run builds without any comparison.
    let (stdout, stderr) = build(tmp.path(), &args("geen"));
    assert!(!stdout.contains("vergeleken met"), "{stdout}");
    assert!(!stderr.contains("vorige"), "{stderr}");
    let out = tmp.path().join("uit");
    assert!(out.join("index.html").exists());
    assert!(!out.join("wijzigingen.html").exists());
}
