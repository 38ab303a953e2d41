//! Where the content of a review copy comes from: the latest git commit that
//! touched the content folder (short id and date, read with the git CLI as
//! [`crate::previous`] does), and whether the folder has changes not yet in a
//! commit. Never the clock: two runs on the same content say the same.

use std::path::Path;

use crate::content::ContentSource;
use crate::model::MAANDEN;
use crate::previous::git;

/// The origin of the content, as a review copy names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Herkomst {
    /// The content folder is in git.
    Git {
        /// The short commit id.
        commit: String,
        /// The commit date, `YYYY-MM-DD`.
        datum: String,
        /// The folder has changes that are in no commit yet.
        gewijzigd: bool,
    },
    /// The content folder is not in a git repository, or git is missing.
    GeenGit,
    /// In git, but nothing of the folder was ever committed.
    NietVastgelegd,
    /// The edition compiled into the binary, or content read from elsewhere.
    Anders(String),
}

impl Herkomst {
    /// Reads the origin of `content`.
    pub fn of(content: &ContentSource) -> Herkomst {
        match content {
            ContentSource::Dir(dir) => from_dir(dir),
            ContentSource::Embedded => Herkomst::Anders("de meegeleverde editie".into()),
            ContentSource::Memory { label, .. } => Herkomst::Anders(label.clone()),
        }
    }

    /// The origin in words, for the cover and the margin of every page:
    /// "content van commit 1a2b3c4 van 1 december 2026".
    pub fn tekst(&self) -> String {
        match self {
            Herkomst::Git {
                commit,
                datum,
                gewijzigd,
            } => format!(
                "content van commit {commit} van {}{}",
                datum_nl(datum),
                if *gewijzigd {
                    ", met wijzigingen die nog niet in een commit staan"
                } else {
                    ""
                }
            ),
            Herkomst::GeenGit => {
                "de content staat niet in git: welke versie dit is, staat nergens vast".into()
            }
            Herkomst::NietVastgelegd => "de content staat nog in geen enkele git-commit".into(),
            Herkomst::Anders(what) => format!("content: {what}, niet uit git"),
        }
    }
}

fn from_dir(dir: &Path) -> Herkomst {
    let Ok(dir) = dir.canonicalize() else {
        return Herkomst::GeenGit;
    };
    if git(&dir, &["rev-parse", "--show-toplevel"]).is_err() {
        return Herkomst::GeenGit;
    }
    let Ok(log) = git(&dir, &["log", "-1", "--format=%h %cs", "--", "."]) else {
        return Herkomst::NietVastgelegd;
    };
    let log = String::from_utf8_lossy(&log);
    let Some((commit, datum)) = log.trim().split_once(' ') else {
        return Herkomst::NietVastgelegd;
    };
    let gewijzigd = git(
        &dir,
        &["status", "--porcelain", "--untracked-files=all", "--", "."],
    )
    .map(|out| !out.is_empty())
    .unwrap_or(false);
    Herkomst::Git {
        commit: commit.to_string(),
        datum: datum.to_string(),
        gewijzigd,
    }
}

/// `2026-12-01` as "1 december 2026"; anything else as it is.
pub(crate) fn datum_nl(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(jaar), Some(maand), Some(dag)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match (maand.parse::<usize>(), dag.parse::<u8>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {jaar}", MAANDEN[m - 1]),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_dutch() {
        assert_eq!(datum_nl("2026-12-01"), "1 december 2026");
        assert_eq!(datum_nl("2025-05-31"), "31 mei 2025");
        assert_eq!(datum_nl("gisteren"), "gisteren");
    }

    #[test]
    fn a_folder_outside_git_says_so() {
        let dir = tempfile::tempdir().unwrap();
        // A temp folder may still lie inside a repository (TMPDIR in a
        // checkout); only judge when it does not.
        if git(dir.path(), &["rev-parse", "--show-toplevel"]).is_err() {
            assert_eq!(from_dir(dir.path()), Herkomst::GeenGit);
            assert!(Herkomst::GeenGit.tekst().contains("niet in git"));
        }
    }

    #[test]
    fn a_committed_folder_names_its_commit_and_changes() {
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| git(dir.path(), args).unwrap();
        run(&["init", "-q"]);
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        assert_eq!(from_dir(&content), Herkomst::NietVastgelegd);
        std::fs::write(content.join("_index.md"), "x\n").unwrap();
        run(&["add", "."]);
        run(&[
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "commit",
            "-q",
            "-m",
            "eerste",
            "--date=2026-05-04T10:00:00",
        ]);
        let id = String::from_utf8(run(&["log", "-1", "--format=%h"])).unwrap();
        let herkomst = from_dir(&content);
        let Herkomst::Git {
            commit, gewijzigd, ..
        } = &herkomst
        else {
            panic!("{herkomst:?}");
        };
        assert_eq!(commit, id.trim());
        assert!(!gewijzigd);
        assert!(
            herkomst
                .tekst()
                .starts_with(&format!("content van commit {}", id.trim()))
        );
        std::fs::write(content.join("_index.md"), "y\n").unwrap();
        assert!(matches!(
            from_dir(&content),
            Herkomst::Git {
                gewijzigd: true,
                ..
            }
        ));
        assert!(
            from_dir(&content)
                .tekst()
                .contains("nog niet in een commit")
        );
    }
}
