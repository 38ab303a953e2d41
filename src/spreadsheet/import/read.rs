//! Reading the workbooks: each answered row of the sheet of actions, checked
//! against the content (number, status, text).

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Range, Reader};

use super::super::tekst::{Aanpassing, enkel, normaliseer};
use super::super::{
    BLAD_ACTIES, BLAD_GEGEVENS, KOLOM_NUMMER, KOLOM_OPMERKING, KOLOM_STATUS, KOLOM_TEKST,
    KOLOM_TITEL, SLEUTEL_EDITIE, SLEUTEL_INHOUD, cel,
};
use crate::error::{Diagnostic, Location, Problem, suggest};
use crate::model::{Actie, Site, Status};

/// A workbook as calamine opened it.
type Workbook = calamine::Sheets<std::io::BufReader<std::fs::File>>;

/// One answered row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Antwoord {
    pub(super) status: Option<Status>,
    pub(super) tekst: Option<String>,
    pub(super) aanpassingen: Vec<Aanpassing>,
    pub(super) opmerking: Option<String>,
}

/// A cell's content as text: numbers as they look ("15", not "15.0").
fn text_of(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

fn cell_at(range: &Range<Data>, row: usize, col: usize) -> String {
    range.get((row, col)).map(text_of).unwrap_or_default()
}

/// The status `answer` names: a label of the legend, the built-in label, or
/// a key, ignoring case and extra spaces.
fn parse_status(site: &Site, answer: &str) -> Option<Status> {
    let answer = enkel(answer).to_lowercase();
    Status::ALL.into_iter().find(|s| {
        [site.meta.legenda_label(*s), s.label(), s.key()]
            .iter()
            .any(|name| name.to_lowercase() == answer)
    })
}

fn status_labels(site: &Site) -> Vec<String> {
    Status::ALL
        .into_iter()
        .map(|s| site.meta.legenda_label(s).to_string())
        .collect()
}

/// The nearest label to a wrong answer, compared in lower case.
fn nearest_status(site: &Site, answer: &str) -> Option<String> {
    let labels = status_labels(site);
    let lower: Vec<String> = labels.iter().map(|l| l.to_lowercase()).collect();
    let keys: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
    let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
    let answer = enkel(answer).to_lowercase();
    if let Some(best) = suggest(&answer, &lower_refs) {
        let i = lower_refs.iter().position(|l| *l == best)?;
        return Some(labels[i].clone());
    }
    suggest(&answer, &keys).map(str::to_string)
}

/// The entry a Nummer cell names: its label ("15", "3 en 4", an id), or a
/// combined number written "3/4".
fn find<'a>(site: &'a Site, nummer: &str) -> Option<&'a Actie> {
    let wanted = enkel(nummer);
    site.acties().map(|(_, actie)| actie).find(|actie| {
        let label = actie.nummer.label();
        label == wanted
            || label.eq_ignore_ascii_case(&wanted)
            || (!actie.nummer.is_extra() && actie.nummer.to_string() == wanted.replace(' ', ""))
    })
}

/// The columns of the sheet of actions, by position in its range (whose
/// top left cell is at `row0`, `col0` of the sheet).
struct Columns {
    row0: usize,
    col0: usize,
    header: usize,
    nummer: usize,
    status: usize,
    tekst: usize,
    opmerking: Option<usize>,
    titel: Option<usize>,
    huidig_status: Option<usize>,
    huidig_tekst: Option<usize>,
}

/// The workbooks' answers, read and checked against `site`.
pub(super) struct Lezer<'a> {
    pub(super) site: &'a Site,
    pub(super) inhoud: String,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) warnings: Vec<Diagnostic>,
    /// By action file: the answer and where it was given.
    pub(super) antwoorden: BTreeMap<String, (Antwoord, String)>,
    pub(super) rows: usize,
}

