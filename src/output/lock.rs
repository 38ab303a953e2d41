//! The build lock: one build per output folder at a time.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{LOCK, sibling};

/// Held while a build checks and replaces an output folder: an advisory lock
/// (`flock`, through fs4) on a file beside the output folder,
/// `.NAME.bijlage-slot`. Two builds into one folder at once (a save hook and
/// a manual build) take turns: the second waits until the first has swapped
/// its folder in, so neither clears the other's half-written folder. The
/// lock goes with the process, also when it is killed; the file is removed
/// when the holder is done (a waiter that then holds a removed file tries
/// again), so nothing stays beside the output.
#[derive(Debug)]
pub struct Lock {
    file: fs::File,
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked: a build that opens the path after
        // this creates a new file, and one already waiting notices (see
        // `lock`).
        let _ = fs::remove_file(&self.path);
        let _ = fs4::fs_std::FileExt::unlock(&self.file);
    }
}

/// Does `path` still name the file `file` (not removed and made anew)?
fn same_file(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Takes the build lock of `output`, waiting while another build holds it.
pub fn lock(output: &Path) -> io::Result<Lock> {
    use fs4::fs_std::FileExt;
    let path = sibling(output, LOCK)?;
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock_exclusive()?;
        if same_file(&file, &path) {
            return Ok(Lock { file, path });
        }
    }
}
