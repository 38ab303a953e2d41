//! `bijlage export`: the workbook for the action holders.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{
    ALLEEN_LEZEN, BLAD_ACTIES, BLAD_GEGEVENS, BLAD_UITLEG, KOLOMMEN, SLEUTEL_EDITIE,
    SLEUTEL_INHOUD, STATUS_RIJ,
};
use crate::error::{Diagnostic, Location, Problem, suggest};
use crate::model::{Actie, Actielijn, Site, Status};

/// Which entries to export; empty lists mean all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selectie {
    /// Include actions marked `concept: true`.
    pub drafts: bool,
    /// Actielijn numbers.
    pub actielijnen: Vec<u32>,
    /// Action numbers or ids of extra actions.
    pub acties: Vec<String>,
}

/// The entries `selectie` names, in the order of the annex. An entry is in
/// when its actielijn is named or it is named itself; with neither list
/// given, all. Every name that matches nothing is an error.
pub fn select<'a>(
    site: &'a Site,
    selectie: &Selectie,
) -> Result<Vec<(&'a Actielijn, &'a Actie)>, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let here = Location::file("--actielijn");
    for n in &selectie.actielijnen {
        if !site.actielijnen.iter().any(|lijn| lijn.nummer == *n) {
            let numbers: Vec<String> = site
                .actielijnen
                .iter()
                .map(|l| l.nummer.to_string())
                .collect();
            diagnostics.push(Diagnostic::new(
                here.clone(),
                Problem::UnknownActielijn {
                    number: *n,
                    available: crate::model::join_nl(&numbers).into(),
                },
            ));
        }
    }
    let mut named = Vec::new();
    for target in &selectie.acties {
        let target = target.trim();
        match site.find(target) {
            Some((_, actie)) => named.push(&actie.nummer),
            None => {
                let labels: Vec<String> = site.acties().map(|(_, a)| a.nummer.label()).collect();
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                diagnostics.push(Diagnostic::new(
                    Location::file("--acties"),
                    Problem::UnknownSelection {
                        found: target.into(),
                        suggestion: suggest(target, &labels).map(Into::into),
                    },
                ));
            }
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let all = selectie.actielijnen.is_empty() && selectie.acties.is_empty();
    Ok(site
        .acties()
        .filter(|(lijn, actie)| {
            all || selectie.actielijnen.contains(&lijn.nummer) || named.contains(&&actie.nummer)
        })
        .collect())
}

/// Column widths of [`KOLOMMEN`], in characters.
const BREEDTES: [f64; 8] = [10.0, 28.0, 40.0, 20.0, 60.0, 26.0, 60.0, 32.0];
/// The width of the explanation's one column, in characters.
const UITLEG_BREEDTE: f64 = 80.0;

/// How many lines `text` takes in a wrapped cell `width` characters wide: an
/// estimate (a character is about as wide as the `0` the width is measured
/// in). Neither Excel nor LibreOffice fits a row to wrapped text it did not
/// type itself, so the rows get their height from this.
fn regels(text: &str, width: f64) -> usize {
    let per_line = (width * 1.05).max(1.0) as usize;
    text.split('\n')
        .map(|line| line.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// The height in points of a row of `lines` lines of 11-point text; at most
/// Excel's maximum row height.
fn hoogte(lines: usize) -> f64 {
    (lines as f64 * 15.0).min(409.0)
}

/// The grey of the read-only columns.
const GRIJS: u32 = 0xE7E6E6;

fn xlsx_error(err: XlsxError) -> Problem {
    Problem::Output(format!("het werkboek kon niet gemaakt worden: {err}"))
}

/// The workbook for `rows`, as bytes. Deterministic: the creation date is
/// the first day of the edition's month, not the clock.
pub fn workbook(
    site: &Site,
    inhoud: &str,
    rows: &[(&Actielijn, &Actie)],
) -> Result<Vec<u8>, Problem> {
    build(site, inhoud, rows).map_err(xlsx_error)
}

fn build(site: &Site, inhoud: &str, rows: &[(&Actielijn, &Actie)]) -> Result<Vec<u8>, XlsxError> {
    let meta = &site.meta;
    let editie = meta.editie.key();
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(meta.editie.jaar, meta.editie.maand, 1)?;
    // Inside a sentence a month is written in lower case.
    let editie_tekst = meta.editie.label().to_lowercase();
    let titel = format!("Statusupdate {} – editie {editie_tekst}", meta.titel);
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&titel)
            .set_subject(&meta.programma)
            .set_author("bijlage export")
            .set_creation_datetime(&created)
            .set_custom_property("bijlage-editie", editie.as_str())
            .set_custom_property("bijlage-inhoud", inhoud),
    );

    let formats = Formats::new();
    workbook.push_worksheet(uitleg(site, &titel, &editie_tekst, &formats)?);
    workbook.push_worksheet(acties(site, rows, &formats)?);
    workbook.push_worksheet(gegevens(site, &editie, inhoud)?);
    workbook.save_to_buffer()
}

/// The cell formats of the workbook.
struct Formats {
    /// Text wrapped, at the top of its cell.
    wrap: Format,
    /// A column header.
    kop: Format,
    /// A read-only cell: the current state.
    grijs: Format,
    /// A cell to fill in.
    invul: Format,
}

impl Formats {
    fn new() -> Formats {
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let kop = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Medium)
            .set_background_color(Color::RGB(0xD9E1F2));
        let grijs = wrap
            .clone()
            .set_locked()
            .set_background_color(Color::RGB(GRIJS))
            .set_font_color(Color::RGB(0x404040));
        let invul = wrap.clone().set_unlocked().set_border(FormatBorder::Thin);

        Formats {
            wrap,
            kop,
            grijs,
            invul,
        }
    }
}

