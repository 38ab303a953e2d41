//! `bijlage import`: the answers of the action holders into the content.
//! Everything is read and checked before anything is written; the action
//! files are edited in place (the value of `status:` and the body), every
//! other byte stays as it was; the write is all-or-nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, Range, Reader};

use super::tekst::{Aanpassing, enkel, normaliseer};
use super::{
    BLAD_ACTIES, BLAD_GEGEVENS, KOLOM_NUMMER, KOLOM_OPMERKING, KOLOM_STATUS, KOLOM_TEKST,
    KOLOM_TITEL, SLEUTEL_EDITIE, SLEUTEL_INHOUD, cel, temp_path,
};
use crate::content::{ContentSource, SourceFile, frontmatter};
use crate::error::{BuildError, Diagnostic, Location, Problem, suggest};
use crate::model::{Actie, Site, Status};

/// One change to one action file.
#[derive(Debug, Clone)]
pub struct Wijziging {
    /// The action file as shown to editors.
    pub bestand: String,
    /// The action file to change.
    pub pad: PathBuf,
    /// The entry's number as the workbook shows it ("15", "3 en 4").
    pub nummer: String,
    /// The action's title, to name it in the summary.
    pub titel: String,
    /// (from, to) when the status changes.
    pub status: Option<(Status, Status)>,
    /// (old, new) body when the text changes.
    pub tekst: Option<(String, String)>,
    /// What was cleaned up in the new text.
    pub aanpassingen: Vec<Aanpassing>,
    /// The remark of the action holder, if any.
    pub opmerking: Option<String>,
    /// Where the answer came from ("antwoorden.xlsx, rij 5").
    pub herkomst: String,
    /// The file as it is.
    pub oud: Vec<u8>,
    /// The file as it will be.
    pub nieuw: Vec<u8>,
}

/// Everything an import would do, checked, not yet written.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The action files that change, in content order.
    pub wijzigingen: Vec<Wijziging>,
    /// Answered rows that change nothing, and remarks without a change.
    pub ongewijzigd: Vec<String>,
    /// Remarks of the action holders: (action, remark).
    pub opmerkingen: Vec<(String, String)>,
    /// What was noticed but does not stop the import.
    pub warnings: Vec<Diagnostic>,
    /// How many rows with an answer were read, over all workbooks.
    pub antwoorden: usize,
    /// The content folder.
    pub content: PathBuf,
}

/// One answered row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Antwoord {
    status: Option<Status>,
    tekst: Option<String>,
    aanpassingen: Vec<Aanpassing>,
    opmerking: Option<String>,
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

/// The workbooks' answers, read and checked against `site`.
struct Lezer<'a> {
    site: &'a Site,
    inhoud: String,
    diagnostics: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// By action file: the answer and where it was given.
    antwoorden: BTreeMap<String, (Antwoord, String)>,
    rows: usize,
}

