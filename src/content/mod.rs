//! Reading `content/`: walking the folder (or the embedded copy of the shipped
//! edition), splitting front matter from the body and turning the front matter
//! into typed model data. Every problem becomes a [`Diagnostic`]; reading goes
//! on so that one run reports them all.

mod cache;
mod decode;
pub mod fields;
pub mod frontmatter;
mod walk;

pub(crate) use cache::PageCache;
pub use decode::decode;
use decode::{decode_at, strip_controls};
use walk::{display_path, read_bytes, relative, walk, walk_and};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use crate::error::{Diagnostic, Location, Problem, has_errors, io_message};
use crate::model::{ActieInvoer, Actielijn, Site, SiteMeta};

/// The shipped November 2025 edition, compiled into the binary: the content a
/// plain `bijlage build` renders when there is no `content/` folder.
pub(crate) static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// The past editions shipped beside it (`edities/<JJJJ-MM>/content/`), so
/// that the embedded edition compares with its previous one as `content/`
/// does.
pub(crate) static EMBEDDED_EDITIES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/edities");

/// The names of the embedded past editions (`edities/2025-07`), sorted.
pub(crate) fn embedded_editions() -> Vec<String> {
    let mut names: Vec<String> = EMBEDDED_EDITIES
        .dirs()
        .filter(|dir| dir.get_dir(dir.path().join("content")).is_some())
        .map(|dir| format!("edities/{}", dir.path().to_string_lossy()))
        .collect();
    names.sort();
    names
}

/// The embedded past edition `name` (`edities/2025-07`, or with `/content`
/// or a trailing `/`) as a content source.
pub(crate) fn embedded_edition(name: &str) -> Option<ContentSource> {
    let name = name.trim_end_matches('/');
    let name = name.strip_suffix("/content").unwrap_or(name);
    let folder = name.strip_prefix("edities/")?;
    let content = EMBEDDED_EDITIES.get_dir(Path::new(folder).join("content"))?;
    let prefix = content.path().to_path_buf();
    let mut files = Vec::new();
    let mut stack = vec![content];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            let rel = file.path().strip_prefix(&prefix).unwrap_or(file.path());
            files.push((crate::text::slash_path(rel), file.contents().to_vec()));
        }
        stack.extend(dir.dirs());
    }
    files.sort();
    Some(ContentSource::Memory {
        label: format!("{name}/content"),
        files: Arc::new(files),
    })
}

/// Where the content comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentSource {
    /// A content folder on disk.
    Dir(PathBuf),
    /// The edition built into the binary.
    Embedded,
    /// Files already read, e.g. from a git revision: (relative path, bytes).
    Memory {
        /// What the files are called in messages (`git:v1/content`).
        label: String,
        /// The files, by their path in the content folder.
        files: std::sync::Arc<Vec<(String, Vec<u8>)>>,
    },
}

impl ContentSource {
    /// The prefix under which files are named in diagnostics.
    pub fn display(&self) -> String {
        match self {
            ContentSource::Dir(dir) => dir.display().to_string(),
            ContentSource::Embedded => "content".to_string(),
            ContentSource::Memory { label, .. } => label.clone(),
        }
    }
}

/// A file of the content tree, read and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the content folder, with `/` separators.
    pub rel: String,
    /// Path as shown to editors (content folder + relative path).
    pub display: String,
    /// The text, without BOM and with LF line endings; shared with the
    /// bodies of the parsed page.
    pub text: Arc<str>,
}

/// What a file is, judged by where it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Site,
    Actielijn { map: String },
    Actie { map: String },
}

fn classify(rel: &str) -> Result<Kind, Problem> {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["_index.md"] => Ok(Kind::Site),
        [_] => Err(Problem::ActionOutsideActielijn),
        [map, "_index.md"] => Ok(Kind::Actielijn {
            map: (*map).to_string(),
        }),
        [map, _] => Ok(Kind::Actie {
            map: (*map).to_string(),
        }),
        _ => Err(Problem::NestedFolder),
    }
}

