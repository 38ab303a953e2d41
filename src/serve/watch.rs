//! Watching the content, the site's templates and the theme for changes.
//!
//! notify delivers the file system's events; this module turns a burst of
//! them into one rebuild. notify's own debouncers work per path, and a save
//! touches several paths (an editor writes `.x.md.tmp`, renames it over
//! `x.md`, perhaps keeps `x.md~`), so the burst is gathered here across paths:
//! a rebuild starts once no relevant event has come for [`QUIET`], and at the
//! latest `MAX_WAIT` after the first.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::confine::Confine;

/// How long the file system must be quiet before a rebuild.
pub const QUIET: Duration = Duration::from_millis(20);
/// The longest a burst may postpone a rebuild.
pub(crate) const MAX_WAIT: Duration = Duration::from_millis(250);

/// A burst of changes.
#[derive(Debug)]
pub struct Burst {
    /// The changed paths, sorted, without duplicates.
    pub paths: Vec<PathBuf>,
    /// When the first event of the burst arrived.
    pub first: Instant,
    /// An event named no path (the watcher lost track, e.g. its queue
    /// overflowed): anything may have changed.
    pub unknown: bool,
}

/// Editors' side files: backups, swap and lock files, hidden temporary
/// files. A change to them alone starts no rebuild; their rename onto the
/// real file does, as an event on the real file.
pub(crate) fn is_side_file(path: &Path) -> bool {
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
    // An event without paths (a rescan) may mean any change.
    kind_counts && (event.paths.is_empty() || event.paths.iter().any(|p| !is_side_file(p)))
}

/// The watcher, shared with the thread that adds folders created later.
/// Watching stops when this is dropped.
pub struct Watching {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

/// A symbolic link inside the watched folders whose target lies inside the
/// site: the build follows it, so a change at the target is a change at the
/// link.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    /// The link, as found in a watched folder.
    at: PathBuf,
    /// What it resolves to.
    target: PathBuf,
}

/// The links inside the site found under `dirs` (also inside folders such
/// links lead to), in walk order. A link that leaves `confine` is left out:
/// the build refuses it and never reads its target. A link that resolves to
/// a folder holding the folder it is in (a loop, or the whole site) is left
/// out too: the build's walk does not follow it either.
fn links_in(dirs: &[PathBuf], confine: &Confine) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    let mut queue: Vec<PathBuf> = dirs.to_vec();
    while let Some(dir) = queue.pop() {
        let walk = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .max_depth(MAX_LINK_DEPTH)
            .sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            if !entry.path_is_symlink() {
                continue;
            }
            let Ok(target) = entry.path().canonicalize() else {
                continue;
            };
            let place = entry
                .path()
                .parent()
                .and_then(|p| p.canonicalize().ok())
                .unwrap_or_default();
            if !confine.contains(&target)
                || place.starts_with(&target)
                || links.iter().any(|l| l.at == entry.path())
                || links.len() >= MAX_LINKS
            {
                continue;
            }
            if target.is_dir() {
                queue.push(target.clone());
            }
            links.push(Link {
                at: entry.path().to_path_buf(),
                target,
            });
        }
    }
    links
}

/// How deep [`links_in`] looks for links; the build reads the content three
/// levels deep, the theme a few more.
const MAX_LINK_DEPTH: usize = 8;
/// At most this many links are followed for watching.
const MAX_LINKS: usize = 1000;

/// Adds, for every path of a change at a link's target, the same path at the
/// link: that is the file the build reads (through a link inside a linked
/// folder too).
fn through_links(paths: &mut Vec<PathBuf>, links: &[Link]) {
    let mut todo: Vec<PathBuf> = paths.clone();
    while let Some(path) = todo.pop() {
        for link in links {
            if let Ok(rest) = path.strip_prefix(&link.target) {
                let at = if rest.as_os_str().is_empty() {
                    link.at.clone()
                } else {
                    link.at.join(rest)
                };
                if !paths.contains(&at) && paths.len() < MAX_LINKS {
                    paths.push(at.clone());
                    todo.push(at);
                }
            }
        }
    }
    paths.sort();
    paths.dedup();
}

/// Watches `dirs` (recursively) and calls `on_burst` on a thread of its own
/// for every burst of changes. Symbolic links are not followed by the
/// watch itself: a link to `/` in the content would put the whole disk under
/// watch. What the build reads lies inside the site ([`crate::confine`]:
/// `dirs`, and the site root, the parent of the `later` folders), so a link
/// that resolves there is watched at its target (a folder recursively, a
/// file through its folder), and a change there counts as a change at the
/// link; links made while serving are found when they appear. A link out of
/// the site is not watched (the build refuses it).
/// `later` are folders that may appear after the start (the site's
/// `templates/`): their parent is watched without recursion, and once such
/// a folder exists it is watched like `dirs`. Only changes inside the
/// watched folders count.
pub fn spawn(
    dirs: &[PathBuf],
    later: &[PathBuf],
    mut on_burst: impl FnMut(Burst) + Send + 'static,
) -> Result<Watching, (PathBuf, notify::Error)> {
    // The events name absolute paths: a folder given relative to the
    // working directory (`content`, the default) is compared absolute, or
    // no change inside it would count.
    let absolute = |dirs: &[PathBuf]| -> Vec<PathBuf> {
        dirs.iter()
            .map(|d| std::path::absolute(d).unwrap_or_else(|_| d.clone()))
            .collect()
    };
    let (dirs, later) = (&absolute(dirs)[..], &absolute(later)[..]);
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
    let watched: Vec<PathBuf> = dirs.to_vec();
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
    // What the build may read: the watched folders and the site root.
    let confine = Confine::new(
        dirs.iter()
            .chain(later)
            .map(PathBuf::as_path)
            .chain(later.iter().filter_map(|d| d.parent())),
    );
    let mut links = Links::default();
    links.update(
        &mut watcher.lock().unwrap_or_else(|e| e.into_inner()),
        &watched,
        &confine,
    );
    let mut state = Watched {
        watcher: Arc::clone(&watcher),
        watched,
        waiting,
        links,
        confine,
    };
    std::thread::Builder::new()
        .name("bijlage-watch".into())
        .spawn(move || {
            debounce(&rx, move |mut burst| {
                if state.take(&mut burst) {
                    on_burst(burst);
                }
            })
        })
        .map_err(|err| (PathBuf::new(), notify::Error::io(err)))?;
    Ok(Watching { _watcher: watcher })
}

