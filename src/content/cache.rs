//! What `bijlage serve` keeps of the content between loads: every page as
//! read and parsed, with the stamp of its file, so that a load after a save
//! reads and parses only the files that changed.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::{ContentSource, Page, read_page, relative, walk};
use crate::error::Diagnostic;

/// What tells whether a file on disk changed since it was read: its size,
/// modification time and (on Unix) inode and change time, so that a save by
/// rename is seen even within one tick of the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, i64, i64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.ino(), meta.ctime(), meta.ctime_nsec()),
        })
    }
}

/// The pages of the last load of a content folder, kept between loads by
/// `bijlage serve`: a load with the cache reads and parses only the files
/// that are new, whose [`Stamp`] changed, or that were named as changed
/// ([`PageCache::forget`]); every other page is taken as it was. The model
/// is assembled from all pages as always, so a load with the cache returns
/// what [`load`] returns.
///
/// After [`PageCache::forget`] has been told every changed path (the
/// watcher names them), the next load takes the other pages without even
/// looking at their stamps: no stat of every file per save. When a path
/// could not be placed in the folder, or none was named (a watcher that
/// lost track), every stamp is looked at again.
#[derive(Default)]
pub(crate) struct PageCache {
    source: Option<ContentSource>,
    pages: rustc_hash::FxHashMap<String, (Stamp, Arc<Page>)>,
    /// How many files the last load read and parsed.
    read: usize,
    /// The next load may take every page not forgotten without its stamp.
    told: bool,
    /// What the last walk of the folder found: every page (relative path,
    /// path on disk) and the problems of the folder.
    walked: Option<Walked>,
    /// The paths relative to the folder named since the last load.
    named: Vec<String>,
}

/// What a walk of the content folder finds.
type Walked = (Vec<(String, std::path::PathBuf)>, Vec<Diagnostic>);

