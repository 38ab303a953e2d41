//! Writing the output folder atomically: everything is written into a fresh
//! folder beside the output folder, which replaces the old output only when
//! every file was written. A failed or interrupted build leaves the previous
//! output as it was; leftovers of an interrupted build are cleared (or, if the
//! swap itself was interrupted, restored) by the next run. Nothing outside the
//! output folder and these two sibling folders is ever removed.
//!
//! The output folder holds a manifest, [`MANIFEST`], listing every file the
//! build wrote. A later build replaces an existing folder only when it holds
//! nothing else (see `foreign_files_of`), so that a mistyped `--output` cannot
//! wipe a folder of someone's own files.

mod lock;
mod staging;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;
pub use lock::{Lock, lock};
pub(crate) use staging::Staging;

const NEW: &str = "bijlage-nieuw";
const OLD: &str = "bijlage-oud";
const LOCK: &str = "bijlage-slot";

/// `path` made absolute, `.` and `..` resolved, and the part that exists
/// canonicalized (symbolic links resolved), so that two names of one folder
/// compare equal.
pub(crate) fn normalized(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out = out.canonicalize().unwrap_or(out);
                out.pop();
            }
            other => out.push(other),
        }
    }
    let mut existing = out.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return rest
                .iter()
                .rev()
                .fold(canonical, |acc, part| acc.join(part));
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return out,
        }
    }
}

/// Folders an output folder may not replace: `folders` it may not be or
/// hold, `inside` folders it may not lie in; each with its name for the
/// message.
pub struct Guarded {
    /// Folders the output may not be or hold.
    pub folders: Vec<(PathBuf, &'static str)>,
    /// Folders the output may not lie in.
    pub inside: Vec<(PathBuf, &'static str)>,
}

/// Why `output` may not be the output folder, if it may not: it is or holds
/// one of `guarded.folders`, or lies inside one of `guarded.inside`. Paths
/// are compared normalized (`normalized`), so that two names of one folder
/// are one.
pub fn protected(output: &Path, guarded: &Guarded) -> Option<String> {
    let out = normalized(output);
    for (path, name) in &guarded.folders {
        let path = normalized(path);
        if out == path {
            return Some(name.to_string());
        }
        if path.starts_with(&out) {
            return Some(format!("een map boven {name}"));
        }
    }
    guarded
        .inside
        .iter()
        .find(|(path, _)| out.starts_with(normalized(path)))
        .map(|(_, name)| name.to_string())
}

/// Whether `output` is `folder`, holds it or lies inside it.
pub(crate) fn overlaps(output: &Path, folder: &Path) -> bool {
    let (out, folder) = (normalized(output), normalized(folder));
    out == folder || folder.starts_with(&out) || out.starts_with(&folder)
}

/// The list of files a build wrote, kept in the output folder.
pub const MANIFEST: &str = ".bijlage-manifest";

const MANIFEST_HEADER: &str = "# Geschreven door bijlage: de volgende build vervangt deze map met alle bestanden hieronder.\n";

/// The manifest's text for `files`: a header line, then one path per line,
/// sorted.
pub fn manifest(files: &[OutputFile]) -> String {
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    manifest_of(paths.into_iter())
}

/// The manifest's text for `paths`, in their order.
fn manifest_of<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::from(MANIFEST_HEADER);
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// The paths an existing output folder's manifest lists, if it has one.
fn read_manifest(output: &Path) -> Option<BTreeSet<String>> {
    let text = fs::read_to_string(output.join(MANIFEST)).ok()?;
    Some(
        text.lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(str::to_string)
            .collect(),
    )
}

/// The files and folders in the existing folder `output` that the tool did
/// not write, at most `limit` of them: everything not listed in its manifest.
/// A folder without manifest (built by an older version) is accepted when
/// every file in it is one that this build writes (`new_paths`). An empty
/// or missing folder has none.
pub(crate) fn foreign_files_of(
    output: &Path,
    new_paths: &[String],
    limit: usize,
) -> io::Result<Vec<String>> {
    if !output.exists() {
        return Ok(Vec::new());
    }
    let known: BTreeSet<String> =
        read_manifest(output).unwrap_or_else(|| new_paths.iter().cloned().collect());
    let folders: BTreeSet<&str> = known
        .iter()
        .flat_map(|path| path.match_indices('/').map(move |(i, _)| &path[..i]))
        .collect();
    let mut foreign = Vec::new();
    let mut walker = walkdir::WalkDir::new(output)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(output)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let ours = if entry.file_type().is_dir() {
            folders.contains(rel.as_str())
        } else {
            rel == MANIFEST || known.contains(&rel)
        };
        if !ours {
            if entry.file_type().is_dir() {
                // Named once, not with everything in it.
                walker.skip_current_dir();
            }
            foreign.push(rel);
            if foreign.len() >= limit {
                break;
            }
        }
    }
    Ok(foreign)
}

/// The folder or file beside `output` that a build names with `tag`:
/// `.NAME.tag`.
fn sibling(output: &Path, tag: &str) -> io::Result<PathBuf> {
    let name = output.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "de uitvoermap heeft geen naam")
    })?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(parent.join(format!(".{}.{tag}", name.to_string_lossy())))
}

/// Why bijlage may never replace `output`, even with `--force`: it is a git
/// folder (`.git`), lies inside one, or holds one at any depth (a checkout
/// of the site's own repository, or of the hosting's).
pub(crate) fn holds_git(output: &Path) -> Option<String> {
    if output.components().any(|c| c.as_os_str() == ".git") {
        return Some("een git-map (`.git`)".into());
    }
    if !output.is_dir() {
        return None;
    }
    walkdir::WalkDir::new(output)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .find(|entry| entry.file_name() == ".git")
        .map(|entry| {
            let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
            format!(
                "een map met een git-repository (`{}`)",
                crate::text::slash_path(rel)
            )
        })
}