/// Everything read from the content: the files (for showing offending lines)
/// and the parsed pages.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every file read, in path order.
    pub files: Vec<SourceFile>,
    /// The site's `_index.md`, when it parsed.
    pub site: Option<SiteMeta>,
    /// Every actielijn's `_index.md` that parsed.
    pub actielijnen: Vec<Actielijn>,
    /// Every action that parsed.
    pub acties: Vec<ActieInvoer>,
    /// Every problem found while reading and parsing.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone)]
enum Parsed {
    Site(SiteMeta),
    Actielijn(Actielijn),
    Actie(ActieInvoer),
}

/// One page read and parsed: the file, what it holds, its problems.
type Page = (Option<SourceFile>, Option<Parsed>, Vec<Diagnostic>);

/// Reads and parses one file.
fn read_page(source: &ContentSource, rel: &str, path: &Path) -> Page {
    let display = display_path(source, rel);
    match read_bytes(source, path) {
        Ok(bytes) => page(rel, display, bytes),
        Err(err) => {
            let diagnostic = Diagnostic::new(
                Location::file(&display),
                Problem::Unreadable(io_message(&err)),
            );
            (None, None, vec![diagnostic])
        }
    }
}

/// Reads and parses every page, in parallel; the result is in path order.
pub fn load(source: &ContentSource) -> Loaded {
    load_with(source, None)
}

/// [`load`], taking the pages that did not change from `cache` (for a
/// content folder on disk) and keeping what it read there for the next load.
pub(crate) fn load_cached(source: &ContentSource, cache: &mut PageCache) -> Loaded {
    load_with(source, Some(cache))
}

fn load_with(source: &ContentSource, cache: Option<&mut PageCache>) -> Loaded {
    let (results, mut diagnostics): (Vec<Page>, _) = match (cache, source) {
        // A save of a page walks no folder (see `PageCache::walk`).
        (Some(cache), ContentSource::Dir(_)) => {
            let (paths, diagnostics) = cache.walk(source);
            (cache.load(source, &paths), diagnostics)
        }
        _ => {
            let (pages, diagnostics) = walk_and(source, |rel, path| read_page(source, rel, path));
            (
                pages.into_iter().map(|(_, _, page)| page).collect(),
                diagnostics,
            )
        }
    };

    let mut loaded = Loaded::default();
    for (file, parsed, diags) in results {
        loaded.files.extend(file);
        diagnostics.extend(diags);
        match parsed {
            Some(Parsed::Site(meta)) => loaded.site = Some(meta),
            Some(Parsed::Actielijn(lijn)) => loaded.actielijnen.push(lijn),
            Some(Parsed::Actie(actie)) => loaded.acties.push(actie),
            None => {}
        }
    }
    let has_site_file = loaded.files.iter().any(|f| f.rel == "_index.md");
    let no_folder = diagnostics
        .iter()
        .any(|d| matches!(d.problem, Problem::ContentDir { .. }));
    if !has_site_file && !no_folder {
        diagnostics.push(Diagnostic::new(
            Location::file(display_path(source, "_index.md")),
            Problem::MissingSiteIndex,
        ));
    }
    loaded.diagnostics = diagnostics;
    loaded
}

/// Decodes and parses one page. The file is returned to show lines in
/// diagnostics (a file that is not UTF-8 with replacement characters).
fn page(
    rel: &str,
    display: String,
    bytes: Vec<u8>,
) -> (Option<SourceFile>, Option<Parsed>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let text = match decode_at(bytes) {
        Ok(text) => text,
        Err(bad) => {
            diags.push(Diagnostic::new(
                Location::at(&display, bad.offset),
                Problem::NotUtf8,
            ));
            let file = SourceFile {
                rel: rel.to_string(),
                display,
                text: Arc::from(bad.lossy),
            };
            return (Some(file), None, diags);
        }
    };
    let text = strip_controls(text, &display, &mut diags);
    let text: Arc<str> = Arc::from(text);
    let parsed = parse_file(rel, &display, &text, &mut diags);
    let file = SourceFile {
        rel: rel.to_string(),
        display,
        text,
    };
    (Some(file), parsed, diags)
}

