//! Editors' everyday mistakes (issue 13): pasted from Word, mis-indented, a
//! legend label as status, numbers as typed, and many kinds of broken YAML in
//! one run without a word of the libraries' English. Each a snapshot of exit
//! status and both streams, on a copy of the mini fixture with one change
//! (the helpers of `fouten.rs`).

use crate::fouten::{ACTIE, Change, Replace, Write, actie, run, site};

/// `bijlage check` with `changes`, exit status `code`, snapshot `name`.
fn checks(name: &str, code: i32, changes: &[Change]) -> String {
    let tmp = site(changes);
    let (status, report) = run(tmp.path(), &["check"]);
    assert_eq!(status, code, "{report}");
    insta::assert_snapshot!(name, report);
    report
}

/// `bijlage check` on the fixture with `changes`: asserts exit status 1 and
/// the snapshot `name`; returns the report.
fn fails(name: &str, changes: &[Change]) -> String {
    checks(name, 1, changes)
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
