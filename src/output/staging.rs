//! The staging folder: a build's files written beside the output folder as
//! they are rendered, swapped in when all are written.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use super::{MANIFEST, NEW, OLD, manifest_of, sibling};

/// Is `path` a plain relative path that stays inside the folder it is joined to?
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Clears what an interrupted earlier run left behind.
pub(super) fn recover(output: &Path, new: &Path, old: &Path) -> io::Result<()> {
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

/// An output folder being written: files go into a fresh folder beside
/// the output as they are rendered ([`Staging::put`], from any thread), and
/// [`Staging::commit`] writes the manifest and swaps the folder in. Dropped
/// without a commit, it removes what it wrote and the output stays as it was.
pub(crate) struct Staging {
    output: PathBuf,
    new: PathBuf,
    old: PathBuf,
    state: Mutex<StagingState>,
    committed: bool,
}

#[derive(Default)]
struct StagingState {
    /// Folders made so far (besides the root).
    made: BTreeSet<PathBuf>,
    /// Every path written, for the manifest.
    paths: Vec<String>,
}

impl Staging {
    /// Clears what an interrupted earlier run left, and starts an empty
    /// folder beside `output`.
    pub(crate) fn begin(output: &Path) -> io::Result<Staging> {
        let new = sibling(output, NEW)?;
        let old = sibling(output, OLD)?;
        recover(output, &new, &old)?;
        fs::create_dir(&new)?;
        Ok(Staging {
            output: output.to_path_buf(),
            new,
            old,
            state: Mutex::new(StagingState::default()),
            committed: false,
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, StagingState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes one file (`path` relative to the output folder).
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut file = self.create(path)?;
        io::Write::write_all(&mut file, bytes)
    }

    /// A file to write, `path` relative to the output folder.
    fn create(&self, path: &str) -> io::Result<fs::File> {
        if !is_inside(path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("ongeldig uitvoerpad `{path}`"),
            ));
        }
        let target = self.new.join(path);
        if let Some(dir) = target.parent()
            && dir != self.new
        {
            let mut state = self.state();
            if !state.made.contains(dir) {
                fs::create_dir_all(dir)?;
                state.made.insert(dir.to_path_buf());
            }
        }
        let file = fs::File::create(&target)?;
        self.state().paths.push(path.to_string());
        Ok(file)
    }

    /// The paths written so far, sorted.
    pub(crate) fn paths(&self) -> Vec<String> {
        let mut paths = self.state().paths.clone();
        paths.sort_unstable();
        paths
    }

    /// Writes the manifest and replaces the output folder by what was put.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        let paths = self.paths();
        fs::write(
            self.new.join(MANIFEST),
            manifest_of(paths.iter().map(String::as_str)),
        )?;
        // On an error below, dropping `self` removes the new folder.
        let (output, new, old) = (&self.output, &self.new, &self.old);
        if output.exists() {
            fs::rename(output, old)?;
            if let Err(err) = fs::rename(new, output) {
                let _ = fs::rename(old, output);
                return Err(err);
            }
            self.committed = true;
            fs::remove_dir_all(old)?;
        } else {
            fs::rename(new, output)?;
            self.committed = true;
        }
        Ok(())
    }
}

/// Pages stream into the staging folder as tera renders them.
impl crate::render::Sink for Staging {
    type Writer = io::BufWriter<fs::File>;
    fn create(&self, path: &str) -> io::Result<Self::Writer> {
        Ok(io::BufWriter::with_capacity(
            64 * 1024,
            Staging::create(self, path)?,
        ))
    }
    fn finish(&self, _: &str, writer: Self::Writer) -> io::Result<()> {
        writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.new);
        }
    }
}
