//! `bijlage import` on a copy of the shipped content: a filled-in workbook
//! (.xlsx, .ods, one saved by LibreOffice) changes exactly the lines it
//! answers and the build shows it; every bad answer is named at its cell and
//! writes nothing; an import interrupted or killed halfway leaves the content
//! as it was. The workbooks are made with the helpers of `spreadsheet.rs`.

use crate::common::tree;
use crate::spreadsheet::*;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use bijlage::spreadsheet::{BLAD_ACTIES, BLAD_GEGEVENS};

/// The text of action 15's new progress as an action holder types it in Excel.
const NIEUWE_TEKST: &str = "Het onderzoek is afgerond.\r\nDe \u{201c}aanbevelingen\u{201d} zijn:\r\n\u{2022} meer\u{a0}voorlichting\r\n\u{2022} betere \u{2018}samenwerking\u{2019}";

#[test]
fn a_filled_in_workbook_changes_exactly_those_lines_and_the_build_shows_it() {
    let (dir, content, vorige) = setup();
    filled_in(
        dir.path(),
        &[
            ("1", "Nieuwe status", "In uitvoering, vertraging"),
            ("15", "Nieuwe status", "afgerond"),
            ("15", "Nieuwe voortgangstekst", NIEUWE_TEKST),
            ("3 en 4", "Opmerking", "Geen wijziging dit halfjaar."),
        ],
    );
    let before = tree(&content);
    let (code, out, err) = bijlage(dir.path(), &["import", "antwoorden.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("3 rijen met een antwoord gelezen; 2 acties wijzigen"),
        "{out}"
    );
    assert!(
        out.contains("actie 1 (content/actielijn-1/01-inventarisatie-campagnes.md): status Afgerond → In uitvoering, vertraging\n"),
        "{out}"
    );
    assert!(out.contains("actie 15 (content/actielijn-2/15-meldingsbereidheid-criminele-uitbuiting.md): status In uitvoering → Afgerond; voortgangstekst vervangen (1 regel → 6 regels)"), "{out}");
    assert!(out.contains("tekst opgeschoond: Windows-regeleinden, harde spaties → gewone spaties, gekrulde aanhalingstekens → rechte, •-opsomming → Markdown-lijst, losse regels → alinea's"), "{out}");
    assert!(
        out.contains(
            "actie 3 en 4: geen wijziging, wel een opmerking: Geen wijziging dit halfjaar."
        ),
        "{out}"
    );
    assert!(out.contains("2 actiebestanden bijgewerkt"), "{out}");

    // Exactly two files, exactly these lines.
    let after = tree(&content);
    let changed: Vec<&String> = before.keys().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        changed,
        [
            "actielijn-1/01-inventarisatie-campagnes.md",
            "actielijn-2/15-meldingsbereidheid-criminele-uitbuiting.md"
        ]
    );
    let text =
        |files: &BTreeMap<String, Vec<u8>>, k: &str| String::from_utf8(files[k].clone()).unwrap();
    let een = "actielijn-1/01-inventarisatie-campagnes.md";
    assert_eq!(
        text(&after, een),
        text(&before, een).replacen("\nstatus: afgerond\n", "\nstatus: vertraging\n", 1)
    );
    let vijftien = "actielijn-2/15-meldingsbereidheid-criminele-uitbuiting.md";
    let old = text(&before, vijftien);
    let body_at = old.find("\n---\n").unwrap() + 5;
    assert_eq!(
        text(&after, vijftien),
        format!(
            "{}Het onderzoek is afgerond.\n\nDe \"aanbevelingen\" zijn:\n\n- meer voorlichting\n- betere 'samenwerking'\n",
            old[..body_at].replacen("\nstatus: in-uitvoering\n", "\nstatus: afgerond\n", 1)
        )
    );

    // The build compares with the previous edition and shows both changes.
    let (code, out, err) = bijlage(
        dir.path(),
        &[
            "build",
            "--content",
            "content",
            "--output",
            "public",
            "--previous",
            vorige.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 statuswijziging(en)"), "{out}");
    let page = fs::read_to_string(dir.path().join("public/wijzigingen.html")).unwrap();
    for needle in [
        "Inventarisatie campagnes, meldpunten en kenniscentra",
        "Verkenning meldingsbereidheid criminele uitbuiting",
        "In uitvoering, vertraging",
    ] {
        assert!(page.contains(needle), "{needle} not on the changes page");
    }
    let annex = fs::read_to_string(dir.path().join("public/actielijn-2.html")).unwrap();
    assert!(
        annex.contains("<li>betere 'samenwerking'</li>")
            || annex.contains("<li>betere &#39;samenwerking&#39;</li>")
            || annex.contains("<li>betere &#x27;samenwerking&#x27;</li>"),
        "the list is rendered"
    );
}

#[test]
fn an_ods_workbook_is_read_as_well() {
    let (dir, content, _) = setup();
    let xlsx = export(dir.path(), "statusupdate.xlsx");
    let ods = dir.path().join("antwoorden.ods");
    write_ods(
        &ods,
        &fill(
            &read(&xlsx),
            &[
                ("5", "Nieuwe status", "Doorlopend"),
                (
                    "5",
                    "Nieuwe voortgangstekst",
                    "Eerste alinea.\nTweede alinea.",
                ),
            ],
        ),
    );
    let before = tree(&content);
    let (code, out, err) = bijlage(dir.path(), &["import", "antwoorden.ods"]);
    assert_eq!(code, 0, "{out}{err}");
    let after = tree(&content);
    let changed: Vec<&String> = before.keys().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(changed, ["actielijn-1/05-bewustwording-onderwijs.md"]);
    let text =
        String::from_utf8(after["actielijn-1/05-bewustwording-onderwijs.md"].clone()).unwrap();
    assert!(text.contains("\nstatus: doorlopend\n"), "{text}");
    assert!(
        text.ends_with("\n---\nEerste alinea.\n\nTweede alinea.\n"),
        "{text}"
    );
}

/// Runs an import that must fail; returns stderr, after checking that the
/// content is byte-identical.
fn failing_import(dir: &Path, content: &Path, files: &[&str]) -> String {
    let before = tree(content);
    let mut args = vec!["import"];
    args.extend(files);
    let (code, out, err) = bijlage(dir, &args);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("er is niets gewijzigd in de content"), "{err}");
    assert_eq!(tree(content), before, "the content was changed");
    err
}

#[test]
fn every_bad_answer_exits_1_names_the_cell_and_writes_nothing() {
    let (dir, content, _) = setup();
    let xlsx = export(dir.path(), "statusupdate.xlsx");
    let exported = read(&xlsx);
    let acties = sheet(&exported, BLAD_ACTIES).clone();
    let rij = |n: &str| row_of(&acties, n) + 1;

    // A status that is neither label nor key, and a number that does not
    // exist: both in one run.
    let mut sheets = fill(
        &exported,
        &[
            ("15", "Nieuwe status", "In uitvoering vertraaging"),
            ("1", "Nieuwe status", "afgerond"),
        ],
    );
    let table = &mut sheets
        .iter_mut()
        .find(|(n, _, _)| n == BLAD_ACTIES)
        .unwrap()
        .1;
    let r = row_of(table, "1");
    table[r][0] = "999".into();
    write_xlsx(&dir.path().join("fout.xlsx"), &sheets);
    let err = failing_import(dir.path(), &content, &["fout.xlsx"]);
    assert!(err.contains(&format!(
        "blad `Acties`, rij {}, kolom F (Nieuwe status): status `In uitvoering vertraaging` bestaat niet",
        rij("15")
    )), "{err}");
    assert!(err.contains("bedoelde je `In uitvoering, vertraging`? kies een van: Afgerond; In uitvoering; In uitvoering, vertraging; Doorlopend; Nog niet gestart"), "{err}");
    assert!(
        err.contains(&format!(
            "blad `Acties`, rij {}, kolom A (Nummer): actie `999` bestaat niet in deze editie",
            rij("1")
        )),
        "{err}"
    );
    // The row's title says which action it was.
    assert!(
        err.contains("hulp: bedoelde je `1`? laat de kolom Nummer staan"),
        "{err}"
    );
    assert!(err.contains("in fout.xlsx"), "{err}");
    assert!(err.contains("bijlage: 2 fouten"), "{err}");

    // The same action answered differently in two files.
    write_xlsx(
        &dir.path().join("a.xlsx"),
        &fill(&exported, &[("15", "Nieuwe status", "Afgerond")]),
    );
    write_xlsx(
        &dir.path().join("b.xlsx"),
        &fill(&exported, &[("15", "Nieuwe status", "Doorlopend")]),
    );
    let err = failing_import(dir.path(), &content, &["a.xlsx", "b.xlsx"]);
    assert!(err.contains(&format!(
        "blad `Acties`, rij {0}, kolom A (Nummer): actie 15 heeft ook een ander antwoord: a.xlsx, blad `Acties`, rij {0}",
        rij("15")
    )), "{err}");
    assert!(err.contains("in b.xlsx"), "{err}");
    assert!(err.contains("hulp: geef één antwoord per actie"), "{err}");
    // The same answer twice is no conflict.
    write_xlsx(
        &dir.path().join("c.xlsx"),
        &fill(&exported, &[("15", "Nieuwe status", "afgerond")]),
    );
    let (code, out, err) = bijlage(dir.path(), &["import", "--dry-run", "a.xlsx", "c.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");

    // A workbook of another edition.
    let mut sheets = fill(&exported, &[("15", "Nieuwe status", "Afgerond")]);
    let gegevens = &mut sheets
        .iter_mut()
        .find(|(n, _, _)| n == BLAD_GEGEVENS)
        .unwrap()
        .1;
    assert_eq!(gegevens[1][0], "editie");
    gegevens[1][1] = "2025-11".into();
    write_xlsx(&dir.path().join("oud.xlsx"), &sheets);
    let err = failing_import(dir.path(), &content, &["oud.xlsx"]);
    assert!(err.contains("blad `Gegevens`, rij 2, kolom B: dit werkboek hoort bij editie 2025-11, de content is editie 2026-05"), "{err}");
    assert!(
        err.contains("hulp: maak met `bijlage export` een werkboek voor editie 2026-05"),
        "{err}"
    );

    // Not a workbook made by `bijlage export`; not a workbook at all.
    write_xlsx(
        &dir.path().join("vreemd.xlsx"),
        &[("Blad1".into(), vec![vec!["x".into()]], false)],
    );
    let err = failing_import(dir.path(), &content, &["vreemd.xlsx"]);
    assert!(
        err.contains("het werkboek heeft geen blad `Gegevens`"),
        "{err}"
    );
    fs::write(dir.path().join("kapot.xlsx"), b"geen zip").unwrap();
    let err = failing_import(dir.path(), &content, &["kapot.xlsx", "bestaat-niet.ods"]);
    assert!(err.contains("het werkboek is niet te lezen"), "{err}");
    assert!(err.contains("bestaat niet"), "{err}");
}

#[test]
fn dry_run_shows_every_line_and_writes_nothing() {
    let (dir, content, _) = setup();
    filled_in(
        dir.path(),
        &[
            ("1", "Nieuwe status", "vertraging"),
            ("2", "Nieuwe voortgangstekst", "Nieuw."),
        ],
    );
    let before = tree(&content);
    let (code, out, err) = bijlage(dir.path(), &["import", "--dry-run", "antwoorden.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("-status: afgerond\n+status: vertraging\n"),
        "{out}"
    );
    assert!(out.contains("+Nieuw.\n"), "{out}");
    assert!(out.contains("--dry-run: er is niets geschreven"), "{out}");
    assert_eq!(tree(&content), before);
}

/// Answers that change three actions in three files: the interrupted
/// imports stop at the second.
const THREE_CHANGES: &[(&str, &str, &str)] = &[
    ("1", "Nieuwe status", "vertraging"),
    ("2", "Nieuwe voortgangstekst", "Nieuw."),
    ("15", "Nieuwe status", "afgerond"),
];

#[test]
fn an_import_that_fails_halfway_leaves_the_content_as_it_was() {
    let (dir, content, _) = setup();
    let filled = filled_in(dir.path(), THREE_CHANGES);
    let before = tree(&content);
    let plan = bijlage::spreadsheet::import::plan(&[filled], &content).unwrap();
    assert_eq!(plan.wijzigingen.len(), 3);
    // The second file cannot be put in place: the first is already new.
    let mut renames = 0;
    let result = bijlage::spreadsheet::import::apply_with(&plan, &mut |_| {
        renames += 1;
        if renames == 2 {
            Err(std::io::Error::other("onderbroken"))
        } else {
            Ok(())
        }
    });
    assert!(result.is_err());
    assert_eq!(renames, 2);
    // Every file as it was, and no temporary file, copy or journal left.
    assert_eq!(tree(&content), before);
    // Without the failure the same plan writes all three.
    bijlage::spreadsheet::import::apply(&plan).unwrap();
    let after = tree(&content);
    assert_eq!(before.keys().filter(|k| before[*k] != after[*k]).count(), 3);
}

#[test]
fn an_import_killed_halfway_is_undone_by_the_next_import() {
    let (dir, content, _) = setup();
    let filled = filled_in(dir.path(), THREE_CHANGES);
    let before = tree(&content);
    let plan = bijlage::spreadsheet::import::plan(std::slice::from_ref(&filled), &content).unwrap();
    // The process stops at the second file, as a killed one does: no
    // error handling runs (a panic unwinds past it).
    let mut renames = 0;
    let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = bijlage::spreadsheet::import::apply_with(&plan, &mut |_| {
            renames += 1;
            if renames == 2 {
                panic!("gestopt");
            }
            Ok(())
        });
    }));
    assert!(stopped.is_err());
    let halfway = tree(&content);
    assert_ne!(halfway, before, "the first file was replaced");
    assert!(halfway.contains_key(bijlage::spreadsheet::import::JOURNAL));
    // A build does not read the journal or the copies beside the files.
    let (code, out, err) = bijlage(dir.path(), &["check", "--content", "content"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("overgeslagen"), "{err}");

    // The next import (here a dry run) first puts everything back.
    let (code, out, err) = bijlage(dir.path(), &["import", "--dry-run", "antwoorden.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("een eerdere import is onderbroken; deze bestanden zijn teruggezet zoals ze waren: actielijn-1/01-inventarisatie-campagnes.md, actielijn-1/02-meting-signaleerders.md, actielijn-2/15-meldingsbereidheid-criminele-uitbuiting.md"),
        "{err}"
    );
    assert_eq!(tree(&content), before);
    assert!(out.contains("3 acties wijzigen"), "{out}");
}

#[test]
fn an_answer_to_an_action_changed_since_the_export_is_imported_with_a_warning() {
    let (dir, _, _) = setup();
    let xlsx = export(dir.path(), "statusupdate.xlsx");
    let exported = read(&xlsx);
    let row = row_of(sheet(&exported, BLAD_ACTIES), "15") + 1;
    write_xlsx(
        &dir.path().join("a.xlsx"),
        &fill(&exported, &[("15", "Nieuwe status", "Afgerond")]),
    );
    write_xlsx(
        &dir.path().join("b.xlsx"),
        &fill(
            &exported,
            &[
                ("15", "Nieuwe status", "Doorlopend"),
                ("1", "Nieuwe status", "Doorlopend"),
            ],
        ),
    );
    let (code, out, err) = bijlage(dir.path(), &["import", "a.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("waarschuwing"), "{err}");
    // b.xlsx was made before a.xlsx was imported: action 15 moved since.
    let (code, out, err) = bijlage(dir.path(), &["import", "--dry-run", "b.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains(&format!("blad `Acties`, rij {row}, kolom D: actie 15 is in de content gewijzigd sinds dit werkboek werd gemaakt")), "{err}");
    assert!(
        err.contains("de content is gewijzigd sinds dit werkboek werd gemaakt"),
        "{err}"
    );
    assert!(!err.contains("actie 1 is"), "{err}");
    assert!(out.contains("status Afgerond → Doorlopend"), "{out}");
}

#[test]
fn a_workbook_saved_by_libreoffice_is_imported() {
    // The fixture was exported from the edition of November 2025 (see
    // tests/fixtures/spreadsheet/README.md): the copy gets that edition.
    let (dir, content, _) = setup();
    let index = content.join("_index.md");
    let text = fs::read_to_string(&index).unwrap();
    fs::write(
        &index,
        text.replace("editie: \"2026-05\"\n", "editie: \"2025-11\"\n"),
    )
    .unwrap();
    let ods = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/spreadsheet/libreoffice-ingevuld.ods");
    let before = tree(&content);
    let (code, out, err) = bijlage(dir.path(), &["import", ods.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 rij met een antwoord gelezen; 1 actie wijzigt:"),
        "{out}"
    );
    let after = tree(&content);
    let changed: Vec<&String> = before.keys().filter(|k| before[*k] != after[*k]).collect();
    let file = "actielijn-1/02-meting-signaleerders.md";
    assert_eq!(changed, [file]);
    let old = String::from_utf8(before[file].clone()).unwrap();
    let body_at = old.find("\n---\n").unwrap() + 5;
    assert_eq!(
        String::from_utf8(after[file].clone()).unwrap(),
        format!(
            "{}Het rapport is verschenen.\n\n- aanbeveling één\n- aanbeveling \"twee\"\n",
            old[..body_at].replacen("\nstatus: afgerond\n", "\nstatus: in-uitvoering\n", 1)
        )
    );
}
