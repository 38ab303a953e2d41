//! Watching the content, the site's templates and the theme for changes.
//!
//! notify delivers the file system's events; this module turns a burst of
//! them into one rebuild. notify's own debouncers work per path, and a save
//! touches several paths (an editor writes `.x.md.tmp`, renames it over
//! `x.md`, perhaps keeps `x.md~`), so the burst is gathered here across paths:
//! a rebuild starts once no relevant event has come for [`QUIET`], and at the
//! latest [`MAX_WAIT`] after the first.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the file system must be quiet before a rebuild.
pub const QUIET: Duration = Duration::from_millis(20);
/// The longest a burst may postpone a rebuild.
pub const MAX_WAIT: Duration = Duration::from_millis(250);

/// A burst of changes.
#[derive(Debug)]
pub struct Burst {
    /// The changed paths, sorted, without duplicates.
    pub paths: Vec<PathBuf>,
    /// When the first event of the burst arrived.
    pub first: Instant,
}

/// Editors' side files: backups, swap and lock files, hidden temporary
/// files. A change to them alone starts no rebuild; their rename onto the
/// real file does, as an event on the real file.
pub fn is_side_file(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    name.starts_with('.')
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Whether an event can change the build. Reads (the build's own, too)
/// change nothing.
fn relevant(event: &notify::Event) -> bool {
    let kind_counts = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    kind_counts && event.paths.iter().any(|p| !is_side_file(p))
}

/// The watcher, shared with the thread that adds folders created later.
/// Watching stops when this is dropped.
pub struct Watching {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

/// Watches `dirs` (recursively) and calls `on_burst` on a thread of its own
/// for every burst of changes. Symbolic links are not followed: what the
/// build reads lies inside the site (see [`crate::confine`]), and a link to
/// `/` in the content would otherwise put the whole disk under watch.
/// `later` are folders that may appear after the start (the site's
/// `templates/`): their parent is watched without recursion, and once such
/// a folder exists it is watched like `dirs`. Only changes inside the
/// watched folders count.
pub fn spawn(
    dirs: &[PathBuf],
    later: &[PathBuf],
    mut on_burst: impl FnMut(Burst) + Send + 'static,
) -> Result<Watching, (PathBuf, notify::Error)> {
    let (tx, rx) = mpsc::channel();
    let watcher = RecommendedWatcher::new(
        move |event: notify::Result<notify::Event>| {
            // Errors of the watcher (an overflowing queue) count as a change:
            // a rebuild is the safe answer.
            let _ = tx.send(event);
        },
        notify::Config::default().with_follow_symlinks(false),
    )
    .map_err(|err| (PathBuf::new(), err))?;
    let watcher = Arc::new(Mutex::new(watcher));
    let mut watched: Vec<PathBuf> = dirs.to_vec();
    let mut waiting: Vec<PathBuf> = Vec::new();
    {
        let mut w = watcher.lock().unwrap_or_else(|e| e.into_inner());
        for dir in dirs {
            w.watch(dir, RecursiveMode::Recursive)
                .map_err(|err| (dir.clone(), err))?;
        }
        for dir in later.iter().filter(|d| !dirs.contains(d)) {
            if let Some(parent) = dir.parent().filter(|p| p.is_dir()) {
                w.watch(parent, RecursiveMode::NonRecursive)
                    .map_err(|err| (parent.to_path_buf(), err))?;
                waiting.push(dir.clone());
            }
        }
    }
    let shared = Arc::clone(&watcher);
    std::thread::Builder::new()
        .name("bijlage-watch".into())
        .spawn(move || {
            debounce(&rx, move |mut burst| {
                // A folder that appeared is watched from now on.
                waiting.retain(|dir| {
                    if !dir.is_dir() {
                        return true;
                    }
                    let mut w = shared.lock().unwrap_or_else(|e| e.into_inner());
                    if w.watch(dir, RecursiveMode::Recursive).is_ok() {
                        watched.push(dir.clone());
                    }
                    false
                });
                burst.paths.retain(|path| {
                    watched.iter().any(|dir| path.starts_with(dir))
                        || waiting.iter().any(|dir| path.starts_with(dir))
                });
                if !burst.paths.is_empty() {
                    on_burst(burst);
                }
            })
        })
        .map_err(|err| (PathBuf::new(), notify::Error::io(err)))?;
    Ok(Watching { _watcher: watcher })
}

fn paths_of(event: notify::Result<notify::Event>) -> Option<Vec<PathBuf>> {
    match event {
        Ok(event) if relevant(&event) => Some(event.paths),
        Ok(_) => None,
        Err(err) => Some(err.paths),
    }
}

/// Gathers events into bursts until the sending side is gone.
fn debounce(rx: &mpsc::Receiver<notify::Result<notify::Event>>, mut on_burst: impl FnMut(Burst)) {
    while let Ok(event) = rx.recv() {
        let Some(mut paths) = paths_of(event) else {
            continue;
        };
        let first = Instant::now();
        let mut last = first;
        let mut open = true;
        loop {
            let deadline = (last + QUIET).min(first + MAX_WAIT);
            let Some(wait) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            match rx.recv_timeout(wait) {
                Ok(event) => {
                    if let Some(more) = paths_of(event) {
                        paths.extend(more);
                        last = Instant::now();
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    open = false;
                    break;
                }
            }
        }
        paths.retain(|p| !is_side_file(p));
        paths.sort();
        paths.dedup();
        on_burst(Burst { paths, first });
        if !open {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RenameMode};

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn reads_and_side_files_are_not_changes() {
        let open = EventKind::Access(AccessKind::Open(AccessMode::Read));
        assert!(!relevant(&event(open, "c/a/x.md")));
        let written = EventKind::Modify(ModifyKind::Any);
        assert!(relevant(&event(written, "c/a/x.md")));
        assert!(!relevant(&event(written, "c/a/.x.md.tmp")));
        assert!(!relevant(&event(written, "c/a/x.md~")));
        assert!(!relevant(&event(written, "c/a/.x.md.swp")));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let rename = notify::Event::new(renamed)
            .add_path(PathBuf::from("c/a/.x.md.tmp"))
            .add_path(PathBuf::from("c/a/x.md"));
        assert!(relevant(&rename));
    }

    #[test]
    fn a_burst_becomes_one_rebuild() {
        let (tx, rx) = mpsc::channel();
        let created = EventKind::Create(CreateKind::File);
        for name in ["c/a/.x.md.tmp", "c/a/x.md", "c/a/y.md", "c/a/x.md"] {
            tx.send(Ok(event(created, name))).ok();
        }
        drop(tx);
        let mut bursts = Vec::new();
        debounce(&rx, |burst| bursts.push(burst.paths));
        assert_eq!(
            bursts,
            vec![vec![PathBuf::from("c/a/x.md"), PathBuf::from("c/a/y.md")]]
        );
    }
}
