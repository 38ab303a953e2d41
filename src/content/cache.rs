//! What `bijlage serve` keeps of the content between loads: every page as
//! read and parsed, with the stamp of its file, so that a load after a save
//! reads and parses only the files that changed.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::{ContentSource, Page, Parsed, SourceFile, read_page, relative, walk};
use crate::error::Diagnostic;
use crate::model::{Site, reassemble};

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
    /// How many loads there were.
    loads: u64,
    /// The next load may take every page not forgotten without its stamp.
    told: bool,
    /// What the last walk of the folder found: every page (relative path,
    /// path on disk) and the problems of the folder.
    walked: Option<Walked>,
    /// The paths relative to the folder named since the last load.
    named: Vec<String>,
    /// The pages [`PageCache::forget`] took out since the last load: read
    /// again, and compared with what they held.
    forgotten: rustc_hash::FxHashMap<String, Arc<Page>>,
    /// The paths of the last load, in order.
    paths: Option<Arc<Vec<(String, std::path::PathBuf)>>>,
    /// The site the last load made, while it is lent out: what tells it
    /// when it is given back ([`PageCache::give_back`]).
    lent: Option<Lent>,
    /// The site of the last load, given back: the next load replaces the
    /// actions whose files alone changed in it ([`reassemble`]).
    site: Option<(bool, Site)>,
    /// The actielijnen the last load changed, when it started from the
    /// site of the load before ([`PageCache::changed_lijnen`]).
    changed: Option<Vec<u32>>,
}

/// The site a load made, lent out to the render: the buffer of its
/// actielijnen (which no other living site can share), its load, and
/// whether drafts were in it.
#[derive(Debug, PartialEq, Eq)]
struct Lent {
    lijnen: usize,
    count: usize,
    load: u64,
    drafts: bool,
}

