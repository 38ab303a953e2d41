//! `bijlage import`: the answers of the action holders into the content.
//! Everything is read and checked before anything is written; the action
//! files are edited in place (the value of `status:` and the body), every
//! other byte stays as it was; the write is all-or-nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::tekst::Aanpassing;
use crate::content::{ContentSource, SourceFile};
use crate::error::{BuildError, Diagnostic, Location, Problem};
use crate::model::{Actie, Status};

mod apply;
mod edit;
mod read;

use read::{Antwoord, Lezer};

pub use apply::{JOURNAL, apply, apply_with, recover};
pub use edit::edit;

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
        let pad = content_dir.join(&file.rel);
        match change(actie, antwoord, bestand, herkomst, pad) {
            Ok(Some(wijziging)) => plan.wijzigingen.push(wijziging),
            Ok(None) => match &antwoord.opmerking {
                Some(opmerking) => plan
                    .opmerkingen
                    .push((actie.nummer.label(), opmerking.clone())),
                None => plan.ongewijzigd.push(actie.nummer.label()),
            },
            Err(problem) => diagnostics.push(Diagnostic::new(Location::file(bestand), problem)),
        }
    }
    if !diagnostics.is_empty() {
        return Err(invalid(diagnostics, &files));
    }
    if !plan.wijzigingen.is_empty() {
        let mut before: Vec<Diagnostic> = load_warnings;
        before.extend(crate::render::checks::warnings(&site));
        let new = check_after(&plan, &files, &source, &before)?;
        plan.warnings.extend(new);
    }
    Ok(plan)
}

/// What `antwoord` (given at `herkomst`) changes in the action file
/// `bestand` at `pad` (read now), if anything: a status or text that
/// differs from the content's.
fn change(
    actie: &Actie,
    antwoord: &Antwoord,
    bestand: &str,
    herkomst: &str,
    pad: PathBuf,
) -> Result<Option<Wijziging>, Problem> {
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
        return Ok(None);
    }
    let oud =
        std::fs::read(&pad).map_err(|err| Problem::Unreadable(crate::error::io_message(&err)))?;
    let nieuw = edit(
        &oud,
        status.map(|(_, to)| to),
        tekst.as_ref().map(|(_, t)| t.as_str()),
    )?;
    Ok(Some(Wijziging {
        bestand: bestand.to_string(),
        pad,
        nummer: actie.nummer.label(),
        titel: actie.titel.clone(),
        status,
        aanpassingen: if tekst.is_some() {
            antwoord.aanpassingen.clone()
        } else {
            Vec::new()
        },
        tekst,
        opmerking: antwoord.opmerking.clone(),
        herkomst: herkomst.to_string(),
        oud,
        nieuw,
    }))
}

/// The content as it would be after `plan`, checked as a build checks it:
/// a new text with a broken reference is caught before anything is
/// written. Returns the warnings the import brings in (an empty text, a
/// reference that does not resolve); those in `before` are not repeated.
fn check_after(
    plan: &Plan,
    files: &[SourceFile],
    source: &ContentSource,
    before: &[Diagnostic],
) -> Result<Vec<Diagnostic>, BuildError> {
    let mut memory = Vec::with_capacity(files.len());
    for file in files {
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
    match crate::load_site(&after, true) {
        Ok((new_site, _, warnings)) => {
            let mut after_checks = crate::render::checks::warnings(&new_site);
            after_checks.extend(warnings);
            Ok(after_checks
                .into_iter()
                .filter(|warning| !before.contains(warning))
                .collect())
        }
        Err((diagnostics, files)) => Err(invalid(diagnostics, &files)),
    }
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
