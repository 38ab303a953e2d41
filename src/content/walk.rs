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
        ContentSource::Dir(root) => walk_dir(source, root, &mut files, &mut diagnostics),
        ContentSource::Embedded => walk_embedded(&mut files),
        ContentSource::Memory { files: memory, .. } => walk_memory(memory, &mut files),
    }
    (files, diagnostics)
}

/// The pages of the content folder `root` on disk, and the files that are
/// not pages, links outside the site and folders that cannot be read.
fn walk_dir(
    source: &ContentSource,
    root: &Path,
    files: &mut Vec<(String, PathBuf)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Pages live at most two folders deep (site, actielijn); one level
    // more is read to report nested folders. A symbolic link is
    // followed only when it stays inside the site (see `confine`);
    // walkdir detects links that loop back to a folder above them.
    let site_root = match root.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let confine = crate::confine::Confine::new([site_root, root]);
    let outside = std::cell::RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .max_depth(3)
        .sort_by(|a, b| file_name(a).cmp(file_name(b)))
        .into_iter()
        .filter_entry(|entry| {
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
                        .borrow_mut()
                        .push(Diagnostic::new(Location::file(shown), problem));
                    return false;
                }
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let name = entry.file_name().to_string_lossy();
                let rel = relative(root, entry.path());
                if !is_page(&name) {
                    diagnostics.push(Diagnostic::warning(
                        Location::file(display_path(source, &rel)),
                        Problem::IgnoredFile,
                    ));
                    continue;
                }
                files.push((rel, entry.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(err) => diagnostics.push(walk_error(source, root, &err)),
        }
    }
    diagnostics.extend(outside.into_inner());
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
