//! The one rule for which files of the machine a build may read: only files
//! inside the site (the folder holding `content/`, with its `themes/` and
//! `templates/`), the content folder and the theme folder, after resolving
//! symbolic links. A link that leads out of them is an error naming the
//! link; what it points at is never read, so no diagnostic can quote it and
//! no output can publish it.
//!
//! The walkers of the content ([`crate::content`]) and of the theme
//! ([`crate::render::theme`]) ask `Confine::link` about every symbolic link
//! they meet before following it; a link inside a followed link is met by
//! the walk too, so every path read is inside.

use std::path::{Path, PathBuf};

use crate::error::Problem;

/// The folders a build may read from, canonicalized.
#[derive(Debug, Clone, Default)]
pub(crate) struct Confine {
    roots: Vec<PathBuf>,
}

impl Confine {
    /// The folders `roots` (those that exist), with links resolved.
    pub(crate) fn new<'a>(roots: impl IntoIterator<Item = &'a Path>) -> Confine {
        let mut roots: Vec<PathBuf> = roots
            .into_iter()
            .filter_map(|root| root.canonicalize().ok())
            .collect();
        roots.sort();
        roots.dedup();
        Confine { roots }
    }

    /// Is the resolved `path` inside one of the folders?
    pub(crate) fn contains(&self, path: &Path) -> bool {
        self.roots.iter().any(|root| path.starts_with(root))
    }

    /// May the symbolic link `link` be followed? `Ok` when it resolves to a
    /// place inside (or does not resolve at all: the walker reports that);
    /// otherwise the problem, naming `shown` (the link as editors see it)
    /// and where it points.
    pub(crate) fn link(&self, link: &Path, shown: &str) -> Result<(), Problem> {
        match link.canonicalize() {
            Ok(target) if self.contains(&target) => Ok(()),
            Ok(target) => Err(Problem::LinkOutsideSite {
                link: shown.to_string(),
                target: std::fs::read_link(link)
                    .unwrap_or(target)
                    .display()
                    .to_string(),
            }),
            Err(_) => Ok(()),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_out_of_the_site_is_refused_and_one_inside_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::write(dir.path().join("geheim.txt"), "x").unwrap();
        std::fs::write(site.join("ok.md"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("geheim.txt"), site.join("content/uit"))
            .unwrap();
        std::os::unix::fs::symlink(site.join("ok.md"), site.join("content/in")).unwrap();
        let confine = Confine::new([site.as_path()]);
        assert!(confine.link(&site.join("content/in"), "content/in").is_ok());
        match confine.link(&site.join("content/uit"), "content/uit") {
            Err(Problem::LinkOutsideSite { link, target }) => {
                assert_eq!(link, "content/uit");
                assert!(target.ends_with("geheim.txt"), "{target}");
            }
            other => panic!("{other:?}"),
        }
    }
}