/// Reads one page from its bytes as the loader does, on its own (no checks
/// across pages). `rel` is its path in the content folder, which decides
/// whether it is the site, an actielijn or an action. For fuzzing and
/// property tests: this must never panic.
pub(crate) fn parse_page(rel: &str, bytes: Vec<u8>) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let (file, _, diags) = page(rel, format!("content/{rel}"), bytes);
    (file, diags)
}

fn parse_file(
    rel: &str,
    display: &str,
    text: &Arc<str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let kind = match classify(rel) {
        Ok(kind) => kind,
        Err(problem) => {
            diags.push(Diagnostic::new(Location::file(display), problem));
            return None;
        }
    };
    let split = match frontmatter::split(text) {
        Ok(split) => split,
        Err((problem, line)) => {
            let offset = crate::error::byte_offset(text, line, 1);
            diags.push(Diagnostic::new(Location::at(display, offset), problem));
            return None;
        }
    };
    let mut fields = fields::Fields::parse(display, &split, diags)?.share(text);
    match kind {
        Kind::Site => fields.site(&split).map(Parsed::Site),
        Kind::Actielijn { map } => fields.actielijn(map, &split).map(Parsed::Actielijn),
        Kind::Actie { map } => fields
            .actie(&split)
            .map(|actie| Parsed::Actie(ActieInvoer { map, actie })),
    }
}

/// Problems found in the content, with the files read (to show their lines).
#[derive(Debug, PartialEq)]
pub struct Invalid {
    /// Every diagnostic (errors and warnings), sorted by place.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, to show the lines of the diagnostics.
    pub files: Vec<SourceFile>,
    /// What the cross-references of the Markdown are checked against when
    /// the pages assembled into a site: that site, and the numbers written
    /// on action pages that did not load (they exist, although their page
    /// has errors). `None` when there is no site, or an action page without
    /// a readable number could be any action (then no reference is broken).
    pub references: Option<Box<(Site, Vec<String>)>>,
}

/// Every problem found in the content (errors and warnings, sorted by place),
/// with the files read to show their lines: what [`crate::load_site`] returns
/// when the content has errors.
pub(crate) type Problems = (Vec<Diagnostic>, Vec<SourceFile>);