/// What a walk of the content folder finds.
type Walked = (Arc<Vec<(String, std::path::PathBuf)>>, Vec<Diagnostic>);

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
            let gone: Vec<String> = self
                .pages
                .keys()
                .filter(|key| **key == rel || (!rel.is_empty() && key.starts_with(&folder)))
                .cloned()
                .collect();
            for key in gone {
                if let Some((_, page)) = self.pages.remove(&key) {
                    self.forgotten.insert(key, page);
                }
            }
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
        let (paths, problems) = walk(source);
        let walked = (Arc::new(paths), problems);
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
        let (pages, _) = self.load_shared(source, paths);
        pages.into_par_iter().map(Arc::unwrap_or_clone).collect()
    }

    /// [`PageCache::load`], the pages shared with the cache; and of every
    /// page read now, what the last load held at its path (`None`: nothing).
    fn load_shared(
        &mut self,
        source: &ContentSource,
        paths: &[(String, std::path::PathBuf)],
    ) -> (Vec<Arc<Page>>, Vec<Reread>) {
        if self.source.as_ref() != Some(source) {
            self.pages.clear();
            self.forgotten.clear();
            self.source = Some(source.clone());
        }
        self.named.clear();
        let old = &self.pages;
        let forgotten = &self.forgotten;
        let told = std::mem::take(&mut self.told);
        let read = std::sync::atomic::AtomicUsize::new(0);
        // Each page, and for a page read now, its stamp (`None` when it has
        // none: read again next time) and what the last load held there; a
        // page taken keeps its entry.
        type Result = (Option<(Option<Stamp>, Option<Arc<Page>>)>, Arc<Page>);
        let results: Vec<Result> = paths
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
                let before = old
                    .get(rel)
                    .map(|(_, page)| page)
                    .or_else(|| forgotten.get(rel))
                    .cloned();
                let page = read_page(source, rel, path);
                // A file that changed while it was read keeps no stamp:
                // it is read again next time.
                let after = Stamp::of(path);
                (
                    Some((stamp.filter(|s| after.as_ref() == Some(s)), before)),
                    Arc::new(page),
                )
            })
            .collect();
        // The entries of the pages read now are replaced; the others stay
        // as they are (no copy of every path per load). What the folder no
        // longer holds goes.
        let mut reread = Vec::new();
        for ((rel, _), (stamp, page)) in paths.iter().zip(&results) {
            let Some((stamp, before)) = stamp else {
                continue;
            };
            match stamp {
                Some(stamp) => {
                    self.pages
                        .insert(rel.clone(), (stamp.clone(), Arc::clone(page)));
                }
                None => {
                    self.pages.remove(rel);
                }
            }
            reread.push(Reread {
                before: before.clone(),
                now: Arc::clone(page),
            });
        }
        self.forgotten.clear();
        if self.pages.len() > paths.len()
            || paths.iter().any(|(rel, _)| !self.pages.contains_key(rel))
        {
            let here: std::collections::HashSet<&str> =
                paths.iter().map(|(rel, _)| rel.as_str()).collect();
            self.pages.retain(|rel, _| here.contains(rel.as_str()));
        }
        self.read = read.into_inner();
        (results.into_iter().map(|(_, page)| page).collect(), reread)
    }

    /// [`super::load_site_cached`]: the site of the pages of `source`.
    /// When the site of the last load was given back, every path is what
    /// it was, that load found no problem, and every file read again is an
    /// action's whose number, folder and draft flag stayed (nor did it
    /// gain a problem), the actions are replaced in that site
    /// ([`reassemble`]) instead of assembling every action again.
    pub(super) fn load_site(&mut self, source: &ContentSource, drafts: bool) -> SiteResult {
        let base = self.site.take().filter(|(d, _)| *d == drafts);
        self.changed = None;
        self.loads += 1;
        self.lent = None;
        if !matches!(source, ContentSource::Dir(_)) {
            return super::site_of(super::load_cached(source, self), drafts);
        }
        let (paths, walked) = self.walk(source);
        let (pages, reread) = self.load_shared(source, &paths);
        let same_paths = self
            .paths
            .as_ref()
            .is_some_and(|last| Arc::ptr_eq(last, &paths) || **last == *paths);
        self.paths = Some(Arc::clone(&paths));
        let again = base
            .filter(|_| same_paths && walked.is_empty())
            .and_then(|(_, mut site)| {
                let mut changed = Vec::new();
                for Reread { before, now } in &reread {
                    let (
                        Some((_, Some(Parsed::Actie(old)), _)),
                        (Some(_), Some(Parsed::Actie(new)), diags),
                    ) = (before.as_deref(), &**now)
                    else {
                        return None;
                    };
                    if !diags.is_empty() {
                        return None;
                    }
                    changed.extend(reassemble(&mut site, old, new, drafts)?);
                }
                Some((site, changed))
            });
        let result = match again {
            Some((site, changed)) => {
                self.changed = Some(changed);
                Ok(reassembled(site, &pages, drafts))
            }
            None => {
                let pages = pages.into_par_iter().map(Arc::unwrap_or_clone).collect();
                super::site_of(super::gather(source, pages, walked), drafts)
            }
        };
        if let Ok((site, _, diagnostics)) = &result
            && diagnostics.is_empty()
        {
            self.lent = Some(Lent::of(site, self.loads, drafts));
        }
        result
    }

    /// Gives the site of the last load back (`bijlage serve`, once it is
    /// rendered): the next load may replace the actions that changed in
    /// it. Kept only when it is the very site that load made, unchanged in
    /// shape, and that load found no problem.
    pub(crate) fn give_back(&mut self, site: Site) {
        if let Some(lent) = self.lent.take()
            && lent == Lent::of(&site, lent.load, lent.drafts)
            && lent.load == self.loads
        {
            self.site = Some((lent.drafts, site));
        }
    }

    /// The numbers of the actielijnen the last load changed, when it
    /// started from the site of the load before (the others are what they
    /// were there); `None` when it assembled every action.
    pub(crate) fn changed_lijnen(&self) -> Option<&[u32]> {
        self.changed.as_deref()
    }

    /// Which load the last one was (they are counted), and the actielijnen
    /// it changed in the site of the one before ([`PageCache::changed_lijnen`]).
    pub(crate) fn last_load(&self) -> (u64, Option<&[u32]>) {
        (self.loads, self.changed_lijnen())
    }
}

/// A page read again: what the last load held at its path, and what it
/// holds now.
struct Reread {
    before: Option<Arc<Page>>,
    now: Arc<Page>,
}

/// What a load of the site gives.
type SiteResult = Result<(Site, Vec<SourceFile>, Vec<Diagnostic>), super::Invalid>;

impl Lent {
    fn of(site: &Site, load: u64, drafts: bool) -> Lent {
        Lent {
            lijnen: site.actielijnen.as_ptr() as usize,
            count: site.actielijnen.len(),
            load,
            drafts,
        }
    }
}

