//! `bijlage export` and `bijlage import` on a copy of the shipped content:
//! the workbook read back, a filled-in copy imported, the changes built.
//!
//! The filled-in workbooks are made here the way Excel or LibreOffice would
//! save them: every cell of the exported workbook copied into a new one
//! (rust_xlsxwriter for .xlsx; for .ods a minimal OpenDocument package
//! written with the zip crate: `mimetype`, `META-INF/manifest.xml` and
//! `content.xml`), with the answers filled in. One more .ods was saved by
//! LibreOffice Calc itself: tests/fixtures/spreadsheet (its README says how).

use crate::common::{copy_dir, tree};

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bijlage::ContentSource;
use bijlage::spreadsheet::{BLAD_ACTIES, BLAD_GEGEVENS, BLAD_UITLEG, KOLOMMEN};
use calamine::Reader;

type Sheet = Vec<Vec<String>>;

/// A temp folder with `vorige/content` (the shipped edition as it is) and
/// `content` (the same, made the next edition, May 2026).
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let vorige = dir.path().join("vorige/content");
    let content = dir.path().join("content");
    copy_dir(&shipped, &vorige);
    copy_dir(&shipped, &content);
    let index = content.join("_index.md");
    let text = fs::read_to_string(&index).unwrap();
    assert!(text.contains("editie: \"2025-11\"\n"));
    // Its previous edition is the shipped one, in `vorige/`.
    fs::write(
        &index,
        text.replace("editie: \"2025-11\"\n", "editie: \"2026-05\"\n")
            .replace(
                "vorige_editie: \"edities/2025-07\"\n",
                "vorige_editie: \"vorige\"\n",
            ),
    )
    .unwrap();
    (dir, content, vorige)
}

