//! Every kind of bad input, each on its own copy of the mini fixture with one
//! change: `bijlage check` must exit with the right status and say what is
//! wrong, where, and what is allowed. The whole message is a snapshot, so the
//! wording cannot drift unseen. Cases that git cannot keep (a file that is
//! not UTF-8, a symbolic link loop) are made when the test runs.

use crate::common::{copy_dir, fixture};

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// One change to the fixture's content folder.
enum Change {
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

use Change::*;

/// A copy of the mini fixture with `changes` applied.
fn site(changes: &[Change]) -> tempfile::TempDir {
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
fn run(site: &Path, args: &[&str]) -> (i32, String) {
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

const ACTIE: &str = "actielijn-a/03-los.md";

fn actie(text: &str) -> String {
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

// Editors' everyday mistakes (issue 13): pasted from Word, mis-indented, a
// legend label as status, numbers as typed. Each a snapshot of exit status
// and both streams.

/// `bijlage check` with `changes`, exit status `code`, snapshot `name`.
fn checks(name: &str, code: i32, changes: &[Change]) -> String {
    let tmp = site(changes);
    let (status, report) = run(tmp.path(), &["check"]);
    assert_eq!(status, code, "{report}");
    insta::assert_snapshot!(name, report);
    report
}

#[test]
fn harde_spatie_na_status() {
    let report = fails(
        "harde_spatie_na_status",
        &[Replace(ACTIE, "status: afgerond", "status:\u{a0}afgerond")],
    );
    assert!(report.contains("harde spatie (U+00A0)"), "{report}");
    assert!(report.contains("03-los.md:4:8"), "{report}");
}

#[test]
fn gekrulde_aanhalingstekens_met_dubbele_punt() {
    let report = fails(
        "gekrulde_aanhalingstekens_met_dubbele_punt",
        &[Replace(
            ACTIE,
            "titel: \"Een losse actie\"",
            "titel: “Regionale coördinatie: aanpak”",
        )],
    );
    assert!(
        report.contains("zo: titel: \"Regionale coördinatie: aanpak\""),
        "{report}"
    );
    assert!(!report.contains("tip:"), "{report}");
}

#[test]
fn gekrulde_aanhalingstekens_als_tekst_geven_een_waarschuwing() {
    let report = checks(
        "gekrulde_aanhalingstekens_als_tekst",
        0,
        &[Replace(
            ACTIE,
            "titel: \"Een losse actie\"",
            "titel: „Regionale coördinatie”",
        )],
    );
    assert!(
        report.contains("waarschuwing[gekrulde-aanhalingstekens-getoond]"),
        "{report}"
    );
}

#[test]
fn jaren_met_een_jaar_als_tekst() {
    let report = fails(
        "jaren_met_een_jaar_als_tekst",
        &[Replace(ACTIE, "jaren: [2026]", "jaren: [\"2024\", 2025]")],
    );
    assert!(report.contains("03-los.md:5:9"), "{report}");
    assert!(report.contains("`jaren: [2024, 2025]`"), "{report}");
    assert!(!report.contains("hier staat een lijst"), "{report}");
}

#[test]
fn jaren_met_een_kommagetal() {
    let report = fails(
        "jaren_met_een_kommagetal",
        &[Replace(ACTIE, "jaren: [2026]", "jaren: [2025, 2026.0]")],
    );
    assert!(report.contains("03-los.md:5:15"), "{report}");
    assert!(report.contains("`2026.0`"), "{report}");
}

#[test]
fn jaren_als_reeks() {
    let report = fails(
        "jaren_als_reeks",
        &[Replace(ACTIE, "jaren: [2026]", "jaren: [2024-2025]")],
    );
    assert!(report.contains("`jaren: [2024, 2025]`"), "{report}");
}

#[test]
fn jaren_met_een_datum_onder_elkaar() {
    let report = fails(
        "jaren_met_een_datum_onder_elkaar",
        &[Replace(
            ACTIE,
            "jaren: [2026]",
            "jaren:\n  - 2025\n  - 2026-05-01",
        )],
    );
    assert!(report.contains("03-los.md:7:5"), "{report}");
    assert!(report.contains("`jaren: [2025, 2026]`"), "{report}");
}

#[test]
fn startjaar_als_tekst_op_zijn_eigen_regel() {
    let report = fails(
        "startjaar_als_tekst",
        &[Replace(
            "_index.md",
            "startjaar: 2027",
            "startjaar: \"2027\"",
        )],
    );
    assert!(report.contains("content/_index.md:11:14"), "{report}");
    assert!(report.contains("bedoelde je `2027`?"), "{report}");
}

#[test]
fn onbekende_sleutel_in_een_blok() {
    let report = fails(
        "onbekende_sleutel_in_een_blok",
        &[Replace("_index.md", "startjaar: 2027", "startjar: 2027")],
    );
    assert!(report.contains("content/_index.md:11:3"), "{report}");
    assert!(report.contains("bedoelde je `startjaar`?"), "{report}");
}

#[test]
fn lijstitem_springt_een_spatie_minder_in() {
    let report = fails(
        "lijstitem_springt_een_spatie_minder_in",
        &[Replace(
            "_index.md",
            "  - \"Ministerie van Proeven\"",
            "  - \"Ministerie van Proeven\"\n - \"Ministerie van Toetsen\"",
        )],
    );
    assert!(report.contains("content/_index.md:8:2"), "{report}");
    assert!(report.contains("1 spatie minder"), "{report}");
    assert!(!report.contains("dubbele punt"), "{report}");
}

#[test]
fn lijstitem_springt_een_spatie_meer_in() {
    let report = fails(
        "lijstitem_springt_een_spatie_meer_in",
        &[Replace(
            ACTIE,
            "jaren: [2026]",
            "jaren:\n  - 2025\n   - 2026",
        )],
    );
    assert!(report.contains("03-los.md:7:4"), "{report}");
    assert!(report.contains("1 spatie meer"), "{report}");
}

#[test]
fn sleutel_springt_een_spatie_meer_in() {
    let report = fails(
        "sleutel_springt_een_spatie_meer_in",
        &[Replace(ACTIE, "status: afgerond", " status: afgerond")],
    );
    assert!(report.contains("03-los.md:4:2"), "{report}");
    assert!(!report.contains("dubbele punt"), "{report}");
}

#[test]
fn sleutel_in_een_blok_springt_een_spatie_minder_in() {
    let report = fails(
        "sleutel_in_een_blok_springt_een_spatie_minder_in",
        &[Replace(
            "actielijn-a/_index.md",
            "      tekst: \"is alles klaar.\"",
            "     tekst: \"is alles klaar.\"",
        )],
    );
    assert!(report.contains("actielijn-a/_index.md:9:6"), "{report}");
    assert!(report.contains("1 spatie minder"), "{report}");
}

#[test]
fn legendalabel_als_status() {
    let report = fails(
        "legendalabel_als_status",
        &[Replace(
            ACTIE,
            "status: afgerond",
            "status: Nog niet gestart",
        )],
    );
    assert!(report.contains("bedoelde je `niet-gestart`?"), "{report}");
    let report = fails(
        "legendalabel_als_status_vertraging",
        &[Replace(
            ACTIE,
            "status: afgerond",
            "status: In uitvoering, vertraging",
        )],
    );
    assert!(report.contains("bedoelde je `vertraging`?"), "{report}");
}

#[test]
fn nummer_met_een_punt_zoals_getypt() {
    let report = fails(
        "nummer_met_een_punt",
        &[Replace(ACTIE, "nummer: 3", "nummer: 31.")],
    );
    assert!(report.contains("nummer `31.` is ongeldig"), "{report}");
    assert!(report.contains("bedoelde je `31`?"), "{report}");
    assert!(!report.contains("31.0"), "{report}");
}

#[test]
fn nummer_te_groot() {
    let report = fails(
        "nummer_te_groot",
        &[Replace(ACTIE, "nummer: 3", "nummer: 99999999999")],
    );
    assert!(report.contains("te groot"), "{report}");
    let report = fails(
        "getal_te_groot_voor_yaml",
        &[Replace(
            ACTIE,
            "nummer: 3",
            "nummer: 99999999999999999999999",
        )],
    );
    assert!(report.contains("te groot"), "{report}");
    assert!(!report.contains("u128"), "{report}");
}

#[test]
fn verwijzing_en_andere_fouten_in_een_run() {
    let report = fails(
        "verwijzing_en_andere_fouten_in_een_run",
        &[
            Replace(ACTIE, "status: afgerond", "status: klaar"),
            Replace(
                "actielijn-b/05-doorlopend.md",
                "Loopt door.",
                "Loopt door, zie [actie 77](actie:77) en [actie 3](actie:3).",
            ),
        ],
    );
    assert!(report.contains("bijlage: 2 fouten"), "{report}");
    // Action 3 has an error of its own but exists: no broken reference.
    assert!(!report.contains("actie `3`"), "{report}");
}

#[test]
fn verwijzing_in_een_inleiding_op_zijn_eigen_regel() {
    let report = fails(
        "verwijzing_in_een_inleiding",
        &[Replace(
            "actielijn-a/_index.md",
            "inleiding: \"Het doel in het kort.\"",
            "inleiding: \"Coördinatie, ’t overleg: zie [actie 99](actie:99).\"",
        )],
    );
    assert!(report.contains("actielijn-a/_index.md:6:44"), "{report}");
}

#[test]
fn een_enorme_waarde_geeft_een_korte_melding() {
    let huge = "x".repeat(5 * 1024 * 1024);
    let tmp = site(&[Write(
        ACTIE,
        format!(
            "---\nnummer: {huge}\ntitel: \"Een losse actie\"\nstatus: afgerond\njaren: [2026]\njaren_bron: actieplan\n---\nTekst.\n"
        ),
    )]);
    for args in [&["check"][..], &["check", "--format", "json"]] {
        let (code, report) = run(tmp.path(), args);
        assert_eq!(code, 1, "{}", &report[..2000.min(report.len())]);
        assert!(report.len() < 2500, "{} bytes", report.len());
        assert!(report.contains("ongeldig-nummer"), "{report}");
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

/// Words of serde, serde_yaml and libyaml messages: the list the unit test
/// of every kind of problem uses (`src/error.rs`).
const ENGLISH: &[&str] = include!("../../src/error/english.rs");

#[test]
fn geen_engelse_bibliotheektekst_bij_allerlei_fouten() {
    // One page per mistake, all in one run: each front matter below makes
    // libyaml or serde complain in its own words.
    let broken = [
        "nummer: 10\ntitel: [open",
        "nummer: 11\ntitel: {open",
        "nummer: 12\ntitel: \"a\" b",
        "nummer: 13\ntitel: x\n\tstatus: afgerond",
        "nummer: 14\ntitel: @x",
        "nummer: 15\ntitel: *anker",
        "nummer: 16\ntitel: !onbekend x",
        "nummer: 17\n%YAML 1.2",
        "nummer: 18\ntitel: \"\\q\"",
        "nummer: 19\ntitel: |0\n  x",
        "nummer: 20\ntitel: &a x\nstatus: &a y",
        "nummer: 21\n? titel\n: x\n- y",
        "nummer: 22\ntitel: x\n...\nstatus: y",
        "nummer: 23\ntitel: [\"a\", {b: 1}]\nstatus: afgerond\njaren: [2025]\njaren_bron: titel",
        "nummer: 24\ntitel: \"x\"\nstatus: [afgerond]\njaren: {a: 1}\njaren_bron: 3",
        "nummer: 25\ntitel: \"x\"\nstatus: afgerond\njaren: [2025]\njaren_bron: titel\nconcept: misschien",
        "nummer: 26\ntitel: \"x\"\nstatus: afgerond\njaren: [[2025]]\njaren_bron: titel",
        "nummer: 27\ntitel: \"x\"\nstatus: afgerond\njaren: [99999999]\njaren_bron: titel",
        "nummer: [27]\ntitel: \"x\"\nstatus: afgerond\njaren: [2025]\njaren_bron: titel",
        "nummer: 28\n<<: {titel: x}\n<<: 3",
    ];
    let mut changes: Vec<Change> = broken
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path: &'static str =
                Box::leak(format!("actielijn-b/{}.md", 10 + i).into_boxed_str());
            Write(path, actie(text))
        })
        .collect();
    changes.push(Replace(
        "_index.md",
        "nog_niet_gemonitord:\n  acties: [9]\n  startjaar: 2027",
        "nog_niet_gemonitord:\n  acties: [9, \"x\"]\n  startjaar: [2027]\n  extra: 1",
    ));
    changes.push(Replace(
        "_index.md",
        "    label: \"Afgerond\"",
        "    label: [\"Afgerond\"]",
    ));
    changes.push(Replace(
        "actielijn-a/_index.md",
        "    - \"Een gewoon doel.\"",
        "    - [\"Een gewoon doel.\"]\n    - {kop: x}",
    ));
    let tmp = site(&changes);
    for args in [&["check"][..], &["check", "--format", "json"]] {
        let (code, report) = run(tmp.path(), args);
        assert_eq!(code, 1, "{report}");
        if std::env::var_os("BIJLAGE_TOON").is_some() {
            eprintln!("{report}");
        }
        let lower = report.to_lowercase();
        for phrase in ENGLISH {
            let at = lower.find(&phrase.to_lowercase());
            assert!(
                at.is_none(),
                "English {phrase:?}: …{}…",
                &report[at.unwrap_or(0).saturating_sub(300)
                    ..(at.unwrap_or(0) + 100).min(report.len())]
            );
        }
        // Every page is reported.
        for i in 10..10 + broken.len() {
            assert!(
                report.contains(&format!("actielijn-b/{i}.md")),
                "{i}.md: {report}"
            );
        }
    }
}
