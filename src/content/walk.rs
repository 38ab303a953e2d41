//! Finding the pages of a content source: a folder on disk (symbolic links
//! confined to the site), the embedded edition, or files already read; and
//! reading a page's bytes from it.

use std::path::{Path, PathBuf};

use super::{ContentSource, EMBEDDED};
use crate::error::{Diagnostic, Location, Problem, io_message};

pub(super) fn is_page(name: &str) -> bool {
    name.ends_with(".md") && !name.starts_with('.')
}

/// Lists the content files (relative paths, sorted) with the problems found
/// while walking.
pub(super) fn walk(source: &ContentSource) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let (found, diagnostics) = walk_and(source, |_, _| ());
    let files = found
        .into_iter()
        .map(|(rel, path, ())| (rel, path))
        .collect();
    (files, diagnostics)
}

/// [`walk`], and `read` of every page as it is found, on every core: in a
/// content folder on disk, the folders are walked while the pages already
/// found are read. The pages come in the walk's order, each with what
/// `read` gave; the problems in the order the walk met them.
pub(super) fn walk_and<T: Send>(
    source: &ContentSource,
    read: impl Fn(&str, &Path) -> T + Sync,
) -> (Vec<Found<T>>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    match source {
        ContentSource::Dir(root) if !root.is_dir() => {
            let what = match std::fs::metadata(root) {
                Ok(_) => "is geen map".to_string(),
                Err(err) => io_message(&err),
            };
            diagnostics.push(Diagnostic::new(
                Location::file(root.display().to_string()),
                Problem::ContentDir {
                    path: root.display().to_string(),
                    what,
                },
            ));
        }
        ContentSource::Dir(root) => {
            let outside = std::sync::Mutex::new(Vec::new());
            // Each entry keeps its place in the walk: the walk hands out
            // one entry at a time to whichever core asks next.
            let mut found: Vec<(usize, Walked<Found<T>>)> = walk_dir(source, root, &outside)
                .enumerate()
                .par_bridge()
                .map(|(place, entry)| {
                    let entry = entry.map(|(rel, path)| {
                        let read = read(&rel, &path);
                        (rel, path, read)
                    });
                    (place, entry)
                })
                .collect();
            found.sort_unstable_by_key(|(place, _)| *place);
            // (Collected in place: the pages take the walk's memory.)
            files = found
                .into_iter()
                .filter_map(|(_, entry)| {
                    entry
                        .map_err(|diagnostic| diagnostics.push(diagnostic))
                        .ok()
                })
                .collect();
            diagnostics.extend(outside.into_inner().unwrap_or_else(|e| e.into_inner()));
        }
        ContentSource::Embedded | ContentSource::Memory { .. } => {
            let mut paths = Vec::new();
            match source {
                ContentSource::Memory { files: memory, .. } => walk_memory(memory, &mut paths),
                _ => walk_embedded(&mut paths),
            }
            files = paths
                .into_par_iter()
                .map(|(rel, path)| {
                    let read = read(&rel, &path);
                    (rel, path, read)
                })
                .collect();
        }
    }
    (files, diagnostics)
}

/// What the walk meets: a page, or a problem.
type Walked<T> = Result<T, Diagnostic>;

/// A page found: its path relative to the content folder, its path on
/// disk, and what was read of it.
pub(super) type Found<T> = (String, PathBuf, T);

/// The pages of the content folder `root` on disk (relative path, path on
/// disk), and the problems of files that are not pages and folders that
/// cannot be read, in the walk's order. Links outside the site are put in
/// `outside`.
fn walk_dir<'a>(
    source: &'a ContentSource,
    root: &'a Path,
    outside: &'a std::sync::Mutex<Vec<Diagnostic>>,
) -> impl Iterator<Item = Walked<(String, PathBuf)>> + Send + 'a {
    // Pages live at most two folders deep (site, actielijn); one level
    // more is read to report nested folders. A symbolic link is
    // followed only when it stays inside the site (see `confine`);
    // walkdir detects links that loop back to a folder above them.
    let site_root = match root.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let confine = crate::confine::Confine::new([site_root, root]);
    walkdir::WalkDir::new(root)
        .follow_links(true)
        .max_depth(3)
        .sort_by(|a, b| file_name(a).cmp(file_name(b)))
        .into_iter()
        .filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            if entry.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if entry.path_is_symlink() {
                let shown = display_path(source, &relative(root, entry.path()));
                if let Err(problem) = confine.link(entry.path(), &shown) {
                    outside
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(Diagnostic::new(Location::file(shown), problem));
                    return false;
                }
            }
            true
        })
        .filter_map(move |entry| match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let name = entry.file_name().to_string_lossy();
                let rel = relative(root, entry.path());
                if !is_page(&name) {
                    return Some(Err(Diagnostic::warning(
                        Location::file(display_path(source, &rel)),
                        Problem::IgnoredFile,
                    )));
                }
                Some(Ok((rel, entry.into_path())))
            }
            Ok(_) => None,
            Err(err) => Some(Err(walk_error(source, root, &err))),
        })
}