/// Replaces the folder `output` by exactly `files`. The caller holds
/// [`lock`] when other builds may write the same folder.
pub fn write(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::begin(output)?;
    for file in files {
        staging.put(&file.path, &file.bytes)?;
    }
    staging.commit()
}

/// Writes the single file `path` atomically: into a sibling first, renamed
/// over `path` only when every byte is written. A failed write leaves a
/// previous file as it was.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let new = sibling(path, NEW)?;
    if let Err(err) = fs::write(&new, bytes) {
        let _ = fs::remove_file(&new);
        return Err(err);
    }
    fs::rename(&new, path).inspect_err(|_| {
        let _ = fs::remove_file(&new);
    })
}

#[cfg(test)]
mod tests {
    use super::staging::recover;
    use super::*;

    /// [`foreign_files_of`] for a build that writes `new_files`.
    fn foreign_files(
        output: &Path,
        new_files: &[OutputFile],
        limit: usize,
    ) -> io::Result<Vec<String>> {
        let paths: Vec<String> = new_files.iter().map(|f| f.path.clone()).collect();
        foreign_files_of(output, &paths, limit)
    }

    #[test]
    fn an_output_may_not_be_hold_or_lie_inside_a_guarded_folder() {
        let guarded = Guarded {
            folders: vec![(
                PathBuf::from("/niet-bestaand/site/content"),
                "de contentmap",
            )],
            inside: vec![(
                PathBuf::from("/niet-bestaand/site/content"),
                "een map binnen de contentmap",
            )],
        };
        let why = |p: &str| protected(Path::new(p), &guarded);
        assert_eq!(
            why("/niet-bestaand/site/content").as_deref(),
            Some("de contentmap")
        );
        assert_eq!(
            why("/niet-bestaand/site/x/../content/.").as_deref(),
            Some("de contentmap")
        );
        assert_eq!(
            why("/niet-bestaand/site").as_deref(),
            Some("een map boven de contentmap")
        );
        assert_eq!(
            why("/niet-bestaand/site/content/public").as_deref(),
            Some("een map binnen de contentmap")
        );
        assert_eq!(why("/niet-bestaand/site/public"), None);
        assert!(overlaps(Path::new("/a/b"), Path::new("/a/b/c")));
        assert!(overlaps(Path::new("/a/b/c"), Path::new("/a/b")));
        assert!(!overlaps(Path::new("/a/b"), Path::new("/a/bc")));
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn foreign_files_are_those_not_in_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = [file("a.html", "1"), file("css/x.css", "2")];
        assert!(foreign_files(&out, &files, 10).unwrap().is_empty());
        write(&out, &files).unwrap();
        assert_eq!(
            fs::read_to_string(out.join(MANIFEST)).unwrap(),
            format!("{MANIFEST_HEADER}a.html\ncss/x.css\n")
        );
        // What the manifest lists is ours, whatever the next build writes.
        assert!(foreign_files(&out, &[], 10).unwrap().is_empty());
        fs::write(out.join("notities.txt"), "eigen").unwrap();
        fs::create_dir(out.join("eigen")).unwrap();
        assert_eq!(
            foreign_files(&out, &files, 10).unwrap(),
            vec!["eigen".to_string(), "notities.txt".to_string()]
        );
        assert_eq!(foreign_files(&out, &files, 1).unwrap().len(), 1);
    }

    #[test]
    fn a_folder_without_manifest_is_ours_only_if_the_build_writes_all_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("css")).unwrap();
        fs::write(out.join("a.html"), "oud").unwrap();
        fs::write(out.join("css/x.css"), "oud").unwrap();
        let files = [file("a.html", "1"), file("css/x.css", "2")];
        assert!(foreign_files(&out, &files, 10).unwrap().is_empty());
        assert_eq!(
            foreign_files(&out, &files[..1], 10).unwrap(),
            vec!["css".to_string()]
        );
    }

    #[test]
    fn replaces_the_output_and_leaves_no_siblings() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("a.html", "1"), file("css/x.css", "2")]).unwrap();
        write(&out, &[file("b.html", "3")]).unwrap();
        assert!(!out.join("a.html").exists());
        assert!(out.join(MANIFEST).exists());
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "3");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("a.html", "1")]).unwrap();
        assert!(write(&out, &[file("b.html", "2"), file("../weg.html", "x")]).is_err());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
        assert!(!dir.path().join("weg.html").exists());
        assert!(!sibling(&out, NEW).unwrap().exists());
    }

    #[test]
    fn a_single_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("concept.html");
        write_file(&path, b"een").unwrap();
        write_file(&path, b"twee").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "twee");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no sibling left");
        // A folder in the way: the write fails and the folder stays.
        let folder = dir.path().join("map");
        fs::create_dir(&folder).unwrap();
        assert!(write_file(&folder, b"x").is_err());
        assert!(folder.is_dir());
        assert!(!sibling(&folder, NEW).unwrap().exists());
    }

    #[test]
    fn an_interrupted_swap_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("a.html", "1")]).unwrap();
        // Simulate a kill between the two renames, with a half-written new folder.
        fs::rename(&out, sibling(&out, OLD).unwrap()).unwrap();
        fs::create_dir(sibling(&out, NEW).unwrap()).unwrap();
        recover(
            &out,
            &sibling(&out, NEW).unwrap(),
            &sibling(&out, OLD).unwrap(),
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
        assert!(!sibling(&out, NEW).unwrap().exists());
    }
}