impl Lezer<'_> {
    fn error(&mut self, file: &str, problem: Problem) {
        self.diagnostics
            .push(Diagnostic::new(Location::file(file), problem));
    }

    fn read(&mut self, path: &Path) {
        let shown = path.display().to_string();
        if let Err(err) = std::fs::metadata(path) {
            self.error(
                &shown,
                Problem::WorkbookUnreadable(crate::error::io_message(&err)),
            );
            return;
        }
        let mut workbook = match calamine::open_workbook_auto(path) {
            Ok(workbook) => workbook,
            Err(err) => {
                // calamine's own text is English: kept, in parentheses.
                let reason = match &err {
                    calamine::Error::Io(io) => crate::error::io_message(io),
                    other => format!("geen geldig .xlsx- of .ods-bestand, of beschadigd ({other})"),
                };
                self.error(&shown, Problem::WorkbookUnreadable(reason));
                return;
            }
        };
        let names = workbook.sheet_names();
        // The hidden sheet: the edition the workbook belongs to.
        if !names.iter().any(|n| n == BLAD_GEGEVENS) {
            self.error(
                &shown,
                Problem::SheetMissing {
                    sheet: BLAD_GEGEVENS,
                },
            );
            return;
        }
        let gegevens = match workbook.worksheet_range(BLAD_GEGEVENS) {
            Ok(range) => range,
            Err(err) => {
                self.error(&shown, Problem::WorkbookUnreadable(err.to_string()));
                return;
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
                    &shown,
                    Problem::WrongEdition {
                        cel: place.into(),
                        found: found.trim().into(),
                        expected: expected.into(),
                    },
                );
                return;
            }
            None => {
                self.error(
                    &shown,
                    Problem::ColumnMissing {
                        sheet: BLAD_GEGEVENS,
                        column: SLEUTEL_EDITIE,
                    },
                );
                return;
            }
        }
        if inhoud.as_deref().map(str::trim) != Some(self.inhoud.as_str()) {
            self.warnings.push(Diagnostic::warning(
                Location::file(&shown),
                Problem::ContentChangedSinceExport,
            ));
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

    fn read_acties(&mut self, shown: &str, range: &Range<Data>) {
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let (row0, col0) = (row0 as usize, col0 as usize);
        let height = range.height();
        let width = range.width();
        // The header row: the first with a cell `Nummer`.
        let Some(header) =
            (0..height).find(|&r| (0..width).any(|c| enkel(&cell_at(range, r, c)) == KOLOM_NUMMER))
        else {
            self.error(
                shown,
                Problem::ColumnMissing {
                    sheet: BLAD_ACTIES,
                    column: KOLOM_NUMMER,
                },
            );
            return;
        };
        let column = |name: &str| (0..width).find(|&c| enkel(&cell_at(range, header, c)) == name);
        let nummer_col = column(KOLOM_NUMMER);
        let status_col = column(KOLOM_STATUS);
        let tekst_col = column(KOLOM_TEKST);
        let opmerking_col = column(KOLOM_OPMERKING);
        let titel_col = column(KOLOM_TITEL);
        let huidig_status_col = column(super::KOLOMMEN[3]);
        let huidig_tekst_col = column(super::KOLOMMEN[4]);
        let mut missing = false;
        for (col, name) in [(status_col, KOLOM_STATUS), (tekst_col, KOLOM_TEKST)] {
            if col.is_none() {
                self.error(
                    shown,
                    Problem::ColumnMissing {
                        sheet: BLAD_ACTIES,
                        column: name,
                    },
                );
                missing = true;
            }
        }
        let (Some(nummer_col), Some(status_col), Some(tekst_col)) =
            (nummer_col, status_col, tekst_col)
        else {
            return;
        };
        if missing {
            return;
        }
        let place =
            |r: usize, c: usize, name: &str| cel(BLAD_ACTIES, row0 + r, col0 + c, Some(name));
        for r in header + 1..height {
            let nummer = cell_at(range, r, nummer_col);
            let status = cell_at(range, r, status_col);
            let tekst = cell_at(range, r, tekst_col);
            let opmerking = opmerking_col
                .map(|c| cell_at(range, r, c))
                .filter(|t| !t.trim().is_empty());
            if status.trim().is_empty() && tekst.trim().is_empty() && opmerking.is_none() {
                continue;
            }
            self.rows += 1;
            let Some(actie) = find(self.site, &nummer) else {
                let found = enkel(&nummer);
                // The row's own title names the action best; else a
                // near id (a near number is a guess, not a suggestion).
                let titel = titel_col.map(|c| enkel(&cell_at(range, r, c)));
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
                let suggestion = by_title.or_else(|| suggest(&found, &refs).map(str::to_string));
                self.error(
                    shown,
                    Problem::AnswerNumber {
                        cel: place(r, nummer_col, KOLOM_NUMMER).into(),
                        found: found.into(),
                        suggestion: suggestion.map(Into::into),
                    },
                );
                continue;
            };
            let new_status = if status.trim().is_empty() {
                None
            } else {
                match parse_status(self.site, &status) {
                    Some(s) => Some(s),
                    None => {
                        let problem = Problem::AnswerStatus {
                            cel: place(r, status_col, KOLOM_STATUS).into(),
                            found: enkel(&status).into(),
                            suggestion: nearest_status(self.site, &status).map(Into::into),
                            allowed: status_labels(self.site).join("; ").into(),
                        };
                        self.error(shown, problem);
                        continue;
                    }
                }
            };
            let (new_tekst, aanpassingen) = if tekst.trim().is_empty() {
                (None, Vec::new())
            } else {
                let (text, changes) = normaliseer(&tekst);
                (Some(text), changes)
            };
            // The stand the action holder saw, against the content now.
            if new_status.is_some() || new_tekst.is_some() {
                let seen_status = huidig_status_col.map(|c| cell_at(range, r, c));
                let seen_tekst =
                    huidig_tekst_col.map(|c| cell_at(range, r, c).replace("\r\n", "\n"));
                let status_moved = seen_status
                    .is_some_and(|seen| parse_status(self.site, &seen) != Some(actie.status));
                let tekst_moved = seen_tekst.is_some_and(|seen| seen.trim() != actie.tekst.trim());
                if status_moved || tekst_moved {
                    self.warnings.push(Diagnostic::warning(
                        Location::file(shown),
                        Problem::AnswerStale {
                            cel: cel(
                                BLAD_ACTIES,
                                row0 + r,
                                col0 + huidig_status_col.unwrap_or(0),
                                None,
                            )
                            .into(),
                            label: actie.nummer.label().into(),
                        },
                    ));
                }
            }
            let antwoord = Antwoord {
                status: new_status,
                tekst: new_tekst,
                aanpassingen,
                opmerking: opmerking.map(|t| normaliseer(&t).0),
            };
            let herkomst = format!("{shown}, blad `{BLAD_ACTIES}`, rij {}", row0 + r + 1);
            match self.antwoorden.get(&actie.bron.file) {
                Some((earlier, where_)) => {
                    if earlier.status != antwoord.status || earlier.tekst != antwoord.tekst {
                        let problem = Problem::AnswerConflict {
                            cel: place(r, nummer_col, KOLOM_NUMMER).into(),
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
}

/// Where in `text` (a page, BOM already off) the value of the top-level
/// `status:` key is: the byte range of the value, inside quotes if quoted.
pub(crate) fn status_span(text: &str) -> Option<std::ops::Range<usize>> {
    let split = frontmatter::split(text).ok()?;
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let mut offset = yaml_start;
    for line in split.yaml.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix("status:") else {
            continue;
        };
        let content = rest.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start_matches([' ', '\t']).len();
        let value = &content[lead..];
        let value_start = start + "status:".len() + lead;
        let (inner_start, inner_len) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = value[1..].find(q)?;
                (value_start + 1, close)
            }
            _ => {
                // Up to a comment or the end of the line.
                let end = value
                    .find(" #")
                    .or_else(|| value.find("\t#"))
                    .unwrap_or(value.len());
                (value_start, value[..end].trim_end().len())
            }
        };
        if inner_len == 0 {
            return None;
        }
        return Some(inner_start..inner_start + inner_len);
    }
    None
}

/// `raw` (a page's bytes) with the status value and/or the body replaced;
/// every other byte as it was. The new body gets the file's line ends.
pub fn edit(raw: &[u8], status: Option<Status>, body: Option<&str>) -> Result<Vec<u8>, Problem> {
    let raw = std::str::from_utf8(raw).map_err(|_| Problem::NotUtf8)?;
    let bom = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &raw[bom..];
    let split = frontmatter::split(text).map_err(|(problem, _)| problem)?;
    let body_start = bom + text.len() - split.body.len();
    let mut out = String::with_capacity(raw.len() + body.map_or(0, str::len));
    let head = &raw[..body_start];
    match status {
        Some(status) => {
            let span = status_span(text).ok_or(Problem::StatusLineNotFound)?;
            out.push_str(&head[..bom + span.start]);
            out.push_str(status.key());
            out.push_str(&head[bom + span.end..]);
        }
        None => out.push_str(head),
    }
    match body {
        Some(body) => {
            let crlf = head.ends_with("\r\n");
            let mut new = body.trim_end().to_string();
            new.push('\n');
            if crlf {
                new = new.replace('\n', "\r\n");
            }
            out.push_str(&new);
        }
        None => out.push_str(&raw[body_start..]),
    }
    Ok(out.into_bytes())
}

/// Reads `workbooks`, checks every answer against the content in
/// `content_dir`, and works out the new bytes of each action file. Nothing
/// is written. On any error, every problem found.
pub fn plan(workbooks: &[PathBuf], content_dir: &Path) -> Result<Plan, BuildError> {
    let source = ContentSource::Dir(content_dir.to_path_buf());
    let (site, files, load_warnings) = match crate::load_site(&source, true) {
        Ok(loaded) => loaded,
        Err((diagnostics, files)) => return Err(invalid(diagnostics, &files)),
    };
    let mut lezer = Lezer {
        site: &site,
        inhoud: super::inhoud(&files),
        diagnostics: Vec::new(),
        warnings: Vec::new(),
        antwoorden: BTreeMap::new(),
        rows: 0,
    };
    for path in workbooks {
        lezer.read(path);
    }
    if !lezer.diagnostics.is_empty() {
        let mut diagnostics = lezer.diagnostics;
        diagnostics.extend(lezer.warnings);
        return Err(invalid(diagnostics, &files));
    }
    let mut plan = Plan {
        warnings: lezer.warnings,
        antwoorden: lezer.rows,
        content: content_dir.to_path_buf(),
        ..Plan::default()
    };
    let mut diagnostics = Vec::new();
    for (bestand, (antwoord, herkomst)) in &lezer.antwoorden {
        let Some(actie) = site
            .acties()
            .map(|(_, a)| a)
            .find(|a| &a.bron.file == bestand)
        else {
            continue;
        };
        let Some(file) = files.iter().find(|f| &f.display == bestand) else {
            continue;
        };
        let label = actie.nummer.label();
        let status = antwoord
            .status
            .filter(|s| *s != actie.status)
            .map(|s| (actie.status, s));
        let old_body = actie.tekst.trim().to_string();
        let tekst = antwoord
            .tekst
            .clone()
            .filter(|t| *t != old_body)
            .map(|t| (old_body.clone(), t));
        if status.is_none() && tekst.is_none() {
            match &antwoord.opmerking {
                Some(opmerking) => plan.opmerkingen.push((label, opmerking.clone())),
                None => plan.ongewijzigd.push(label),
            }
            continue;
        }
        let pad = content_dir.join(&file.rel);
        let oud = match std::fs::read(&pad) {
            Ok(bytes) => bytes,
            Err(err) => {
                diagnostics.push(Diagnostic::new(
                    Location::file(bestand),
                    Problem::Unreadable(crate::error::io_message(&err)),
                ));
                continue;
            }
        };
        let nieuw = match edit(
            &oud,
            status.map(|(_, to)| to),
            tekst.as_ref().map(|(_, t)| t.as_str()),
        ) {
            Ok(bytes) => bytes,
            Err(problem) => {
                diagnostics.push(Diagnostic::new(Location::file(bestand), problem));
                continue;
            }
        };
        plan.wijzigingen.push(Wijziging {
            bestand: bestand.clone(),
            pad,
            nummer: label,
            titel: actie.titel.clone(),
            status,
            aanpassingen: if tekst.is_some() {
                antwoord.aanpassingen.clone()
            } else {
                Vec::new()
            },
            tekst,
            opmerking: antwoord.opmerking.clone(),
            herkomst: herkomst.clone(),
            oud,
            nieuw,
        });
    }
    if !diagnostics.is_empty() {
        return Err(invalid(diagnostics, &files));
    }
    // The content as it would be, checked as a build checks it: a new text
    // with a broken reference is caught before anything is written.
    if !plan.wijzigingen.is_empty() {
        let mut memory = Vec::with_capacity(files.len());
        for file in &files {
            let bytes = match plan.wijzigingen.iter().find(|w| w.bestand == file.display) {
                Some(w) => w.nieuw.clone(),
                None => file.text.as_bytes().to_vec(),
            };
            memory.push((file.rel.clone(), bytes));
        }
        let after = ContentSource::Memory {
            label: source.display(),
            files: Arc::new(memory),
        };
        let mut before: Vec<Diagnostic> = load_warnings;
        before.extend(crate::render::checks::warnings(&site));
        match crate::load_site(&after, true) {
            Ok((new_site, _, warnings)) => {
                let mut after_checks = crate::render::checks::warnings(&new_site);
                after_checks.extend(warnings);
                // Warnings the import brings in (an empty text, a reference
                // that does not resolve) are shown; old ones are not.
                for warning in after_checks {
                    if !before.contains(&warning) {
                        plan.warnings.push(warning);
                    }
                }
            }
            Err((diagnostics, files)) => return Err(invalid(diagnostics, &files)),
        }
    }
    Ok(plan)
}

fn invalid(mut diagnostics: Vec<Diagnostic>, files: &[SourceFile]) -> BuildError {
    diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
    BuildError::Invalid {
        diagnostics,
        sources: files
            .iter()
            .map(|f| (f.display.clone(), f.text.to_string()))
            .collect(),
    }
}

/// "3 regels" / "1 regel".
fn regels(text: &str) -> String {
    let n = text.lines().count();
    format!("{n} {}", if n == 1 { "regel" } else { "regels" })
}

impl Plan {
    /// What the import changes, per action, for people.
    pub fn summary(&self, site_labels: impl Fn(Status) -> String) -> String {
        let mut out = String::new();
        let n = self.wijzigingen.len();
        let rijen = if self.antwoorden == 1 { "rij" } else { "rijen" };
        let gelezen = format!("{} {rijen} met een antwoord gelezen", self.antwoorden);
        out.push_str(&match n {
            0 => format!("{gelezen}; geen actie wijzigt\n"),
            1 => format!("{gelezen}; 1 actie wijzigt:\n"),
            n => format!("{gelezen}; {n} acties wijzigen:\n"),
        });
        for w in &self.wijzigingen {
            let mut parts = Vec::new();
            if let Some((from, to)) = w.status {
                parts.push(format!(
                    "status {} → {}",
                    site_labels(from),
                    site_labels(to)
                ));
            }
            if let Some((old, new)) = &w.tekst {
                parts.push(format!(
                    "voortgangstekst vervangen ({} → {})",
                    regels(old),
                    regels(new)
                ));
            }
            out.push_str(&format!(
                "  actie {} ({}): {}\n",
                w.nummer,
                w.bestand,
                parts.join("; ")
            ));
            if !w.aanpassingen.is_empty() {
                let what: Vec<&str> = w.aanpassingen.iter().map(|a| a.omschrijving()).collect();
                out.push_str(&format!("    tekst opgeschoond: {}\n", what.join(", ")));
            }
            if let Some(opmerking) = &w.opmerking {
                out.push_str(&format!(
                    "    opmerking: {}\n",
                    opmerking.replace('\n', " ")
                ));
            }
            out.push_str(&format!("    uit {}\n", w.herkomst));
        }
        for (nummer, opmerking) in &self.opmerkingen {
            out.push_str(&format!(
                "  actie {nummer}: geen wijziging, wel een opmerking: {}\n",
                opmerking.replace('\n', " ")
            ));
        }
        if !self.ongewijzigd.is_empty() {
            out.push_str(&format!(
                "  zonder wijziging (antwoord gelijk aan de huidige stand): actie {}\n",
                crate::model::join_nl(&self.ongewijzigd)
            ));
        }
        out
    }

    /// Every change in full: per file, the lines that go and come.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for w in &self.wijzigingen {
            let old = String::from_utf8_lossy(&w.oud);
            let new = String::from_utf8_lossy(&w.nieuw);
            let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(1)
                    .header(&w.bestand, &w.bestand)
                    .to_string(),
            );
        }
        out
    }
}

