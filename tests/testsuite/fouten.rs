//! Every kind of bad input, each on its own copy of the mini fixture with one
//! change: `bijlage check` must exit with the right status and say what is
//! wrong, where, and what is allowed. The whole message is a snapshot, so the
//! wording cannot drift unseen. Cases that git cannot keep (a file that is
//! not UTF-8, a symbolic link loop) are made when the test runs.
//!
//! This file: the structure of a page and a site (front matter, keys,
//! numbers, folders, references, templates), a run with many errors, JSON,
//! exit statuses, and where the output may not go. Editors' everyday
//! mistakes are in `fouten_alledaags.rs`, with these helpers.

use crate::common::{copy_dir, fixture};

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// One change to the fixture's content folder.
pub(crate) enum Change {
    /// Write this text to the path.
    Write(&'static str, String),
    /// Write these bytes to the path.
    Bytes(&'static str, Vec<u8>),
    /// Replace text in an existing file.
    Replace(&'static str, &'static str, &'static str),
    /// Write a file beside the content folder (the site root).
    Site(&'static str, &'static str),
    /// Make a symbolic link at the path pointing at the target.
    #[cfg(unix)]
    Link(&'static str, &'static str),
}

pub(crate) use Change::*;

/// A copy of the mini fixture with `changes` applied.
pub(crate) fn site(changes: &[Change]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tmp.path());
    let content = tmp.path().join("content");
    for change in changes {
        match change {
            Write(path, text) => {
                let path = content.join(path);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, text).unwrap();
            }
            Bytes(path, bytes) => fs::write(content.join(path), bytes).unwrap(),
            Replace(path, from, to) => {
                let path = content.join(path);
                let text = fs::read_to_string(&path).unwrap();
                assert!(text.contains(from), "{from:?} not in {}", path.display());
                fs::write(&path, text.replacen(from, to, 1)).unwrap();
            }
            Site(path, text) => {
                let path = tmp.path().join(path);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, text).unwrap();
            }
            #[cfg(unix)]
            Link(path, target) => std::os::unix::fs::symlink(target, content.join(path)).unwrap(),
        }
    }
    tmp
}

/// Runs `bijlage` in the site root with `args`; returns the exit status and
/// stderr (or stdout for `--format json`) as one text for a snapshot.
pub(crate) fn run(site: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("bijlage")
        .unwrap()
        .current_dir(site)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let code = output.status.code().expect("exited, not killed");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (
        code,
        format!(
            "$ bijlage {}\nstatus: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}",
            args.join(" ")
        ),
    )
}