/// The sheet that explains what to fill in, with the statuses.
fn uitleg(
    site: &Site,
    titel: &str,
    editie_tekst: &str,
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let meta = &site.meta;
    let wrap = &formats.wrap;
    let mut uitleg = Worksheet::new();
    uitleg.set_name(BLAD_UITLEG)?;
    uitleg.set_column_width(0, UITLEG_BREEDTE)?;
    let groot = Format::new().set_bold().set_font_size(14).set_text_wrap();
    let vet = Format::new().set_bold().set_text_wrap();
    uitleg.write_string_with_format(0, 0, titel, &groot)?;
    let mut lines: Vec<(String, &Format)> = vec![
        (
            format!(
                "Dit werkboek verzamelt de nieuwe stand voor de editie van {editie_tekst} van het \
                 monitoringsoverzicht ({}). Op het blad ‘{BLAD_ACTIES}’ staan per actie de huidige \
                 status en voortgangstekst (grijs); daarnaast vult u in wat er veranderd is.",
                meta.programma,
            ),
            wrap,
        ),
        (String::new(), wrap),
        ("Wat u invult".into(), &vet),
        (
            "Nieuwe status: kies de status uit de lijst (klik op de cel, dan op het pijltje). \
             Laat de cel leeg als de status niet verandert."
                .into(),
            wrap,
        ),
        (
            "Nieuwe voortgangstekst: de tekst zoals die in het overzicht moet komen te staan; \
             hij vervangt de huidige tekst helemaal. Laat de cel leeg als de tekst niet verandert. \
             Een nieuwe regel in een cel maakt u met Alt+Enter (Mac: Control+Option+Enter); \
             elke regel wordt een alinea, en regels die met • of - beginnen worden een opsomming."
                .into(),
            wrap,
        ),
        (
            "Opmerking: een toelichting voor het programmateam; die komt niet in het overzicht."
                .into(),
            wrap,
        ),
        (String::new(), wrap),
        ("Let op".into(), &vet),
        (
            "De grijze kolommen zijn de huidige stand; die kunt u niet wijzigen. \
             Verander de kolom Nummer niet, voeg geen rijen toe en verwijder geen bladen."
                .into(),
            wrap,
        ),
        (
            "Stuur het bestand terug als .xlsx (Excel) of .ods (LibreOffice).".into(),
            wrap,
        ),
        (String::new(), wrap),
        ("De statussen".into(), &vet),
    ];
    for item in &meta.legenda {
        lines.push((format!("{}: {}", item.label, item.omschrijving), wrap));
    }
    for (i, (text, format)) in lines.iter().enumerate() {
        let row = i as u32 + 2;
        uitleg.write_string_with_format(row, 0, text, format)?;
        uitleg.set_row_height(row, hoogte(regels(text, UITLEG_BREEDTE)))?;
    }
    uitleg.set_row_height(0, hoogte(regels(titel, UITLEG_BREEDTE / 1.3)))?;
    uitleg.set_paper_size(9);
    uitleg.set_print_fit_to_pages(1, 0);
    uitleg.set_active(true);

    Ok(uitleg)
}