/// Writes the plan: all-or-nothing.
pub fn apply(plan: &Plan) -> std::io::Result<()> {
    apply_with(plan, &mut |_| Ok(()))
}

/// The journal of an import under way, in the content folder: the action
/// files (relative paths, one a line) being replaced. Hidden, so the loader
/// never reads it.
pub const JOURNAL: &str = ".bijlage-import";

/// The copy of an action file's old bytes kept while an import is under way.
fn backup_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.bijlage-oud"))
}

fn write_synced(path: &Path, bytes: &[u8], like: Option<&Path>) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    if let Some(like) = like {
        std::fs::set_permissions(path, std::fs::metadata(like)?.permissions())?;
    }
    Ok(())
}

/// Undoes an import that was stopped before it finished (the process killed,
/// the power gone): when the journal is there, every file it names gets its
/// old bytes back from the copy kept beside it. Returns the files restored.
pub fn recover(content_dir: &Path) -> std::io::Result<Vec<String>> {
    let journal = content_dir.join(JOURNAL);
    let text = match std::fs::read_to_string(&journal) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut restored = Vec::new();
    for rel in text.lines().filter(|l| !l.is_empty()) {
        // Only paths the import itself wrote: inside the content folder.
        let rel_path = Path::new(rel);
        if rel_path.is_absolute()
            || rel_path
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            continue;
        }
        let path = content_dir.join(rel_path);
        let backup = backup_path(&path);
        if backup.exists() {
            std::fs::rename(&backup, &path)?;
            restored.push(rel.to_string());
        }
        let _ = std::fs::remove_file(temp_path(&path));
    }
    std::fs::remove_file(&journal)?;
    Ok(restored)
}