/// `bijlage check` on the fixture with `changes`: asserts exit status 1 and
/// the snapshot `name`; returns the report.
fn fails(name: &str, changes: &[Change]) -> String {
    let tmp = site(changes);
    let (code, report) = run(tmp.path(), &["check"]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!(name, report);
    report
}

pub(crate) const ACTIE: &str = "actielijn-a/03-los.md";

pub(crate) fn actie(text: &str) -> String {
    format!("---\n{text}\n---\nTekst.\n")
}

#[test]
fn geen_front_matter() {
    fails(
        "geen_front_matter",
        &[Write(
            ACTIE,
            "Een voortgangstekst zonder front matter.\n".into(),
        )],
    );
}

#[test]
fn front_matter_niet_afgesloten() {
    fails(
        "front_matter_niet_afgesloten",
        &[Write(
            ACTIE,
            "---\nnummer: 3\ntitel: \"Een losse actie\"\nstatus: afgerond\n\nTekst.\n".into(),
        )],
    );
}

#[test]
fn yaml_aanhalingsteken_niet_gesloten() {
    let report = fails(
        "yaml_aanhalingsteken_niet_gesloten",
        &[Replace(
            ACTIE,
            "titel: \"Een losse actie\"",
            "titel: \"Een losse actie",
        )],
    );
    assert!(
        report.contains("content/actielijn-a/03-los.md:3:8"),
        "{report}"
    );
}

#[test]
fn yaml_dubbele_punt_in_waarde() {
    let report = fails(
        "yaml_dubbele_punt_in_waarde",
        &[Replace(
            ACTIE,
            "jaren_bron: actieplan",
            "jaren_bron: actieplan: tabel 2",
        )],
    );
    assert!(report.contains("dubbele punt"), "{report}");
}

#[test]
fn yaml_dubbele_sleutel() {
    fails(
        "yaml_dubbele_sleutel",
        &[Replace(
            ACTIE,
            "status: afgerond",
            "status: afgerond\nstatus: vertraging",
        )],
    );
}

#[test]
fn verkeerd_type_tekst_waar_een_lijst_hoort() {
    let report = fails(
        "verkeerd_type_tekst_waar_een_lijst_hoort",
        &[Replace(ACTIE, "jaren: [2026]", "jaren: \"2025, 2026\"")],
    );
    assert!(report.contains("bedoelde je `[2025, 2026]`?"), "{report}");
}

#[test]
fn onbekende_sleutel() {
    let report = fails(
        "onbekende_sleutel",
        &[Replace(ACTIE, "status: afgerond", "stauts: afgerond")],
    );
    assert!(report.contains("bedoelde je `status`?"), "{report}");
}

#[test]
fn onbekende_status() {
    let report = fails(
        "onbekende_status",
        &[Replace(ACTIE, "status: afgerond", "status: in-uitvoerig")],
    );
    assert!(
        report.contains("status `in-uitvoerig` bestaat niet"),
        "{report}"
    );
    assert!(report.contains("bedoelde je `in-uitvoering`?"), "{report}");
}

#[test]
fn jaar_buiten_het_plan() {
    let report = fails(
        "jaar_buiten_het_plan",
        &[Replace(ACTIE, "jaren: [2026]", "jaren: [2026, 2031]")],
    );
    assert!(
        report.contains("content/actielijn-a/03-los.md:5:15"),
        "{report}"
    );
}

#[test]
fn dubbel_actienummer_noemt_beide_bestanden() {
    let report = fails(
        "dubbel_actienummer_noemt_beide_bestanden",
        &[Write(
            "actielijn-b/06-dubbel.md",
            actie(
                "nummer: 3\ntitel: \"Dubbel\"\nstatus: afgerond\njaren: [2026]\njaren_bron: actieplan",
            ),
        )],
    );
    assert!(
        report.contains("content/actielijn-b/06-dubbel.md:2"),
        "{report}"
    );
    assert!(report.contains("content/actielijn-a/03-los.md"), "{report}");
}

#[test]
fn gecombineerd_nummer_met_lege_plek() {
    let report = fails(
        "gecombineerd_nummer_met_lege_plek",
        &[Replace(ACTIE, "nummer: 3", "nummer: \"3//4\"")],
    );
    assert!(report.contains("bedoelde je `3/4`?"), "{report}");
}

#[test]
fn gecombineerd_nummer_twee_keer_hetzelfde() {
    fails(
        "gecombineerd_nummer_twee_keer_hetzelfde",
        &[Replace(ACTIE, "nummer: 3", "nummer: \"3/3\"")],
    );
}

#[test]
fn gecombineerd_nummer_aflopend() {
    let report = fails(
        "gecombineerd_nummer_aflopend",
        &[Replace(ACTIE, "nummer: 3", "nummer: \"4/3\"")],
    );
    assert!(report.contains("bedoelde je `3/4`?"), "{report}");
}

#[test]
fn actie_buiten_een_actielijnmap() {
    fails(
        "actie_buiten_een_actielijnmap",
        &[Write(
            "los.md",
            actie(
                "nummer: 7\ntitel: \"Los\"\nstatus: afgerond\njaren: [2026]\njaren_bron: actieplan",
            ),
        )],
    );
}

#[test]
fn actie_in_een_map_zonder_index() {
    fails(
        "actie_in_een_map_zonder_index",
        &[Write(
            "map-zonder-index/07.md",
            actie(
                "nummer: 7\ntitel: \"Los\"\nstatus: afgerond\njaren: [2026]\njaren_bron: actieplan",
            ),
        )],
    );
}

#[test]
fn actielijnnummer_ontbreekt() {
    fails(
        "actielijnnummer_ontbreekt",
        &[Replace("actielijn-b/_index.md", "nummer: 2\n", "")],
    );
}

#[test]
fn actielijnnummer_twee_keer() {
    fails(
        "actielijnnummer_twee_keer",
        &[Replace("actielijn-b/_index.md", "nummer: 2", "nummer: 1")],
    );
}

#[test]
fn lege_titel() {
    fails(
        "lege_titel",
        &[Replace(ACTIE, "titel: \"Een losse actie\"", "titel: \"\"")],
    );
}

#[test]
fn geen_utf8() {
    let mut bytes = b"---\nnummer: 3\ntitel: \"Caf".to_vec();
    bytes.push(0xe9); // Latin-1 é
    bytes.extend_from_slice(b"\"\nstatus: afgerond\njaren: [2026]\njaren_bron: actieplan\n---\n");
    let report = fails("geen_utf8", &[Bytes(ACTIE, bytes)]);
    assert!(
        report.contains("content/actielijn-a/03-los.md:3:12"),
        "{report}"
    );
}

#[test]
fn leeg_bestand() {
    fails("leeg_bestand", &[Write(ACTIE, String::new())]);
}

#[cfg(unix)]
#[test]
fn symbolische_link_lus() {
    // A link in an actielijn folder back to the content folder: the walk
    // must stop, not loop.
    fails("symbolische_link_lus", &[Link("actielijn-a/lus", "..")]);
}

#[test]
fn verwijzing_naar_een_actie_die_niet_bestaat() {
    let report = fails(
        "verwijzing_naar_een_actie_die_niet_bestaat",
        &[Replace(
            ACTIE,
            "Klaar, zie",
            "Zie [actie 99](#actie-99) en [de pilot](actie:pilot-onbekend).\n\nKlaar, zie",
        )],
    );
    assert!(
        report.contains("content/actielijn-a/03-los.md:9:5"),
        "{report}"
    );
}

#[test]
fn templatefout_bij_het_lezen() {
    let report = fails(
        "templatefout_bij_het_lezen",
        &[Site(
            "templates/index.html",
            "{% extends \"base.html\" %}\n{% block inhoud %}\n<p>{{ site.titel </p>\n{% endblock inhoud %}\n",
        )],
    );
    assert!(report.contains("index.html"), "{report}");
}

#[test]
fn templatefout_bij_het_renderen() {
    fails(
        "templatefout_bij_het_renderen",
        &[Site(
            "templates/index.html",
            "{% extends \"base.html\" %}\n{% block inhoud %}\n<p>{{ site.bestaat_niet }}</p>\n{% endblock inhoud %}\n",
        )],
    );
}

#[test]
fn templatefout_en_contentfout_in_een_run() {
    let report = fails(
        "templatefout_en_contentfout_in_een_run",
        &[
            Replace(ACTIE, "status: afgerond", "status: klaar"),
            Site("templates/index.html", "{% if %}\n"),
        ],
    );
    assert!(report.contains("bijlage: 2 fouten"), "{report}");
}

#[test]
fn thema_bestaat_niet() {
    let tmp = site(&[]);
    let (code, report) = run(tmp.path(), &["check", "--theme", "rijkshuisstijl"]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!("thema_bestaat_niet", report);
}

#[test]
fn contentmap_bestaat_niet() {
    let tmp = site(&[]);
    let (code, report) = run(tmp.path(), &["check", "--content", "inhoud"]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!("contentmap_bestaat_niet", report);
}

#[test]
fn alle_fouten_van_een_run_tegelijk() {
    let report = fails(
        "alle_fouten_van_een_run_tegelijk",
        &[
            Replace(ACTIE, "status: afgerond", "status: klaar"),
            Replace(
                "actielijn-b/05-doorlopend.md",
                "jaren: [2024, 2025, 2026, 2027]",
                "jaren: 2024",
            ),
            Replace(
                "actielijn-b/extra-pilot.md",
                "titel: \"Pilot proef\"",
                "titl: \"Pilot proef\"",
            ),
        ],
    );
    assert!(report.contains("bijlage: 3 fouten"), "{report}");
}

#[test]
fn json_voor_pijplijnen() {
    let tmp = site(&[
        Replace(ACTIE, "status: afgerond", "status: in-uitvoerig"),
        Write("actielijn-a/notities.txt", "niet voor de site".into()),
    ]);
    let (code, report) = run(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1, "{report}");
    insta::assert_snapshot!("json_voor_pijplijnen", report);
    let json = report.split("--- stdout\n").nth(1).unwrap();
    let json = json.split("--- stderr\n").next().unwrap();
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["geslaagd"], false);
    assert_eq!(value["fouten"][0]["code"], "onbekende-status");
    assert_eq!(value["fouten"][0]["regel"], 4);
    assert_eq!(value["fouten"][0]["kolom"], 9);
    assert_eq!(value["waarschuwingen"][0]["code"], "overgeslagen-bestand");

    let clean = site(&[]);
    let (code, report) = run(clean.path(), &["check", "--format", "json"]);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("\"geslaagd\": true"), "{report}");
}

#[test]
fn waarschuwingen_apart_en_de_build_gaat_door() {
    let tmp = site(&[
        Write("actielijn-a/notities.txt", "niet voor de site".into()),
        Write(
            "actielijn-b/06-leeg.md",
            "---\nnummer: 6\ntitel: \"Zonder tekst\"\nstatus: niet-gestart\njaren: [2027]\njaren_bron: actieplan\n---\n".into(),
        ),
        Replace(
            "actielijn-b/05-doorlopend.md",
            "Loopt door.",
            "Loopt door. <b>Vet</b> [klik](javascript:alert(1))",
        ),
    ]);
    let (code, report) = run(tmp.path(), &["build", "--output", "uit"]);
    assert_eq!(code, 0, "{report}");
    insta::assert_snapshot!("waarschuwingen_apart_en_de_build_gaat_door", report);
    assert!(tmp.path().join("uit/index.html").exists());
}

#[test]
fn verkeerd_gebruik_geeft_status_2() {
    let tmp = site(&[]);
    for args in [
        &["check", "--format", "xml"][..],
        &["bouw"],
        &["build", "--onbekend"],
        &[],
    ] {
        let (code, report) = run(tmp.path(), args);
        assert_eq!(code, 2, "{report}");
    }
    let (_, report) = run(tmp.path(), &["check", "--format", "xml"]);
    insta::assert_snapshot!("verkeerd_gebruik_geeft_status_2", report);
}

#[test]
fn bom_en_crlf_worden_geaccepteerd() {
    let plain = site(&[]);
    let windows = site(&[]);
    for entry in walkdir::WalkDir::new(windows.path().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = fs::read_to_string(entry.path()).unwrap();
            let mut bytes = b"\xef\xbb\xbf".to_vec();
            bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
            fs::write(entry.path(), bytes).unwrap();
        }
    }
    let (code, report) = run(plain.path(), &["build", "--output", "uit"]);
    assert_eq!(code, 0, "{report}");
    let (code, report) = run(windows.path(), &["build", "--output", "uit"]);
    assert_eq!(code, 0, "{report}");
    assert!(!report.contains("waarschuwing"), "{report}");
    for name in ["index.html", "actielijn-1.html", "data/acties.json"] {
        assert_eq!(
            fs::read(plain.path().join("uit").join(name)).unwrap(),
            fs::read(windows.path().join("uit").join(name)).unwrap(),
            "{name} differs between LF and BOM + CRLF content"
        );
    }
}

#[test]
fn uitvoermap_waarin_niet_geschreven_mag_worden() {
    let tmp = site(&[]);
    let locked = tmp.path().join("alleen-lezen");
    fs::create_dir(&locked).unwrap();
    let mut permissions = fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&locked, permissions).unwrap();
    // root may write anyway: then there is nothing to test.
    if fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!("overgeslagen: deze gebruiker mag in een alleen-lezen map schrijven");
        return;
    }
    let (code, report) = run(tmp.path(), &["build", "--output", "alleen-lezen/uit"]);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("schrijfrechten"), "{report}");
    assert!(!report.contains("leesrechten"), "{report}");
}

#[test]
fn poort_al_in_gebruik() {
    let tmp = site(&[]);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, report) = run(
        tmp.path(),
        &["serve", "--bind", "127.0.0.1", "--port", &port],
    );
    assert_eq!(code, 1, "{report}");
    let report = report.replace(&port, "[poort]");
    insta::assert_snapshot!("poort_al_in_gebruik", report);
    assert!(report.contains("`--port 0`"), "{report}");
}