/// The sheet of actions: the current state (grey, locked) and the columns
/// to fill in, with the list of statuses to choose from.
fn acties(
    site: &Site,
    rows: &[(&Actielijn, &Actie)],
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let meta = &site.meta;
    let Formats {
        kop, grijs, invul, ..
    } = formats;
    let mut acties = Worksheet::new();
    acties.set_name(BLAD_ACTIES)?;
    for (col, (header, width)) in KOLOMMEN.iter().zip(BREEDTES).enumerate() {
        acties.set_column_width(col as u16, width)?;
        acties.write_string_with_format(0, col as u16, *header, kop)?;
    }
    for (i, (lijn, actie)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let cells = [
            actie.nummer.label(),
            format!("{}. {}", lijn.nummer, lijn.korte_titel),
            actie.titel.clone(),
            meta.legenda_label(actie.status).to_string(),
            actie.tekst.trim().to_string(),
        ];
        for (col, text) in cells.iter().enumerate() {
            acties.write_string_with_format(row, col as u16, text, grijs)?;
        }
        for col in ALLEEN_LEZEN..KOLOMMEN.len() {
            acties.write_blank(row, col as u16, invul)?;
        }
        // Room for the longest cell, and for an answer of a few lines.
        let lines = cells
            .iter()
            .zip(BREEDTES)
            .map(|(text, width)| regels(text, width))
            .max()
            .unwrap_or(1)
            .max(4);
        acties.set_row_height(row, hoogte(lines))?;
    }
    acties.set_row_height(0, hoogte(2))?;
    acties.set_freeze_panes(1, 1)?;
    acties.set_landscape();
    acties.set_paper_size(9); // A4
    acties.set_print_fit_to_pages(1, 0);
    acties.set_repeat_rows(0, 0)?;
    if !rows.is_empty() {
        let last = rows.len() as u32;
        let first = STATUS_RIJ + 1;
        let list = format!(
            "={BLAD_GEGEVENS}!$A${first}:$A${}",
            first + Status::ALL.len() as u32 - 1
        );
        let validation = DataValidation::new()
            .allow_list_formula(Formula::new(list))
            .set_input_title("Nieuwe status")?
            .set_input_message("Kies uit de lijst, of laat leeg als de status niet verandert.")?
            .set_error_title("Onbekende status")?
            .set_error_message("Kies een status uit de lijst.")?
            .set_error_style(DataValidationErrorStyle::Stop);
        acties.add_data_validation(
            1,
            ALLEEN_LEZEN as u16,
            last,
            ALLEEN_LEZEN as u16,
            &validation,
        )?;
        acties.autofilter(0, 0, last, KOLOMMEN.len() as u16 - 1)?;
    }
    acties.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: false,
        ..ProtectionOptions::default()
    });

    Ok(acties)
}

/// The hidden sheet the import reads: the edition, the content's identity
/// and the statuses with their keys.
fn gegevens(site: &Site, editie: &str, inhoud: &str) -> Result<Worksheet, XlsxError> {
    let meta = &site.meta;
    let mut gegevens = Worksheet::new();
    gegevens.set_name(BLAD_GEGEVENS)?;
    gegevens.write_string(0, 0, "sleutel")?;
    gegevens.write_string(0, 1, "waarde")?;
    gegevens.write_string(1, 0, SLEUTEL_EDITIE)?;
    gegevens.write_string(1, 1, editie)?;
    gegevens.write_string(2, 0, SLEUTEL_INHOUD)?;
    gegevens.write_string(2, 1, inhoud)?;
    gegevens.write_string(3, 0, "gemaakt door")?;
    gegevens.write_string(3, 1, format!("bijlage {}", env!("CARGO_PKG_VERSION")))?;
    gegevens.write_string(STATUS_RIJ - 1, 0, "status")?;
    gegevens.write_string(STATUS_RIJ - 1, 1, "sleutel")?;
    for (i, status) in Status::ALL.into_iter().enumerate() {
        let row = STATUS_RIJ + i as u32;
        gegevens.write_string(row, 0, meta.legenda_label(status))?;
        gegevens.write_string(row, 1, status.key())?;
    }
    gegevens.set_column_width(0, 28)?;
    gegevens.set_column_width(1, 20)?;
    gegevens.set_hidden(true);
    gegevens.protect();

    Ok(gegevens)
}

/// What [`export`] wrote.
#[derive(Debug)]
pub struct Exported {
    /// The workbook written.
    pub path: std::path::PathBuf,
    /// How many actions it lists.
    pub rows: usize,
    /// "November 2025".
    pub editie: String,
    /// The warnings of loading the content.
    pub warnings: Vec<Diagnostic>,
    /// (display path, text) of the content files, for the report.
    pub sources: Vec<(String, String)>,
}

/// Loads the content from `source`, selects, and writes the workbook to
/// `output` (by default `statusupdate-JJJJ-MM.xlsx`) atomically.
pub fn export(
    source: &crate::ContentSource,
    selectie: &Selectie,
    output: Option<&std::path::Path>,
) -> Result<Exported, crate::error::BuildError> {
    use crate::error::BuildError;
    let texts = |files: &[crate::content::SourceFile]| -> Vec<(String, String)> {
        files
            .iter()
            .map(|f| (f.display.clone(), f.text.to_string()))
            .collect()
    };
    let (site, files, warnings) =
        crate::load_site(source, selectie.drafts).map_err(|(mut diagnostics, files)| {
            diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
            BuildError::Invalid {
                diagnostics,
                sources: texts(&files),
            }
        })?;
    let rows = select(&site, selectie).map_err(|diagnostics| BuildError::Invalid {
        diagnostics,
        sources: Vec::new(),
    })?;
    let path = output.map_or_else(
        || {
            std::path::PathBuf::from(format!(
                "statusupdate-{}-{:02}.xlsx",
                site.meta.editie.jaar, site.meta.editie.maand
            ))
        },
        std::path::Path::to_path_buf,
    );
    let bytes =
        workbook(&site, &super::inhoud(&files), &rows).map_err(|problem| BuildError::Invalid {
            diagnostics: vec![Diagnostic::new(
                Location::file(path.display().to_string()),
                problem,
            )],
            sources: Vec::new(),
        })?;
    super::write_atomically(&path, &bytes).map_err(|err| BuildError::io(&path, err))?;
    Ok(Exported {
        rows: rows.len(),
        editie: site.meta.editie.label(),
        sources: texts(&files),
        warnings,
        path,
    })
}
