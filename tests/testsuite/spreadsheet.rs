//! `bijlage export` and `bijlage import` on a copy of the shipped content:
//! the workbook read back, a filled-in copy imported, the changes built.
//!
//! The filled-in workbooks are made here the way Excel or LibreOffice would
//! save them: every cell of the exported workbook copied into a new one
//! (rust_xlsxwriter for .xlsx; for .ods a minimal OpenDocument package
//! written with the zip crate: `mimetype`, `META-INF/manifest.xml` and
//! `content.xml`), with the answers filled in. One more .ods was saved by
//! LibreOffice Calc itself: tests/fixtures/spreadsheet (its README says how).
//!
//! This file: those helpers and the exported workbook; importing the answers
//! is in `spreadsheet_import.rs`.

use crate::common::copy_dir;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bijlage::ContentSource;
use bijlage::spreadsheet::{BLAD_ACTIES, BLAD_GEGEVENS, BLAD_UITLEG, KOLOMMEN};
use calamine::Reader;

pub(crate) type Sheet = Vec<Vec<String>>;

/// A temp folder with `vorige/content` (the shipped edition as it is) and
/// `content` (the same, made the next edition, May 2026).
pub(crate) fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
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

pub(crate) fn bijlage(dir: &Path, args: &[&str]) -> (i32, String, String) {
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

pub(crate) fn export(dir: &Path, name: &str) -> PathBuf {
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
pub(crate) fn read(path: &Path) -> Vec<(String, Sheet, bool)> {
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

pub(crate) fn sheet<'a>(sheets: &'a [(String, Sheet, bool)], name: &str) -> &'a Sheet {
    &sheets.iter().find(|(n, _, _)| n == name).unwrap().1
}

fn col(name: &str) -> usize {
    KOLOMMEN.iter().position(|k| *k == name).unwrap()
}

/// The row of the Acties sheet whose Nummer is `nummer`.
pub(crate) fn row_of(acties: &Sheet, nummer: &str) -> usize {
    acties.iter().position(|r| r[0] == nummer).unwrap()
}

/// A copy of `sheets` with `answers` (nummer, column, value) filled in on
/// the Acties sheet.
pub(crate) fn fill(
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
pub(crate) fn filled_in(dir: &Path, answers: &[(&str, &str, &str)]) -> PathBuf {
    let xlsx = export(dir, "statusupdate.xlsx");
    let filled = dir.join("antwoorden.xlsx");
    write_xlsx(&filled, &fill(&read(&xlsx), answers));
    filled
}

pub(crate) fn write_xlsx(path: &Path, sheets: &[(String, Sheet, bool)]) {
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
pub(crate) fn write_ods(path: &Path, sheets: &[(String, Sheet, bool)]) {
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
