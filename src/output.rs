//! Writing the output folder atomically: everything is written into a fresh
//! folder beside the output folder, which replaces the old output only when
//! every file was written. A failed or interrupted build leaves the previous
//! output as it was; leftovers of an interrupted build are cleared (or, if the
//! swap itself was interrupted, restored) by the next run. Nothing outside the
//! output folder and these two sibling folders is ever removed.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::render::OutputFile;

const NEW: &str = "bijlage-nieuw";
const OLD: &str = "bijlage-oud";

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

/// Is `path` a plain relative path that stays inside the folder it is joined to?
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Clears what an interrupted earlier run left behind.
fn recover(output: &Path, new: &Path, old: &Path) -> io::Result<()> {
    if new.exists() {
        fs::remove_dir_all(new)?;
    }
    if old.exists() {
        if output.exists() {
            fs::remove_dir_all(old)?;
        } else {
            // Interrupted between the two renames: the old output comes back.
            fs::rename(old, output)?;
        }
    }
    Ok(())
}

fn write_all(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir(root)?;
    let mut made: BTreeSet<PathBuf> = BTreeSet::new();
    for file in files {
        if !is_inside(&file.path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("ongeldig uitvoerpad `{}`", file.path),
            ));
        }
        let target = root.join(&file.path);
        if let Some(dir) = target.parent()
            && dir != root
            && made.insert(dir.to_path_buf())
        {
            fs::create_dir_all(dir)?;
        }
        fs::write(&target, &file.bytes)?;
    }
    Ok(())
}

/// Replaces the folder `output` by exactly `files`.
pub fn write(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let new = sibling(output, NEW)?;
    let old = sibling(output, OLD)?;
    recover(output, &new, &old)?;
    if let Err(err) = write_all(&new, files) {
        let _ = fs::remove_dir_all(&new);
        return Err(err);
    }
    if output.exists() {
        fs::rename(output, &old)?;
        if let Err(err) = fs::rename(&new, output) {
            let _ = fs::rename(&old, output);
            let _ = fs::remove_dir_all(&new);
            return Err(err);
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(&new, output)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_the_output_and_leaves_no_siblings() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("a.html", "1"), file("css/x.css", "2")]).unwrap();
        write(&out, &[file("b.html", "3")]).unwrap();
        assert!(!out.join("a.html").exists());
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