/// The file name of a walked entry, as `DirEntry::file_name` gives it (its
/// path after the last separator; a walked entry is never `.` or `..`), in
/// the bytes `OsStr` compares. The folder's entries are sorted by it:
/// `file_name` parses the path's components anew in every comparison, a
/// twentieth of a 10,000-action build.
fn file_name(entry: &walkdir::DirEntry) -> &[u8] {
    let path = entry.path().as_os_str().as_encoded_bytes();
    let start = path
        .iter()
        .rposition(|&b| b.is_ascii() && std::path::is_separator(char::from(b)))
        .map_or(0, |i| i + 1);
    &path[start..]
}

/// A folder or link of the content folder `root` that could not be walked:
/// a link that loops back to a folder above it, or a folder not readable.
fn walk_error(source: &ContentSource, root: &Path, err: &walkdir::Error) -> Diagnostic {
    let shown = |p: &Path| display_path(source, &relative(root, p));
    let location = Location::file(err.path().map_or_else(|| root.display().to_string(), shown));
    let problem = match (err.loop_ancestor(), err.path()) {
        (Some(ancestor), Some(link)) => Problem::SymlinkLoop {
            link: relative(root, link),
            target: std::fs::read_link(link)
                .map_or_else(|_| shown(ancestor), |t| t.display().to_string()),
        },
        _ => Problem::Walk(match err.io_error() {
            Some(io) => io_message(io),
            None => "de map is niet te lezen".to_string(),
        }),
    };
    Diagnostic::new(location, problem)
}

/// The pages of the embedded edition.
fn walk_embedded(files: &mut Vec<(String, PathBuf)>) {
    let mut stack = vec![&EMBEDDED];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            let rel = crate::text::slash_path(file.path());
            if is_page(
                &file
                    .path()
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy(),
            ) {
                files.push((rel, file.path().to_path_buf()));
            }
        }
        stack.extend(dir.dirs());
    }
    files.sort();
}

/// The pages among files already read (a git revision).
fn walk_memory(memory: &[(String, Vec<u8>)], files: &mut Vec<(String, PathBuf)>) {
    for (rel, _) in memory.iter() {
        let name = rel.rsplit('/').next().unwrap_or_default();
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        if is_page(name) && !hidden {
            files.push((rel.clone(), PathBuf::from(rel)));
        }
    }
    files.sort();
}

/// A path relative to the content folder as shown to editors.
pub(super) fn display_path(source: &ContentSource, rel: &str) -> String {
    let prefix = source.display();
    let prefix = prefix.trim_end_matches('/');
    if rel.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}/{rel}")
    }
}

pub(super) fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub(super) fn read_bytes(source: &ContentSource, path: &Path) -> std::io::Result<Vec<u8>> {
    match source {
        ContentSource::Dir(_) => std::fs::read(path),
        ContentSource::Embedded => EMBEDDED
            .get_file(path)
            .map(|f| f.contents().to_vec())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
        ContentSource::Memory { files, .. } => {
            let rel = path.to_string_lossy();
            files
                .iter()
                .find(|(name, _)| *name == rel)
                .map(|(_, bytes)| bytes.clone())
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages come in the order walkdir's own `sort_by_file_name` gives:
    /// names that differ in case, digits, a dash against a dot, non-ASCII.
    #[test]
    fn pages_are_listed_in_walkdirs_file_name_order() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("a temporary folder")
        };
        let content = dir.path().join("content");
        let names = [
            "_index.md",
            "actielijn-10/_index.md",
            "actielijn-10/10-b.md",
            "actielijn-10/9-a.md",
            "actielijn-1/_index.md",
            "actielijn-1/B.md",
            "actielijn-1/a.md",
            "actielijn-1/a-b.md",
            "actielijn-1/a.b.md",
            "actielijn-1/é.md",
            "actielijn-1-x/_index.md",
        ];
        for name in names {
            let path = content.join(name);
            let made = path
                .parent()
                .map(std::fs::create_dir_all)
                .and_then(Result::ok)
                .and_then(|()| std::fs::write(&path, "").ok());
            assert!(made.is_some(), "{name} written");
        }
        let (files, diagnostics) = walk(&ContentSource::Dir(content.clone()));
        assert!(diagnostics.is_empty());
        let listed: Vec<PathBuf> = files.into_iter().map(|(_, path)| path).collect();
        let expected: Vec<PathBuf> = walkdir::WalkDir::new(&content)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().to_path_buf())
            .collect();
        assert_eq!(listed.len(), names.len());
        assert_eq!(listed, expected);
    }
}
