//! Writing a plan: all-or-nothing, with a journal so that an interrupted
//! import is undone by the next run.

use std::path::{Path, PathBuf};

use super::super::temp_path;
use super::Plan;

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
    if let Err(err) = super::super::write_atomically(&journal, lines.as_bytes()) {
        cleanup(0);
        return Err(err);
    }
    for (i, (w, tmp)) in plan.wijzigingen.iter().zip(&temps).enumerate() {
        let renamed = before_rename(&w.pad).and_then(|()| std::fs::rename(tmp, &w.pad));
        if let Err(err) = renamed {
            for (done, backup) in plan.wijzigingen[..i].iter().zip(&backups) {
                if std::fs::rename(backup, &done.pad).is_err() {
                    let _ = super::super::write_atomically(&done.pad, &done.oud);
                }
            }
            cleanup(i);
            return Err(err);
        }
    }
    cleanup(temps.len());
    Ok(())
}