/// What the watch thread knows between bursts.
struct Watched {
    watcher: Arc<Mutex<RecommendedWatcher>>,
    /// The folders watched recursively, and those waited for.
    watched: Vec<PathBuf>,
    waiting: Vec<PathBuf>,
    links: Links,
    /// What the build may read.
    confine: Confine,
}

impl Watched {
    /// Watches what a burst made appear (a folder waited for, links), and
    /// turns its paths into those the build reads: through links, only
    /// inside the watched folders. Whether any path is left.
    fn take(&mut self, burst: &mut Burst) -> bool {
        let mut w = self.watcher.lock().unwrap_or_else(|e| e.into_inner());
        // A folder that appeared is watched from now on.
        let before = self.watched.len();
        let watched = &mut self.watched;
        self.waiting.retain(|dir| {
            if !dir.is_dir() {
                return true;
            }
            if w.watch(dir, RecursiveMode::Recursive).is_ok() {
                watched.push(dir.clone());
            }
            false
        });
        // So are links that appeared (or a folder holding them).
        let new_links = burst.paths.iter().any(|p| {
            p.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink() || m.is_dir())
        });
        if new_links || self.watched.len() != before {
            self.links.update(&mut w, &self.watched, &self.confine);
        }
        drop(w);
        through_links(&mut burst.paths, &self.links.found);
        burst.paths.retain(|path| {
            self.watched.iter().any(|dir| path.starts_with(dir))
                || self.waiting.iter().any(|dir| path.starts_with(dir))
        });
        !burst.paths.is_empty() || burst.unknown
    }
}

/// The links inside the site and what is watched for them.
#[derive(Debug, Default)]
struct Links {
    found: Vec<Link>,
    /// Targets watched for links: folders recursively, a file's folder
    /// without recursion.
    watching: Vec<PathBuf>,
}

impl Links {
    /// Finds the links under `watched` again and watches the targets that
    /// no watch covers yet.
    fn update(&mut self, w: &mut RecommendedWatcher, watched: &[PathBuf], confine: &Confine) {
        let covered: Vec<PathBuf> = watched
            .iter()
            .filter_map(|d| d.canonicalize().ok())
            .collect();
        self.found = links_in(watched, confine);
        for link in &self.found {
            if covered.iter().any(|d| link.target.starts_with(d)) {
                continue;
            }
            let (place, mode) = if link.target.is_dir() {
                (link.target.clone(), RecursiveMode::Recursive)
            } else {
                match link.target.parent() {
                    Some(parent) => (parent.to_path_buf(), RecursiveMode::NonRecursive),
                    None => continue,
                }
            };
            if !self.watching.contains(&place) && w.watch(&place, mode).is_ok() {
                self.watching.push(place);
            }
        }
    }
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
        let mut unknown = paths.is_empty();
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
                        unknown |= more.is_empty();
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
        on_burst(Burst {
            paths,
            first,
            unknown,
        });
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

    #[cfg(unix)]
    #[test]
    fn only_links_inside_the_site_are_watched_and_a_change_counts_at_the_link() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let content = site.join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::create_dir_all(site.join("gedeeld/diep")).unwrap();
        std::fs::write(site.join("gedeeld/x.md"), "x").unwrap();
        std::fs::write(dir.path().join("geheim.md"), "x").unwrap();
        symlink(site.join("gedeeld"), content.join("a/gedeeld")).unwrap();
        symlink(dir.path().join("geheim.md"), content.join("a/geheim.md")).unwrap();
        symlink("/", content.join("wortel")).unwrap();
        symlink("..", content.join("a/terug")).unwrap();
        symlink(site.join("gedeeld/x.md"), site.join("gedeeld/diep/y.md")).unwrap();
        let confine = Confine::new([site.as_path(), content.as_path()]);
        let links = links_in(std::slice::from_ref(&content), &confine);
        let canonical = |p: &Path| p.canonicalize().unwrap();
        assert_eq!(
            links,
            [
                Link {
                    at: content.join("a/gedeeld"),
                    target: canonical(&site.join("gedeeld")),
                },
                Link {
                    at: canonical(&site.join("gedeeld/diep")).join("y.md"),
                    target: canonical(&site.join("gedeeld/x.md")),
                },
            ],
            "out of the site (geheim.md, /) and back up (..) are left out"
        );
        let mut paths = vec![canonical(&site.join("gedeeld/x.md"))];
        through_links(&mut paths, &links);
        assert!(paths.contains(&content.join("a/gedeeld/x.md")), "{paths:?}");
        // Through the link in the linked folder, at the place the build reads.
        assert!(
            paths.contains(&content.join("a/gedeeld/diep/y.md")),
            "{paths:?}"
        );
    }
}