impl PageCache {
    /// Reads these files (and every file under these folders) again at
    /// the next load, whatever their stamp says (a change within one tick
    /// of the file system's clock keeps it). `paths` are every path that
    /// changed: when each lies in the content folder, the next load looks
    /// at no other file's stamp.
    pub(crate) fn forget<'a>(&mut self, paths: impl IntoIterator<Item = &'a Path>) {
        self.told = false;
        self.named.clear();
        let Some(ContentSource::Dir(root)) = &self.source else {
            return;
        };
        // The folder as given, absolute, and with its links resolved: the
        // watcher names absolute paths.
        let roots: Vec<std::path::PathBuf> = [
            Some(root.clone()),
            std::path::absolute(root).ok(),
            root.canonicalize().ok(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let (mut any, mut placed) = (false, true);
        for path in paths {
            any = true;
            let Some(rel) = roots.iter().find_map(|r| path.strip_prefix(r).ok()) else {
                placed = false;
                continue;
            };
            let rel = relative(Path::new(""), rel);
            let folder = format!("{rel}/");
            self.pages
                .retain(|key, _| *key != rel && (rel.is_empty() || !key.starts_with(&folder)));
            self.named.push(rel);
        }
        self.told = any && placed;
    }

    /// Makes the next load look at every file's stamp (changes may have
    /// gone unnamed).
    pub(crate) fn look_at_every_stamp(&mut self) {
        self.told = false;
    }

    /// The pages of the folder `source` and its problems, as [`walk`]
    /// finds them: the last walk's, when every change since was named
    /// ([`PageCache::forget`]), the last walk found no problem, and none of
    /// them can change what a walk finds (each named path is a page of the last walk that is still a
    /// file, or a path that is not there and held no page, or a hidden
    /// one); otherwise walked again. A save of a page walks no folder.
    pub(super) fn walk(&mut self, source: &ContentSource) -> Walked {
        if self.told
            && self.source.as_ref() == Some(source)
            && let (Some(walked), ContentSource::Dir(root)) = (&self.walked, source)
            // A folder with problems (links out of the site, files that are
            // not pages) is walked again: a change may have removed one.
            && walked.1.is_empty()
            && self
                .named
                .iter()
                .all(|rel| walk_finds_the_same(&walked.0, root, rel))
        {
            return walked.clone();
        }
        let walked = walk(source);
        self.walked = Some(walked.clone());
        walked
    }

    /// How many files the last load read and parsed (the others came from
    /// the cache).
    pub(crate) fn files_read(&self) -> usize {
        self.read
    }
}
/// Whether a change at `rel` (relative to the folder `root`) leaves what a
/// walk finds as it was (`pages`, the last walk's): a page that is still a
/// file (not a link, nor a folder now); a path that is not there and held
/// no page (an editor's temporary file, renamed away); a hidden name (the
/// walk skips those and everything under them).
fn walk_finds_the_same(pages: &[(String, std::path::PathBuf)], root: &Path, rel: &str) -> bool {
    if rel.split('/').any(|part| part.starts_with('.')) {
        return true;
    }
    if rel.is_empty() {
        return false;
    }
    let meta = std::fs::symlink_metadata(root.join(rel));
    if pages.iter().any(|(page, _)| page == rel) {
        return meta.is_ok_and(|m| m.file_type().is_file());
    }
    let folder = format!("{rel}/");
    matches!(&meta, Err(err) if err.kind() == std::io::ErrorKind::NotFound)
        && !pages.iter().any(|(page, _)| page.starts_with(&folder))
}

impl PageCache {
    /// Every page of `paths` (relative path, path on disk) of the folder
    /// `source`, in order: from the cache when its stamp is what it was,
    /// else read and parsed. Keeps what it read for the next load.
    pub(super) fn load(
        &mut self,
        source: &ContentSource,
        paths: &[(String, std::path::PathBuf)],
    ) -> Vec<Page> {
        if self.source.as_ref() != Some(source) {
            self.pages.clear();
            self.source = Some(source.clone());
        }
        self.named.clear();
        let old = &self.pages;
        let told = std::mem::take(&mut self.told);
        let read = std::sync::atomic::AtomicUsize::new(0);
        // Each page, and for a page read now, its stamp (`None` when it has
        // none: read again next time); a page taken keeps its entry.
        let results: Vec<(Option<Option<Stamp>>, Arc<Page>)> = paths
            .par_iter()
            .map(|(rel, path)| {
                if told && let Some((_, page)) = old.get(rel) {
                    return (None, Arc::clone(page));
                }
                let stamp = Stamp::of(path);
                if let (Some(now), Some((then, page))) = (&stamp, old.get(rel))
                    && now == then
                {
                    return (None, Arc::clone(page));
                }
                read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let page = read_page(source, rel, path);
                // A file that changed while it was read keeps no stamp:
                // it is read again next time.
                let after = Stamp::of(path);
                (
                    Some(stamp.filter(|s| after.as_ref() == Some(s))),
                    Arc::new(page),
                )
            })
            .collect();
        // The entries of the pages read now are replaced; the others stay
        // as they are (no copy of every path per load). What the folder no
        // longer holds goes.
        for ((rel, _), (stamp, page)) in paths.iter().zip(&results) {
            match stamp {
                None => {}
                Some(Some(stamp)) => {
                    self.pages
                        .insert(rel.clone(), (stamp.clone(), Arc::clone(page)));
                }
                Some(None) => {
                    self.pages.remove(rel);
                }
            }
        }
        if self.pages.len() > paths.len()
            || paths.iter().any(|(rel, _)| !self.pages.contains_key(rel))
        {
            let here: std::collections::HashSet<&str> =
                paths.iter().map(|(rel, _)| rel.as_str()).collect();
            self.pages.retain(|rel, _| here.contains(rel.as_str()));
        }
        self.read = read.into_inner();
        results
            .into_par_iter()
            .map(|(_, page)| Arc::unwrap_or_clone(page))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    /// Writes the embedded edition into a folder.
    fn shipped_copy(dir: &Path) {
        let mut stack = vec![&EMBEDDED];
        while let Some(folder) = stack.pop() {
            for file in folder.files() {
                let path = dir.join(file.path());
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, file.contents()).unwrap();
            }
            stack.extend(folder.dirs());
        }
    }

    #[test]
    fn a_cached_load_reads_only_what_changed_and_equals_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        shipped_copy(&content);
        let source = ContentSource::Dir(content.clone());
        let mut cache = PageCache::default();
        let fresh = || load_site(&source, true);
        let total = load(&source).files.len();
        assert_eq!(load_site_cached(&source, true, &mut cache), fresh());
        assert_eq!(cache.files_read(), total);
        assert_eq!(load_site_cached(&source, true, &mut cache), fresh());
        assert_eq!(cache.files_read(), 0, "nothing changed, nothing read");

        let lijn = std::fs::read_dir(content.join("actielijn-2"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| !p.ends_with("_index.md"))
            .unwrap();
        let text = std::fs::read_to_string(&lijn).unwrap();
        // `key: value` for the line of `key` in the front matter.
        let set = |text: &str, key: &str, value: &str| -> String {
            text.lines()
                .map(|line| {
                    if line.starts_with(&format!("{key}:")) {
                        format!("{key}: {value}\n")
                    } else {
                        format!("{line}\n")
                    }
                })
                .collect()
        };
        let edits: Vec<(&str, String)> = vec![
            ("status", set(&text, "status", "doorlopend")),
            ("text", format!("{text}\nEen nieuwe alinea.\n")),
            ("broken YAML", set(&text, "status", "[doorlopend")),
            ("same length", text.replacen("---\n", "---\n#a\n", 1)),
            ("same length again", text.replacen("---\n", "---\n#b\n", 1)),
            ("back", text.clone()),
        ];
        for (what, edit) in edits {
            std::fs::write(&lijn, &edit).unwrap();
            // The watcher names the file; a second save within one tick of
            // the clock would otherwise keep its stamp.
            cache.forget([lijn.as_path()]);
            assert_eq!(
                load_site_cached(&source, true, &mut cache),
                fresh(),
                "{what}"
            );
            assert_eq!(cache.files_read(), 1, "{what}");
        }
        // A new file, and one removed.
        let added = lijn.with_file_name("99-nieuw.md");
        std::fs::write(&added, set(&text, "nummer", "99")).unwrap();
        assert_eq!(
            load_site_cached(&source, true, &mut cache),
            fresh(),
            "added"
        );
        assert_eq!(cache.files_read(), 1);
        std::fs::remove_file(&added).unwrap();
        assert_eq!(
            load_site_cached(&source, true, &mut cache),
            fresh(),
            "removed"
        );
        assert_eq!(cache.files_read(), 0);
        assert_eq!(cache.pages.len(), total, "the removed file's entry went");
        // Told of every change, the next load looks at no other stamp; told
        // of a path it cannot place (or of none), at every stamp.
        let other = content.join("actielijn-1/_index.md");
        let before = std::fs::read_to_string(&other).unwrap();
        std::fs::write(&other, format!("{before}\nOngenoemd.\n")).unwrap();
        std::fs::write(&lijn, format!("{text}\nGenoemd.\n")).unwrap();
        cache.forget([lijn.as_path()]);
        load_site_cached(&source, true, &mut cache).ok();
        assert_eq!(cache.files_read(), 1, "only the named file");
        cache.forget([dir.path().join("templates/index.html").as_path()]);
        assert_eq!(
            load_site_cached(&source, true, &mut cache),
            fresh(),
            "outside the content"
        );
        assert_eq!(cache.files_read(), 1, "the unnamed change, by its stamp");
        // A folder named: every file under it is read again.
        cache.forget([content.join("actielijn-1").as_path()]);
        assert_eq!(load_site_cached(&source, true, &mut cache), fresh());
        let in_folder = std::fs::read_dir(content.join("actielijn-1"))
            .unwrap()
            .count();
        assert_eq!(cache.files_read(), in_folder);
        std::fs::write(&other, &before).unwrap();
        std::fs::write(&lijn, &text).unwrap();
        cache.forget([lijn.as_path(), other.as_path()]);
        assert_eq!(load_site_cached(&source, true, &mut cache), fresh());
        assert_eq!(cache.files_read(), 2);
        // A save by rename is seen without being named.
        let temp = lijn.with_file_name(".x.md.tmp");
        std::fs::write(&temp, format!("{text}\nNog een alinea.\n")).unwrap();
        std::fs::rename(&temp, &lijn).unwrap();
        assert_eq!(
            load_site_cached(&source, true, &mut cache),
            fresh(),
            "rename"
        );
        assert_eq!(cache.files_read(), 1);
    }
}
