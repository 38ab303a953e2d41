//! The last good render of `bijlage serve`: the files besides the pages,
//! and a slot per page, rendered before the reload (the pages a save
//! changed that a browser is likely to show next) or when first asked for.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;

use super::overlay::{escape, failure_text};
use crate::content::SourceFile;
use crate::error::BuildError;
use crate::render::{Change, Memory, Pages, RenderError};

/// A page of the last good render, rendered once: when the rebuild makes
/// it (the pages a browser is likely to show next), or when it is first
/// asked for. `Err` holds the diagnostics of a template error, as HTML.
pub(super) type Slot = Arc<OnceLock<Result<Bytes, String>>>;

/// The last successful render.
pub(super) struct Good {
    /// The files besides the pages rendered on request, as written.
    pub(super) files: HashMap<String, Bytes>,
    /// The pages, ready to render, and a slot for each, and for each data
    /// file made of parts ([`Pages::data_files`]).
    pub(super) pages: Option<Arc<Pages>>,
    pub(super) slots: HashMap<String, Slot>,
    /// Every source file in order: for review mode, and to tell whether
    /// anything changed.
    pub(super) sources: Vec<SourceFile>,
}

/// What a rebuild frees after the reload went out, not before.
pub(super) type Trash = Vec<Box<dyn std::any::Any + Send>>;

/// What a good render takes of [`crate::Rendered`].
struct Taken {
    files: Vec<crate::render::OutputFile>,
    pages: Option<Pages>,
    sources: Vec<SourceFile>,
}

/// What a rebuild did, for the log line.
#[derive(Default)]
pub(super) struct Work {
    /// Pages rendered before the reload, and pages in all.
    pub(super) rendered: usize,
    pub(super) pages: usize,
    /// Content files read, Markdown texts rendered or scanned.
    pub(super) read: usize,
    pub(super) texts: usize,
}

/// Renders the pages of `pages` that `chosen` picks, into their slots.
pub(super) fn render_into_slots(
    pages: &Pages,
    slots: &HashMap<String, Slot>,
    chosen: impl Fn(&str) -> bool,
) -> Result<usize, BuildError> {
    let memory = Memory::default();
    match pages.render(chosen, &memory) {
        Ok(()) => {}
        Err(RenderError::Invalid(diagnostics)) => {
            return Err(BuildError::Invalid {
                diagnostics,
                sources: pages.template_sources(),
            });
        }
        Err(RenderError::Io(err)) => return Err(BuildError::io(Path::new("."), err)),
    }
    let files = memory.into_files();
    let count = files.len();
    for file in files {
        if let Some(slot) = slots.get(&file.path) {
            let _ = slot.set(Ok(Bytes::from(file.bytes)));
        }
    }
    Ok(count)
}

/// The file at `path` of `pages`, made when first asked for: a data file
/// made of parts put together ([`Pages::data_files`]), or a page rendered
/// on its own.
pub(super) fn make_one(pages: &Pages, path: &str) -> Result<Bytes, String> {
    match pages.data_files().iter().find(|(p, _)| *p == path) {
        Some((_, gestukt)) => Ok(Bytes::from(gestukt.bytes())),
        None => render_one(pages, path),
    }
}

/// The page at `path` of `pages`, rendered on its own.
fn render_one(pages: &Pages, path: &str) -> Result<Bytes, String> {
    let memory = Memory::default();
    match pages.render(|p| p == path, &memory) {
        Ok(()) => Ok(memory
            .into_files()
            .into_iter()
            .next()
            .map(|f| Bytes::from(f.bytes))
            .unwrap_or_default()),
        Err(RenderError::Invalid(diagnostics)) => Err(failure_text(&BuildError::Invalid {
            diagnostics,
            sources: pages.template_sources(),
        })
        .0),
        Err(RenderError::Io(err)) => Err(escape(&err.to_string())),
    }
}

impl Good {
    /// The good render of `rendered`. After a change (`old`), the pages
    /// whose context did not change keep what they were; of the others
    /// the start page and the pages whose own part changed (the actielijn of
    /// the saved action) are rendered now, except the one with every action
    /// (the annex), and the rest when they are asked for. The first render,
    /// and every render after a template changed, renders every page: a
    /// template error is found at once.
    /// The model of the site goes into `site`: the caller gives it back to
    /// the cache of pages ([`crate::content::PageCache::give_back`]), for
    /// the next load to change what a save changed in it.
    pub(super) fn new(
        rendered: crate::Rendered,
        old: Option<&Good>,
        site: &mut Option<crate::model::Site>,
    ) -> Result<(Good, bool, Work), BuildError> {
        let crate::Rendered {
            site: model,
            files,
            pages,
            sources,
            ..
        } = rendered;
        let annex = model.meta.bijlage_bestand.clone();
        *site = Some(model);
        let rendered = Taken {
            files,
            pages,
            sources,
        };
        let files: HashMap<String, Bytes> = rendered
            .files
            .into_iter()
            .map(|f| (f.path, Bytes::from(f.bytes)))
            .collect();
        let mut work = Work::default();
        let mut same = old.is_some_and(|old| old.files == files && old.sources == rendered.sources);
        let mut slots = HashMap::new();
        let pages = rendered.pages.map(Arc::new);
        if let Some(pages) = &pages {
            let annex = annex.as_str();
            let changes = old
                .and_then(|old| Some((old, old.pages.as_ref()?)))
                .and_then(|(old, before)| Some((old, pages.changes_since(before)?)));
            let mut eager = std::collections::HashSet::new();
            match changes {
                Some((old, changes)) => {
                    for (path, change) in changes {
                        let kept = old.slots.get(path).filter(|_| change == Change::Same);
                        let slot = kept.cloned().unwrap_or_default();
                        let now = match change {
                            Change::Same => false,
                            Change::Shared => path == "index.html",
                            Change::Own => path != annex,
                        };
                        if change != Change::Same {
                            same = false;
                        }
                        if now || (path == "index.html" && slot.get().is_none()) {
                            eager.insert(path.to_string());
                        }
                        slots.insert(path.to_string(), slot);
                    }
                }
                None => {
                    same = false;
                    for path in pages.paths() {
                        eager.insert(path.to_string());
                        slots.insert(path.to_string(), Slot::default());
                    }
                }
            }
            work.pages = slots.len();
            work.rendered = render_into_slots(pages, &slots, |p| eager.contains(p))?;
            // A data file made of the same parts keeps what it was; the
            // others are put together when asked for.
            let before = old.and_then(|old| Some((old, old.pages.as_ref()?)));
            for (path, gestukt) in pages.data_files() {
                let kept = before.and_then(|(old, before)| {
                    let (_, then) = before.data_files().iter().find(|(p, _)| p == path)?;
                    old.slots.get(*path).filter(|_| then.same(gestukt))
                });
                if kept.is_none() {
                    same = false;
                }
                slots.insert(path.to_string(), kept.cloned().unwrap_or_default());
            }
        }
        Ok((
            Good {
                files,
                pages,
                slots,
                sources: rendered.sources,
            },
            same,
            work,
        ))
    }
}
