//! Reading `content/`: walking the folder (or the embedded copy of the shipped
//! edition), splitting front matter from the body and turning the front matter
//! into typed model data. Every problem becomes a [`Diagnostic`]; reading goes
//! on so that one run reports them all.

pub mod fields;
pub mod frontmatter;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use rayon::prelude::*;

use crate::error::{Diagnostic, Location, Problem};
use crate::model::{ActieInvoer, Actielijn, Site, SiteMeta};

/// The shipped November 2025 edition, compiled into the binary: the content a
/// plain `bijlage build` renders when there is no `content/` folder.
pub static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// Where the content comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentSource {
    Dir(PathBuf),
    Embedded,
}

impl ContentSource {
    /// The prefix under which files are named in diagnostics.
    pub fn display(&self) -> String {
        match self {
            ContentSource::Dir(dir) => dir.display().to_string(),
            ContentSource::Embedded => "content".to_string(),
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

fn is_page(name: &str) -> bool {
    name.ends_with(".md") && !name.starts_with('.')
}

/// Decodes a file's bytes: UTF-8 required, a BOM dropped, CRLF turned into LF.
pub fn decode(bytes: Vec<u8>) -> Result<String, (Problem, usize)> {
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        (Problem::NotUtf8, line)
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// Lists the content files (relative paths, sorted) with the problems found
/// while walking.
fn walk(source: &ContentSource) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    match source {
        ContentSource::Dir(root) => {
            let walker = walkdir::WalkDir::new(root)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|entry| {
                    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        let name = entry.file_name().to_string_lossy();
                        if !is_page(&name) {
                            continue;
                        }
                        let rel = relative(root, entry.path());
                        files.push((rel, entry.path().to_path_buf()));
                    }
                    Ok(_) => {}
                    Err(err) => {
                        let path = err.path().map(|p| p.display().to_string());
                        let message = err.to_string();
                        diagnostics.push(Diagnostic::new(
                            Location::file(path.unwrap_or_else(|| root.display().to_string())),
                            Problem::Walk(message),
                        ));
                    }
                }
            }
        }
        ContentSource::Embedded => {
            let mut stack = vec![&EMBEDDED];
            while let Some(dir) = stack.pop() {
                for file in dir.files() {
                    let rel = file.path().to_string_lossy().replace('\\', "/");
                    if is_page(
                        &file
                            .path()
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy(),
                    ) {
                        files.push((rel, file.path().to_path_buf()));
                    }
                }
                stack.extend(dir.dirs());
            }
            files.sort();
        }
    }
    (files, diagnostics)
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_bytes(source: &ContentSource, path: &Path) -> std::io::Result<Vec<u8>> {
    match source {
        ContentSource::Dir(_) => std::fs::read(path),
        ContentSource::Embedded => EMBEDDED
            .get_file(path)
            .map(|f| f.contents().to_vec())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
    }
}

/// Everything read from the content: the files (for showing offending lines)
/// and the parsed pages.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub site: Option<SiteMeta>,
    pub actielijnen: Vec<Actielijn>,
    pub acties: Vec<ActieInvoer>,
    pub diagnostics: Vec<Diagnostic>,
}

enum Parsed {
    Site(SiteMeta),
    Actielijn(Actielijn),
    Actie(ActieInvoer),
}

/// Reads and parses every page, in parallel; the result is in path order.
pub fn load(source: &ContentSource) -> Loaded {
    let (paths, mut diagnostics) = walk(source);
    let prefix = source.display();
    let results: Vec<(Option<SourceFile>, Option<Parsed>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|(rel, path)| {
            let display = format!("{}/{rel}", prefix.trim_end_matches('/'));
            let mut diags = Vec::new();
            let text = match read_bytes(source, path) {
                Ok(bytes) => match decode(bytes) {
                    Ok(text) => text,
                    Err((problem, line)) => {
                        diags.push(Diagnostic::new(Location::new(&display, line, 1), problem));
                        return (None, None, diags);
                    }
                },
                Err(err) => {
                    diags.push(Diagnostic::new(
                        Location::file(&display),
                        Problem::Unreadable(err.to_string()),
                    ));
                    return (None, None, diags);
                }
            };
            let text: Arc<str> = Arc::from(text);
            let parsed = parse_file(rel, &display, &text, &mut diags);
            let file = SourceFile {
                rel: rel.clone(),
                display,
                text,
            };
            (Some(file), parsed, diags)
        })
        .collect();

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
    if !has_site_file {
        diagnostics.push(Diagnostic::new(
            Location::file(format!("{}/_index.md", prefix.trim_end_matches('/'))),
            Problem::MissingSiteIndex,
        ));
    }
    loaded.diagnostics = diagnostics;
    loaded
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
            diags.push(Diagnostic::new(Location::new(display, line, 1), problem));
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
pub type Invalid = (Vec<Diagnostic>, Vec<SourceFile>);

/// Loads the content and assembles the site: the one entry point from files to
/// model. On problems, returns every diagnostic with the files they refer to.
pub fn load_site(source: &ContentSource, drafts: bool) -> Result<(Site, Vec<SourceFile>), Invalid> {
    let Loaded {
        files,
        site,
        actielijnen,
        acties,
        mut diagnostics,
    } = load(source);
    let Some(meta) = site else {
        return Err((diagnostics, files));
    };
    let (site, more) = crate::model::assemble(meta, actielijnen, acties, drafts);
    diagnostics.extend(more);
    if diagnostics.is_empty() {
        Ok((site, files))
    } else {
        diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        Err((diagnostics, files))
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
            Err((Problem::NotUtf8, 2))
        );
    }

    #[test]
    fn a_body_shares_the_text_of_its_file() {
        let (site, files) = load_site(&ContentSource::Embedded, false).expect("valid");
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
        let (site, files) =
            load_site(&ContentSource::Embedded, false).expect("shipped content is valid");
        assert_eq!(site.actielijnen.len(), 6);
        assert!(files.iter().all(|f| f.display.starts_with("content/")));
    }
}
