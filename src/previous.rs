//! Finding the previous edition: another content folder, or a git revision of
//! the same repository read from git's object store (the git CLI: `ls-tree`
//! and `cat-file --batch`), without a checkout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use crate::content::ContentSource;

/// Why the previous edition could not be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviousError {
    /// Neither a folder nor a git revision: (what was named, git's answer).
    #[error("`{0}` is geen map en geen git-revisie van deze repository: {1}")]
    NotFound(String, String),
    /// Not a folder, and the content is not in git: (what was named, why).
    #[error("`{0}` is geen map, en de content staat niet in een git-repository ({1})")]
    NoRepository(String, String),
    #[error("git-revisie `{rev}` heeft geen map `{path}`")]
    /// The revision exists but holds no such folder.
    EmptyTree {
        /// The git revision.
        rev: String,
        /// The folder looked for in it.
        path: String,
    },
    /// git could not be started.
    #[error("git kon niet gestart worden: {0}")]
    Git(String),
}

pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| err.to_string())?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// The tags of the repository that holds `content_dir` (at most 20, newest
/// first), to name the revisions that exist; none outside a repository.
pub fn tags(content_dir: &Path) -> Vec<String> {
    let dir = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_path_buf());
    let Ok(out) = git(
        &dir,
        &[
            "tag",
            "--list",
            "--sort=-creatordate",
            "--format=%(refname:short)",
        ],
    ) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out)
        .lines()
        .filter(|l| !l.is_empty())
        .take(20)
        .map(str::to_string)
        .collect()
}

/// The content folder inside `dir`: `dir` itself when it holds `_index.md`,
/// else `dir/content`.
fn content_folder(dir: &Path) -> PathBuf {
    if dir.join("_index.md").is_file() || !dir.join("content").is_dir() {
        dir.to_path_buf()
    } else {
        dir.join("content")
    }
}

/// Resolves `spec` (a folder, taken from `base` when relative, or a git
/// revision of the repository that holds `content_dir`) to a content source.
pub fn resolve(
    spec: &str,
    base: &Path,
    content_dir: &Path,
) -> Result<ContentSource, PreviousError> {
    let as_dir = if Path::new(spec).is_absolute() {
        PathBuf::from(spec)
    } else {
        base.join(spec)
    };
    if as_dir.is_dir() {
        return Ok(ContentSource::Dir(content_folder(&as_dir)));
    }
    from_git(spec, content_dir)
}

/// Reads the content folder `content_dir` as it was at revision `rev`.
pub(crate) fn from_git(rev: &str, content_dir: &Path) -> Result<ContentSource, PreviousError> {
    let (top, rel) = repository(rev, content_dir)?;
    if rev.starts_with('-') {
        return Err(PreviousError::NotFound(
            rev.into(),
            "geen geldige revisie".into(),
        ));
    }
    let commit = commit_of(rev, &top)?;
    let entries = blobs_under(&top, &commit, &rel)?;
    if entries.is_empty() {
        return Err(PreviousError::EmptyTree {
            rev: rev.into(),
            path: if rel.is_empty() { ".".into() } else { rel },
        });
    }
    let files = cat_blobs(&top, &entries).map_err(PreviousError::Git)?;
    Ok(ContentSource::Memory {
        label: format!("{rev}:{}", if rel.is_empty() { "." } else { &rel }),
        files: Arc::new(files),
    })
}

/// The top of the git work tree that holds `content_dir`, and the content
/// folder's path inside it (`/`-separated; empty when it is the top).
fn repository(rev: &str, content_dir: &Path) -> Result<(PathBuf, String), PreviousError> {
    let dir = content_dir.canonicalize().map_err(|err| {
        PreviousError::NoRepository(rev.into(), format!("{}: {err}", content_dir.display()))
    })?;
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|err| {
        PreviousError::NoRepository(rev.into(), format!("{}: {err}", dir.display()))
    })?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let top = top.canonicalize().unwrap_or(top);
    let rel = dir
        .strip_prefix(&top)
        .map(crate::text::slash_path)
        .unwrap_or_default();
    Ok((top, rel))
}

/// The commit `rev` names (a tag, a branch, a commit id).
fn commit_of(rev: &str, top: &Path) -> Result<String, PreviousError> {
    let commit = git(
        top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|err| {
        let reason = if err.is_empty() {
            "onbekende revisie".to_string()
        } else {
            err
        };
        PreviousError::NotFound(rev.into(), reason)
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    if commit.is_empty() {
        return Err(PreviousError::NotFound(
            rev.into(),
            "onbekende revisie".into(),
        ));
    }
    Ok(commit)
}

/// The files under `rel` in `commit`: (path inside `rel`, blob id).
fn blobs_under(
    top: &Path,
    commit: &str,
    rel: &str,
) -> Result<Vec<(String, String)>, PreviousError> {
    let pathspec = if rel.is_empty() { "." } else { rel };
    let listing = git(
        top,
        &["ls-tree", "-r", "-z", "--full-tree", commit, "--", pathspec],
    )
    .map_err(PreviousError::Git)?;
    let mut entries: Vec<(String, String)> = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let record = String::from_utf8_lossy(record);
        let Some((meta, path)) = record.split_once('\t') else {
            continue;
        };
        let mut fields = meta.split_whitespace();
        let (Some(_mode), Some(kind), Some(object)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let inside = if rel.is_empty() {
            Some(path)
        } else {
            path.strip_prefix(&format!("{rel}/"))
        };
        if kind == "blob"
            && let Some(inside) = inside
        {
            entries.push((inside.to_string(), object.to_string()));
        }
    }
    Ok(entries)
}

/// Reads blobs through one `git cat-file --batch`.
fn cat_blobs(top: &Path, entries: &[(String, String)]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| err.to_string())?;
    let request: String = entries
        .iter()
        .map(|(_, object)| format!("{object}\n"))
        .collect();
    let mut stdin = child.stdin.take().ok_or("geen stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let output = child.wait_with_output().map_err(|err| err.to_string())?;
    writer
        .join()
        .map_err(|_| "schrijven naar git mislukt".to_string())?
        .map_err(|err| err.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    let mut files = Vec::with_capacity(entries.len());
    let mut rest: &[u8] = &output.stdout;
    for (path, _) in entries {
        let header_end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("onvolledige uitvoer van git")?;
        let header = String::from_utf8_lossy(&rest[..header_end]);
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("onverwachte uitvoer van git: {header}"))?;
        let start = header_end + 1;
        let end = start + size;
        if rest.len() < end + 1 {
            return Err("onvolledige uitvoer van git".into());
        }
        files.push((path.clone(), rest[start..end].to_vec()));
        rest = &rest[end + 1..];
    }
    Ok(files)
}