/// Points diagnostics that name a value (a year) at that value rather than
/// at the start of the key's value: the first whole occurrence of the year
/// from there on, within the front matter.
fn refine_spans(diagnostics: &mut [Diagnostic], files: &[SourceFile]) {
    for diagnostic in diagnostics {
        let Problem::YearOutsidePlan { year, .. } = &diagnostic.problem else {
            continue;
        };
        let location = &mut diagnostic.location;
        let Some(span) = location.span else {
            continue;
        };
        let Some(file) = files.iter().find(|f| f.display == location.file) else {
            continue;
        };
        let text = &file.text[..];
        let end = text[span.start().min(text.len())..]
            .find("\n---")
            .map_or(text.len(), |i| span.start() + i);
        let Some(region) = text.get(span.start()..end) else {
            continue;
        };
        let year = year.to_string();
        let found = region.match_indices(&year).find(|(i, _)| {
            let before = region[..*i].chars().next_back();
            let after = region[i + year.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        });
        if let Some((i, _)) = found {
            let start = span.start() + i;
            *location = Location::span(&location.file, start, start + year.len());
        }
    }
}

/// The action numbers or id written on a page's `nummer:` or `id:` line,
/// read without YAML: for a page whose front matter has errors. Empty when
/// there is none that is valid.
fn numbers_written(text: &str) -> Vec<String> {
    let front = text.split("\n---").next().unwrap_or_default();
    for line in front.lines() {
        if let Some(value) = line.strip_prefix("nummer:") {
            let parts: Option<Vec<String>> = value
                .trim()
                .trim_matches(['"', '\''])
                .split('/')
                .map(|part| part.trim().parse::<u32>().ok().map(|n| n.to_string()))
                .collect();
            return parts.unwrap_or_default();
        }
        if let Some(value) = line.strip_prefix("id:") {
            let id = value.trim().trim_matches(['"', '\'']);
            return if crate::model::valid_id(id) {
                vec![id.to_string()]
            } else {
                Vec::new()
            };
        }
    }
    Vec::new()
}

/// The numbers written on the action pages of `files` that did not load
/// into `site` (an action whose page has errors of its own still counts as
/// existing for a cross-reference); `None` when one of them has no readable
/// number, as it could then be any action.
fn unparsed_numbers(site: &Site, files: &[SourceFile]) -> Option<Vec<String>> {
    let parsed: std::collections::BTreeSet<&str> = site
        .acties()
        .map(|(_, actie)| actie.bron.file.as_str())
        .collect();
    let unparsed: Option<Vec<Vec<String>>> = files
        .iter()
        .filter(|f| !parsed.contains(f.display.as_str()))
        .filter(|f| matches!(classify(&f.rel), Ok(Kind::Actie { .. })))
        .map(|f| Some(numbers_written(&f.text)).filter(|n| !n.is_empty()))
        .collect();
    unparsed.map(|numbers| numbers.into_iter().flatten().collect())
}

/// Loads the content and assembles the site: the one entry point from files to
/// model. On success, returns the site, the files read and the warnings; on
/// errors, every diagnostic (errors and warnings) with the files they refer to,
/// and what the Markdown's cross-references are to be checked against (the
/// pipeline does that, [`crate::load_site`]: it needs the renderer's
/// Markdown).
pub fn load_site(
    source: &ContentSource,
    drafts: bool,
) -> Result<(Site, Vec<SourceFile>, Vec<Diagnostic>), Invalid> {
    site_of(load(source), drafts)
}

/// [`load_site`], reading only the files that changed since the last load
/// with `cache` (see [`PageCache`]); the site is assembled from every page
/// as always.
pub(crate) fn load_site_cached(
    source: &ContentSource,
    drafts: bool,
    cache: &mut PageCache,
) -> Result<(Site, Vec<SourceFile>, Vec<Diagnostic>), Invalid> {
    site_of(load_cached(source, cache), drafts)
}

fn site_of(
    loaded: Loaded,
    drafts: bool,
) -> Result<(Site, Vec<SourceFile>, Vec<Diagnostic>), Invalid> {
    let Loaded {
        files,
        site,
        actielijnen,
        acties,
        mut diagnostics,
    } = loaded;
    let Some(meta) = site else {
        diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(Invalid {
            diagnostics,
            files,
            references: None,
        });
    };
    // Without drafts, a draft is absent everywhere: its source too (the
    // preview's source view, messages), not only its rendering.
    let draft_files: std::collections::BTreeSet<String> = if drafts {
        Default::default()
    } else {
        acties
            .iter()
            .filter(|a| a.actie.concept)
            .map(|a| a.actie.bron.file.clone())
            .collect()
    };
    let (site, more) = crate::model::assemble(meta, actielijnen, acties, drafts);
    diagnostics.extend(more);

    // A folder whose `_index.md` has its own errors (or a number used twice)
    // is no folder without index: its actions are not reported again.
    let indexed: std::collections::BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.rel.strip_suffix("/_index.md"))
        .collect();
    diagnostics.retain(|d| {
        !matches!(&d.problem, Problem::FolderWithoutIndex { folder } if indexed.contains(folder.as_str()))
    });
    refine_spans(&mut diagnostics, &files);
    if has_errors(&diagnostics) {
        let references = unparsed_numbers(&site, &files).map(|unparsed| Box::new((site, unparsed)));
        diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        Err(Invalid {
            diagnostics,
            files,
            references,
        })
    } else {
        let mut files = files;
        if !draft_files.is_empty() {
            files.retain(|f| !draft_files.contains(&f.display));
            diagnostics.retain(|d| !draft_files.contains(&d.location.file));
        }
        Ok((site, files, diagnostics))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_place() {
        assert_eq!(classify("_index.md"), Ok(Kind::Site));
        assert_eq!(
            classify("actielijn-1/_index.md"),
            Ok(Kind::Actielijn {
                map: "actielijn-1".into()
            })
        );
        assert_eq!(
            classify("actielijn-1/01-x.md"),
            Ok(Kind::Actie {
                map: "actielijn-1".into()
            })
        );
        assert_eq!(classify("los.md"), Err(Problem::ActionOutsideActielijn));
        assert_eq!(classify("a/b/c.md"), Err(Problem::NestedFolder));
    }

    #[test]
    fn decodes_bom_crlf_and_rejects_non_utf8() {
        assert_eq!(
            decode(b"\xef\xbb\xbf---\r\na: 1\r\n".to_vec()).unwrap(),
            "---\na: 1\n"
        );
        assert_eq!(
            decode(b"---\na: \xff\n".to_vec()),
            Err((Problem::NotUtf8, 7))
        );
    }

    #[test]
    fn a_body_shares_the_text_of_its_file() {
        let (site, files, _) = load_site(&ContentSource::Embedded, false).expect("valid");
        let actie = &site.actielijnen[1].acties[0];
        let file = files
            .iter()
            .find(|f| f.display == actie.bron.file)
            .expect("the action's file is kept");
        let range = file.text.as_bytes().as_ptr_range();
        let body = actie.tekst.as_str();
        assert!(!body.is_empty());
        assert!(
            range.contains(&body.as_ptr()) && body.as_bytes().as_ptr_range().end == range.end,
            "the body is the tail of the file's text, not a copy"
        );
        assert!(file.text.ends_with(body));
    }

    #[test]
    fn the_embedded_edition_loads_without_problems() {
        let (site, files, warnings) =
            load_site(&ContentSource::Embedded, false).expect("shipped content is valid");
        assert_eq!(site.actielijnen.len(), 6);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(files.iter().all(|f| f.display.starts_with("content/")));
    }

    #[test]
    fn an_invalid_site_keeps_what_its_references_are_checked_against() {
        let mut files = Vec::new();
        let mut stack = vec![&EMBEDDED];
        while let Some(dir) = stack.pop() {
            for file in dir.files() {
                let rel = crate::text::slash_path(file.path());
                files.push((rel, file.contents().to_vec()));
            }
            stack.extend(dir.dirs());
        }
        files.sort();
        let (rel, bytes) = files
            .iter_mut()
            .find(|(rel, _)| rel.contains('/') && !rel.ends_with("_index.md"))
            .expect("an action page");
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        let broken = text.replacen("\nstatus: ", "\nstatus: geen-", 1);
        assert_ne!(broken, text, "{rel} has a status");
        *bytes = broken.into_bytes();
        let source = ContentSource::Memory {
            label: "content".into(),
            files: Arc::new(files),
        };
        let invalid = load_site(&source, false).expect_err("an unknown status");
        let codes: Vec<&str> = invalid
            .diagnostics
            .iter()
            .map(|d| d.problem.code())
            .collect();
        assert_eq!(codes, vec!["onbekende-status"]);
        let (site, unparsed) = *invalid.references.expect("the rest assembled");
        assert_eq!(unparsed, numbers_written(&text));
        assert!(!unparsed.is_empty());
        assert!(site.acties().count() > 1);
    }
}