impl Lezer<'_> {
    fn error(&mut self, file: &str, problem: Problem) {
        self.diagnostics
            .push(Diagnostic::new(Location::file(file), problem));
    }

    pub(super) fn read(&mut self, path: &Path) {
        let shown = path.display().to_string();
        if let Err(err) = std::fs::metadata(path) {
            self.error(
                &shown,
                Problem::WorkbookUnreadable(crate::error::io_message(&err)),
            );
            return;
        }
        let Some(mut workbook) = self.open(path, &shown) else {
            return;
        };
        let names = workbook.sheet_names();
        if !self.read_gegevens(&shown, &mut workbook, &names) {
            return;
        }
        if !names.iter().any(|n| n == BLAD_ACTIES) {
            self.error(&shown, Problem::SheetMissing { sheet: BLAD_ACTIES });
            return;
        }
        let acties = match workbook.worksheet_range(BLAD_ACTIES) {
            Ok(range) => range,
            Err(err) => {
                self.error(&shown, Problem::WorkbookUnreadable(err.to_string()));
                return;
            }
        };
        self.read_acties(&shown, &acties);
    }

    /// The workbook at `path` (.xlsx or .ods), or None when calamine cannot
    /// open it (the error reported).
    fn open(&mut self, path: &Path, shown: &str) -> Option<Workbook> {
        match calamine::open_workbook_auto(path) {
            Ok(workbook) => Some(workbook),
            Err(err) => {
                // calamine's own text is English: kept, in parentheses.
                let reason = match &err {
                    calamine::Error::Io(io) => crate::error::io_message(io),
                    other => format!("geen geldig .xlsx- of .ods-bestand, of beschadigd ({other})"),
                };
                self.error(shown, Problem::WorkbookUnreadable(reason));
                None
            }
        }
    }

    /// Reads the hidden sheet: the workbook must belong to this edition (else
    /// an error, and false); a warning when the content changed since the
    /// export.
    fn read_gegevens(&mut self, shown: &str, workbook: &mut Workbook, names: &[String]) -> bool {
        if !names.iter().any(|n| n == BLAD_GEGEVENS) {
            self.error(
                shown,
                Problem::SheetMissing {
                    sheet: BLAD_GEGEVENS,
                },
            );
            return false;
        }
        let gegevens = match workbook.worksheet_range(BLAD_GEGEVENS) {
            Ok(range) => range,
            Err(err) => {
                self.error(shown, Problem::WorkbookUnreadable(err.to_string()));
                return false;
            }
        };
        let (start_row, start_col) = gegevens.start().unwrap_or((0, 0));
        let mut editie = None;
        let mut inhoud = None;
        for (i, row) in gegevens.rows().enumerate() {
            let key = row.first().map(text_of).unwrap_or_default();
            let value = row.get(1).map(text_of).unwrap_or_default();
            let place = cel(
                BLAD_GEGEVENS,
                start_row as usize + i,
                start_col as usize + 1,
                None,
            );
            if key == SLEUTEL_EDITIE {
                editie = Some((value, place));
            } else if key == SLEUTEL_INHOUD {
                inhoud = Some(value);
            }
        }
        let expected = format!(
            "{}-{:02}",
            self.site.meta.editie.jaar, self.site.meta.editie.maand
        );
        match editie {
            Some((found, _)) if found.trim() == expected => {}
            Some((found, place)) => {
                self.error(
                    shown,
                    Problem::WrongEdition {
                        cel: place.into(),
                        found: found.trim().into(),
                        expected: expected.into(),
                    },
                );
                return false;
            }
            None => {
                self.error(
                    shown,
                    Problem::ColumnMissing {
                        sheet: BLAD_GEGEVENS,
                        column: SLEUTEL_EDITIE,
                    },
                );
                return false;
            }
        }
        if inhoud.as_deref().map(str::trim) != Some(self.inhoud.as_str()) {
            self.warnings.push(Diagnostic::warning(
                Location::file(shown),
                Problem::ContentChangedSinceExport,
            ));
        }
        true
    }

    fn read_acties(&mut self, shown: &str, range: &Range<Data>) {
        if let Some(cols) = self.columns(shown, range) {
            for r in cols.header + 1..range.height() {
                self.read_row(shown, range, &cols, r);
            }
        }
    }

    /// Where the columns of the sheet of actions are: the header row is the
    /// first with a cell `Nummer`. Reports a missing column it needs.
    fn columns(&mut self, shown: &str, range: &Range<Data>) -> Option<Columns> {
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let height = range.height();
        let width = range.width();
        let missing = |name| Problem::ColumnMissing {
            sheet: BLAD_ACTIES,
            column: name,
        };
        let Some(header) =
            (0..height).find(|&r| (0..width).any(|c| enkel(&cell_at(range, r, c)) == KOLOM_NUMMER))
        else {
            self.error(shown, missing(KOLOM_NUMMER));
            return None;
        };
        let column = |name: &str| (0..width).find(|&c| enkel(&cell_at(range, header, c)) == name);
        let status = column(KOLOM_STATUS);
        let tekst = column(KOLOM_TEKST);
        for (col, name) in [(status, KOLOM_STATUS), (tekst, KOLOM_TEKST)] {
            if col.is_none() {
                self.error(shown, missing(name));
            }
        }
        Some(Columns {
            row0: row0 as usize,
            col0: col0 as usize,
            header,
            nummer: column(KOLOM_NUMMER)?,
            status: status?,
            tekst: tekst?,
            opmerking: column(KOLOM_OPMERKING),
            titel: column(KOLOM_TITEL),
            huidig_status: column(super::super::KOLOMMEN[3]),
            huidig_tekst: column(super::super::KOLOMMEN[4]),
        })
    }

    /// The suggestion for a number that names no action: the action with
    /// the row's own title, else a near id (a near number is a guess, not a
    /// suggestion).
    fn suggestion(&self, found: &str, titel: Option<String>) -> Option<String> {
        let by_title = self
            .site
            .acties()
            .find(|(_, a)| Some(enkel(&a.titel)) == titel)
            .map(|(_, a)| a.nummer.label());
        let ids: Vec<String> = self
            .site
            .acties()
            .filter(|(_, a)| a.nummer.is_extra())
            .map(|(_, a)| a.nummer.label())
            .collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        by_title.or_else(|| suggest(found, &refs).map(str::to_string))
    }

    /// One row of the sheet of actions: skipped when empty, else checked
    /// and kept as the answer for its action.
    fn read_row(&mut self, shown: &str, range: &Range<Data>, cols: &Columns, r: usize) {
        let place =
            |c: usize, name: &str| cel(BLAD_ACTIES, cols.row0 + r, cols.col0 + c, Some(name));
        let nummer = cell_at(range, r, cols.nummer);
        let status = cell_at(range, r, cols.status);
        let tekst = cell_at(range, r, cols.tekst);
        let opmerking = cols
            .opmerking
            .map(|c| cell_at(range, r, c))
            .filter(|t| !t.trim().is_empty());
        if status.trim().is_empty() && tekst.trim().is_empty() && opmerking.is_none() {
            return;
        }
        self.rows += 1;
        let Some(actie) = find(self.site, &nummer) else {
            let found = enkel(&nummer);
            let titel = cols.titel.map(|c| enkel(&cell_at(range, r, c)));
            let suggestion = self.suggestion(&found, titel);
            self.error(
                shown,
                Problem::AnswerNumber {
                    cel: place(cols.nummer, KOLOM_NUMMER).into(),
                    found: found.into(),
                    suggestion: suggestion.map(Into::into),
                },
            );
            return;
        };
        let Ok(new_status) =
            self.answered_status(shown, &status, || place(cols.status, KOLOM_STATUS))
        else {
            return;
        };
        let (new_tekst, aanpassingen) = if tekst.trim().is_empty() {
            (None, Vec::new())
        } else {
            let (text, changes) = normaliseer(&tekst);
            (Some(text), changes)
        };
        if new_status.is_some() || new_tekst.is_some() {
            self.warn_if_stale(shown, range, cols, r, actie);
        }
        let antwoord = Antwoord {
            status: new_status,
            tekst: new_tekst,
            aanpassingen,
            opmerking: opmerking.map(|t| normaliseer(&t).0),
        };
        self.record(shown, cols, r, actie, antwoord);
    }

    /// The status answered in a cell: None when it is empty; Err, with the
    /// error reported at the cell `place` names, when no status reads so.
    fn answered_status(
        &mut self,
        shown: &str,
        status: &str,
        place: impl Fn() -> String,
    ) -> Result<Option<Status>, ()> {
        if status.trim().is_empty() {
            return Ok(None);
        }
        match parse_status(self.site, status) {
            Some(s) => Ok(Some(s)),
            None => {
                let problem = Problem::AnswerStatus {
                    cel: place().into(),
                    found: enkel(status).into(),
                    suggestion: nearest_status(self.site, status).map(Into::into),
                    allowed: status_labels(self.site).join("; ").into(),
                };
                self.error(shown, problem);
                Err(())
            }
        }
    }

    /// Warns when the stand the action holder saw in row `r` (the current
    /// status and text columns of the export) is no longer the content's.
    fn warn_if_stale(
        &mut self,
        shown: &str,
        range: &Range<Data>,
        cols: &Columns,
        r: usize,
        actie: &Actie,
    ) {
        let seen_status = cols.huidig_status.map(|c| cell_at(range, r, c));
        let seen_tekst = cols
            .huidig_tekst
            .map(|c| cell_at(range, r, c).replace("\r\n", "\n"));
        let status_moved =
            seen_status.is_some_and(|seen| parse_status(self.site, &seen) != Some(actie.status));
        let tekst_moved = seen_tekst.is_some_and(|seen| seen.trim() != actie.tekst.trim());
        if status_moved || tekst_moved {
            self.warnings.push(Diagnostic::warning(
                Location::file(shown),
                Problem::AnswerStale {
                    cel: cel(
                        BLAD_ACTIES,
                        cols.row0 + r,
                        cols.col0 + cols.huidig_status.unwrap_or(0),
                        None,
                    )
                    .into(),
                    label: actie.nummer.label().into(),
                },
            ));
        }
    }

    /// Keeps the answer of row `r` for `actie`, unless another row answered
    /// it already: the same answer twice is fine, a different one an error.
    fn record(&mut self, shown: &str, cols: &Columns, r: usize, actie: &Actie, antwoord: Antwoord) {
        let place =
            |c: usize, name: &str| cel(BLAD_ACTIES, cols.row0 + r, cols.col0 + c, Some(name));
        let herkomst = format!("{shown}, blad `{BLAD_ACTIES}`, rij {}", cols.row0 + r + 1);
        match self.antwoorden.get(&actie.bron.file) {
            Some((earlier, where_)) => {
                if earlier.status != antwoord.status || earlier.tekst != antwoord.tekst {
                    let problem = Problem::AnswerConflict {
                        cel: place(cols.nummer, KOLOM_NUMMER).into(),
                        label: actie.nummer.label().into(),
                        other: where_.as_str().into(),
                    };
                    self.error(shown, problem);
                }
            }
            None => {
                self.antwoorden
                    .insert(actie.bron.file.clone(), (antwoord, herkomst));
            }
        }
    }
}