fn bijlage(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("bijlage")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn export(dir: &Path, name: &str) -> PathBuf {
    let (code, out, err) = bijlage(dir, &["export", "--content", "content", "--output", name]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(&format!("{name} geschreven: 43 rijen")),
        "{out}"
    );
    dir.join(name)
}

fn cell(data: &calamine::Data) -> String {
    match data {
        calamine::Data::Empty => String::new(),
        calamine::Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Every sheet (name, cells from A1, hidden?), in order.
fn read(path: &Path) -> Vec<(String, Sheet, bool)> {
    let mut workbook = calamine::open_workbook_auto(path).unwrap();
    let meta: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .collect();
    meta.into_iter()
        .map(|(name, hidden)| {
            let range = workbook.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut rows = vec![Vec::new(); r0 as usize];
            for row in range.rows() {
                let mut cells = vec![String::new(); c0 as usize];
                cells.extend(row.iter().map(cell));
                rows.push(cells);
            }
            (name, rows, hidden)
        })
        .collect()
}

fn sheet<'a>(sheets: &'a [(String, Sheet, bool)], name: &str) -> &'a Sheet {
    &sheets.iter().find(|(n, _, _)| n == name).unwrap().1
}

fn col(name: &str) -> usize {
    KOLOMMEN.iter().position(|k| *k == name).unwrap()
}

/// The row of the Acties sheet whose Nummer is `nummer`.
fn row_of(acties: &Sheet, nummer: &str) -> usize {
    acties.iter().position(|r| r[0] == nummer).unwrap()
}

/// A copy of `sheets` with `answers` (nummer, column, value) filled in on
/// the Acties sheet.
fn fill(
    sheets: &[(String, Sheet, bool)],
    answers: &[(&str, &str, &str)],
) -> Vec<(String, Sheet, bool)> {
    let mut sheets = sheets.to_vec();
    let acties = &mut sheets
        .iter_mut()
        .find(|(n, _, _)| n == BLAD_ACTIES)
        .unwrap()
        .1;
    for (nummer, column, value) in answers {
        let r = row_of(acties, nummer);
        let c = col(column);
        if acties[r].len() <= c {
            acties[r].resize(c + 1, String::new());
        }
        acties[r][c] = value.to_string();
    }
    sheets
}

/// Exports the workbook of `dir/content`, fills in `answers` (nummer,
/// column, value) as an action holder would and saves it as
/// `dir/antwoorden.xlsx`; returns that path.
fn filled_in(dir: &Path, answers: &[(&str, &str, &str)]) -> PathBuf {
    let xlsx = export(dir, "statusupdate.xlsx");
    let filled = dir.join("antwoorden.xlsx");
    write_xlsx(&filled, &fill(&read(&xlsx), answers));
    filled
}

fn write_xlsx(path: &Path, sheets: &[(String, Sheet, bool)]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows, hidden) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32, c as u16, value).unwrap();
                }
            }
        }
        sheet.set_hidden(*hidden);
    }
    workbook.save(path).unwrap();
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal OpenDocument spreadsheet: a line break in a cell is a new
/// `<text:p>`, as LibreOffice writes it.
fn write_ods(path: &Path, sheets: &[(String, Sheet, bool)]) {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows, _) in sheets {
        content.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            xml_escape(name)
        ));
        for row in rows {
            content.push_str("<table:table-row>");
            for value in row {
                if value.is_empty() {
                    content.push_str("<table:table-cell/>");
                } else {
                    content.push_str(r#"<table:table-cell office:value-type="string">"#);
                    for line in value.split('\n') {
                        content.push_str(&format!("<text:p>{}</text:p>", xml_escape(line)));
                    }
                    content.push_str("</table:table-cell>");
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// A part of the xlsx package, as text.
fn part(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The `<xf>` entries of `<cellXfs>` in styles.xml, in index order.
fn cell_formats(styles: &str) -> Vec<String> {
    let start = styles.find("<cellXfs").unwrap();
    let end = styles[start..].find("</cellXfs>").unwrap() + start;
    let xfs = &styles[start..end];
    let mut out = Vec::new();
    let mut rest = xfs;
    while let Some(i) = rest.find("<xf ") {
        let tail = &rest[i..];
        let close = if tail[..tail.find('>').unwrap()].ends_with('/') {
            tail.find('>').unwrap() + 1
        } else {
            tail.find("</xf>").unwrap() + 5
        };
        out.push(tail[..close].to_string());
        rest = &tail[close..];
    }
    out
}

/// The style index of cell `reference` ("A2") in a sheet's XML.
fn style_of(sheet_xml: &str, reference: &str) -> usize {
    let at = sheet_xml.find(&format!("<c r=\"{reference}\"")).unwrap();
    let tag = &sheet_xml[at..at + sheet_xml[at..].find('>').unwrap()];
    let s = tag.find(" s=\"").map(|i| &tag[i + 4..]).unwrap();
    s[..s.find('"').unwrap()].parse().unwrap()
}

#[test]
fn the_exported_workbook_has_every_entry_a_drop_down_and_locked_columns() {
    let (dir, content, _) = setup();
    let xlsx = export(dir.path(), "statusupdate.xlsx");
    let (site, _, _) = bijlage::content::load_site(&ContentSource::Dir(content), false).unwrap();

    let sheets = read(&xlsx);
    let names: Vec<(&str, bool)> = sheets.iter().map(|(n, _, h)| (n.as_str(), *h)).collect();
    assert_eq!(
        names,
        [
            (BLAD_UITLEG, false),
            (BLAD_ACTIES, false),
            (BLAD_GEGEVENS, true)
        ]
    );
    let uitleg = sheet(&sheets, BLAD_UITLEG);
    assert!(uitleg[0][0].contains("editie mei 2026"), "{:?}", uitleg[0]);
    assert!(
        uitleg
            .iter()
            .any(|r| r[0].starts_with("Nieuwe status: kies de status uit de lijst"))
    );

    // Every entry, in the order of the annex, with the current stand.
    let acties = sheet(&sheets, BLAD_ACTIES);
    assert_eq!(acties[0], KOLOMMEN);
    let entries: Vec<_> = site.acties().collect();
    assert_eq!(acties.len() - 1, entries.len());
    assert_eq!(entries.len(), 43);
    for ((lijn, actie), row) in entries.iter().zip(&acties[1..]) {
        let mut row = row.clone();
        row.resize(KOLOMMEN.len(), String::new());
        assert_eq!(
            row,
            [
                actie.nummer.label(),
                format!("{}. {}", lijn.nummer, lijn.korte_titel),
                actie.titel.clone(),
                site.meta.legenda_label(actie.status).to_string(),
                actie.tekst.trim().to_string(),
                String::new(),
                String::new(),
                String::new(),
            ]
        );
    }
    // The CSV's spelling of numbers: "3 en 4", an extra action's id.
    assert!(acties.iter().any(|r| r[0] == "3 en 4"));
    assert!(acties.iter().any(|r| r[0] == "pilot-preventie-ronselen"));

    // The hidden sheet: the edition, the content's identity, the statuses.
    let gegevens = sheet(&sheets, BLAD_GEGEVENS);
    assert_eq!(gegevens[1][..2], ["editie", "2026-05"]);
    assert_eq!(gegevens[2][0], "inhoud");
    assert_eq!(gegevens[2][1].len(), 16);
    let labels: Vec<&str> = gegevens[5..10].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        labels,
        [
            "Afgerond",
            "In uitvoering",
            "In uitvoering, vertraging",
            "Doorlopend",
            "Nog niet gestart"
        ]
    );

    // The drop-down: a list validation on the whole Nieuwe status column,
    // its items the five labels of the hidden sheet.
    let xml = part(&xlsx, "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains(r#"<dataValidation type="list""#) && xml.contains(r#"sqref="F2:F44""#),
        "{xml}"
    );
    assert!(xml.contains("<formula1>Gegevens!$A$6:$A$10</formula1>"));
    // Frozen header row and Nummer column; the sheet protected.
    assert!(xml.contains(r#"xSplit="1" ySplit="1""#) && xml.contains(r#"state="frozen""#));
    assert!(xml.contains(r#"<sheetProtection sheet="1""#));
    // Read-only columns locked and grey, answer columns unlocked, in every row.
    let styles = part(&xlsx, "xl/styles.xml");
    let formats = cell_formats(&styles);
    assert!(styles.contains(r#"rgb="FFE7E6E6""#), "grey fill");
    for row in 2..=44 {
        for letter in ["A", "B", "C", "D", "E"] {
            let xf = &formats[style_of(&xml, &format!("{letter}{row}"))];
            assert!(!xf.contains(r#"locked="0""#), "{letter}{row}: {xf}");
            assert!(!xf.contains(r#"fillId="0""#), "{letter}{row} is grey: {xf}");
            assert!(xf.contains(r#"wrapText="1""#), "{letter}{row}: {xf}");
        }
        for letter in ["F", "G", "H"] {
            let xf = &formats[style_of(&xml, &format!("{letter}{row}"))];
            assert!(xf.contains(r#"locked="0""#), "{letter}{row}: {xf}");
        }
    }

    // Deterministic: a second export is the same file, byte for byte; the
    // creation date is the edition's, not the clock's.
    let again = export(dir.path(), "nogmaals.xlsx");
    assert_eq!(fs::read(&xlsx).unwrap(), fs::read(&again).unwrap());
    assert!(
        part(&xlsx, "docProps/core.xml")
            .contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-05-01T00:00:00Z")
    );
    assert!(part(&xlsx, "docProps/custom.xml").contains("<vt:lpwstr>2026-05</vt:lpwstr>"));
}

#[test]
fn export_selects_actielijnen_and_actions() {
    let (dir, _, _) = setup();
    let (code, out, err) = bijlage(
        dir.path(),
        &[
            "export",
            "--content",
            "content",
            "--output",
            "deel.xlsx",
            "--actielijn",
            "6",
            "--acties",
            "3,pilot-preventie-ronselen",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let sheets = read(&dir.path().join("deel.xlsx"));
    let numbers: Vec<&str> = sheet(&sheets, BLAD_ACTIES)[1..]
        .iter()
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(numbers[..2], ["3 en 4", "pilot-preventie-ronselen"]);
    assert!(
        sheet(&sheets, BLAD_ACTIES)[3..]
            .iter()
            .all(|r| r[1].starts_with("6. "))
    );

    let (code, _, err) = bijlage(
        dir.path(),
        &[
            "export",
            "--content",
            "content",
            "--output",
            "x.xlsx",
            "--actielijn",
            "9",
            "--acties",
            "pilot-preventie-ronseln",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("actielijn 9 bestaat niet"), "{err}");
    assert!(
        err.contains("bedoelde je `pilot-preventie-ronselen`?"),
        "{err}"
    );
    assert!(!dir.path().join("x.xlsx").exists());
}

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