/// [`apply`], with `before_rename` called before each file is put in
/// place; an error from it is handled like a failed rename (the tests use
/// it to fail halfway, or to stop as a killed process stops).
///
/// First every new file and a copy of every old one are written beside the
/// action file, then the journal; only then are the new files renamed into
/// place. When a step fails, the files already replaced get their old bytes
/// back and everything written beside them is removed. When the process is
/// stopped outright, the journal stays, and [`recover`] (run by the next
/// `bijlage import`) puts the old bytes back.
pub fn apply_with(
    plan: &Plan,
    before_rename: &mut dyn FnMut(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let temps: Vec<PathBuf> = plan.wijzigingen.iter().map(|w| temp_path(&w.pad)).collect();
    let backups: Vec<PathBuf> = plan
        .wijzigingen
        .iter()
        .map(|w| backup_path(&w.pad))
        .collect();
    let journal = plan.content.join(JOURNAL);
    // The journal goes first: without it the copies are only leftovers;
    // with it, they must all still be there.
    let cleanup = |from: usize| {
        let _ = std::fs::remove_file(&journal);
        for path in temps[from..].iter().chain(&backups) {
            let _ = std::fs::remove_file(path);
        }
    };
    for ((w, tmp), backup) in plan.wijzigingen.iter().zip(&temps).zip(&backups) {
        let written = write_synced(tmp, &w.nieuw, Some(&w.pad))
            .and_then(|()| write_synced(backup, &w.oud, Some(&w.pad)));
        if let Err(err) = written {
            cleanup(0);
            return Err(err);
        }
    }
    let mut lines = String::new();
    for w in &plan.wijzigingen {
        let rel = w.pad.strip_prefix(&plan.content).unwrap_or(&w.pad);
        lines.push_str(&crate::text::slash_path(rel));
        lines.push('\n');
    }
    if let Err(err) = super::write_atomically(&journal, lines.as_bytes()) {
        cleanup(0);
        return Err(err);
    }
    for (i, (w, tmp)) in plan.wijzigingen.iter().zip(&temps).enumerate() {
        let renamed = before_rename(&w.pad).and_then(|()| std::fs::rename(tmp, &w.pad));
        if let Err(err) = renamed {
            for (done, backup) in plan.wijzigingen[..i].iter().zip(&backups) {
                if std::fs::rename(backup, &done.pad).is_err() {
                    let _ = super::write_atomically(&done.pad, &done.oud);
                }
            }
            cleanup(i);
            return Err(err);
        }
    }
    cleanup(temps.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\n# opmerking\nnummer: 15\ntitel: \"Titel\"\nstatus: in-uitvoering   # bijgewerkt\njaren: [2024]\n---\nOude tekst.\n";

    #[test]
    fn finds_the_status_value() {
        let span = status_span(PAGE).unwrap();
        assert_eq!(&PAGE[span], "in-uitvoering");
        let quoted = "---\nstatus: \"afgerond\"\n---\n";
        assert_eq!(&quoted[status_span(quoted).unwrap()], "afgerond");
        // A key that merely ends in `status` is not it.
        assert_eq!(status_span("---\nxstatus: a\n---\n"), None);
        assert_eq!(status_span("---\n  status: a\n---\n"), None);
    }

    #[test]
    fn edits_only_the_status_value_and_the_body() {
        let new = edit(
            PAGE.as_bytes(),
            Some(Status::Afgerond),
            Some("Nieuw.\n\n- a\n- b"),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(new).unwrap(),
            "---\n# opmerking\nnummer: 15\ntitel: \"Titel\"\nstatus: afgerond   # bijgewerkt\njaren: [2024]\n---\nNieuw.\n\n- a\n- b\n"
        );
        let status_only = edit(PAGE.as_bytes(), Some(Status::Vertraging), None).unwrap();
        assert_eq!(
            String::from_utf8(status_only).unwrap(),
            PAGE.replace("in-uitvoering ", "vertraging ")
        );
    }

    #[test]
    fn keeps_bom_and_windows_line_ends() {
        let page = format!("\u{feff}{}", PAGE.replace('\n', "\r\n"));
        let new = edit(
            page.as_bytes(),
            Some(Status::Afgerond),
            Some("Een.\n\nTwee."),
        )
        .unwrap();
        let expected = format!(
            "\u{feff}{}",
            PAGE.replace("in-uitvoering", "afgerond")
                .replace("Oude tekst.\n", "Een.\n\nTwee.\n")
                .replace('\n', "\r\n")
        );
        assert_eq!(String::from_utf8(new).unwrap(), expected);
    }

    #[test]
    fn no_status_line_is_an_error() {
        let page = "---\nnummer: 1\n---\nTekst\n";
        assert_eq!(
            edit(page.as_bytes(), Some(Status::Afgerond), None),
            Err(Problem::StatusLineNotFound)
        );
    }
}