/// The result of a load whose site was reassembled from the last one's
/// (which found no problem, nor does this one): every file in order but
/// the drafts' when they are left out, as [`super::site_of`] gives them.
fn reassembled(
    site: Site,
    pages: &[Arc<Page>],
    drafts: bool,
) -> (Site, Vec<SourceFile>, Vec<Diagnostic>) {
    let draft_files: std::collections::HashSet<&str> = if drafts {
        Default::default()
    } else {
        pages
            .iter()
            .filter_map(|page| match &page.1 {
                Some(Parsed::Actie(a)) if a.actie.concept => Some(a.actie.bron.file.as_str()),
                _ => None,
            })
            .collect()
    };
    let files = pages
        .iter()
        .filter_map(|page| page.0.as_ref())
        .filter(|file| !draft_files.contains(file.display.as_str()))
        .cloned()
        .collect();
    (site, files, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    /// The embedded edition written into `content/` of a new temporary
    /// folder: (the folder, its `content/`, that as a source).
    fn shipped_copy() -> (tempfile::TempDir, PathBuf, ContentSource) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content");
        let mut stack = vec![&EMBEDDED];
        while let Some(folder) = stack.pop() {
            for file in folder.files() {
                let path = dir.join(file.path());
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, file.contents()).unwrap();
            }
            stack.extend(folder.dirs());
        }
        let source = ContentSource::Dir(dir.clone());
        (tmp, dir, source)
    }

    #[test]
    fn a_cached_load_reads_only_what_changed_and_equals_a_fresh_one() {
        let (dir, content, source) = shipped_copy();
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

    #[test]
    fn a_site_given_back_is_changed_in_place_and_equals_a_fresh_one() {
        let (_dir, content, source) = shipped_copy();
        let a = std::fs::read_dir(content.join("actielijn-2"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.ends_with("_index.md"))
            .min()
            .unwrap();
        let b = std::fs::read_dir(content.join("actielijn-3"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.ends_with("_index.md"))
            .min()
            .unwrap();
        let (text_a, text_b) = (
            std::fs::read_to_string(&a).unwrap(),
            std::fs::read_to_string(&b).unwrap(),
        );
        let index = content.join("actielijn-2/_index.md");
        let text_index = std::fs::read_to_string(&index).unwrap();
        let line = |text: &str, key: &str| -> String {
            text.lines()
                .find(|l| l.starts_with(&format!("{key}:")))
                .unwrap()
                .to_string()
        };
        for drafts in [false, true] {
            let mut cache = PageCache::default();
            // Each edit: the file, its new text, and whether the site of
            // the last load is changed in place (`Some(actielijnen)`).
            let edits: Vec<(&Path, String, Option<Vec<u32>>)> = vec![
                (&a, format!("{text_a}\nEen nieuwe alinea.\n"), Some(vec![2])),
                (&b, format!("{text_b}\nOok hier.\n"), Some(vec![3])),
                (&a, format!("{text_a}\nNog een alinea.\n"), Some(vec![2])),
                (
                    &a,
                    text_a.replacen("---\n", "---\n# opmerking\n", 1),
                    Some(vec![2]),
                ),
                // Another number: another place, assembled again.
                (
                    &a,
                    text_a.replacen(&line(&text_a, "nummer"), "nummer: 98", 1),
                    None,
                ),
                (&a, text_a.clone(), None),
                // A draft now: left out without drafts.
                (
                    &b,
                    text_b.replacen("---\n", "---\nconcept: true\n", 1),
                    None,
                ),
                (
                    &b,
                    format!(
                        "{}\nIn concept.\n",
                        text_b.replacen("---\n", "---\nconcept: true\n", 1)
                    ),
                    Some(if drafts { vec![3] } else { vec![] }),
                ),
                (&b, text_b.clone(), None),
                // A year outside the plan is a problem: assembled again.
                (
                    &a,
                    text_a.replacen(&line(&text_a, "jaren"), "jaren: [2019]", 1),
                    None,
                ),
                (&a, text_a.clone(), None),
                (&a, format!("{text_a}\nWeer goed.\n"), Some(vec![2])),
                // The actielijn's own page: assembled again.
                (
                    &index,
                    format!("{text_index}\nMeer over de actielijn.\n"),
                    None,
                ),
                (&a, text_a.clone(), Some(vec![2])),
            ];
            let fresh = || load_site(&source, drafts);
            let first = cache.load_site(&source, drafts);
            assert_eq!(first, fresh());
            assert_eq!(cache.changed_lijnen(), None);
            cache.give_back(first.unwrap().0);
            for (round, (file, text, changed)) in edits.into_iter().enumerate() {
                std::fs::write(file, &text).unwrap();
                cache.forget([file]);
                let loaded = cache.load_site(&source, drafts);
                assert_eq!(loaded, fresh(), "edit {round}, drafts {drafts}");
                assert_eq!(
                    cache.changed_lijnen(),
                    changed.as_deref(),
                    "edit {round}, drafts {drafts}"
                );
                if let Ok((site, _, _)) = loaded {
                    cache.give_back(site);
                }
            }
            // A site not given back, or not the one the last load made, is
            // not taken: the next load assembles every action.
            std::fs::write(&a, format!("{text_a}\nZonder terug.\n")).unwrap();
            cache.forget([a.as_path()]);
            let (site, _, _) = cache.load_site(&source, drafts).unwrap();
            cache.give_back(fresh().unwrap().0);
            std::fs::write(&a, &text_a).unwrap();
            cache.forget([a.as_path()]);
            assert_eq!(cache.load_site(&source, drafts), fresh());
            assert_eq!(cache.changed_lijnen(), None, "a site it did not make");
            drop(site);
            std::fs::write(&index, &text_index).unwrap();
            std::fs::write(&b, &text_b).unwrap();
        }
    }
}
