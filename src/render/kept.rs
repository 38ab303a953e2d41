//! What `bijlage serve` keeps from one render to the next: the rendered
//! Markdown of every text and what the scan for raw HTML found in it, the
//! plain text of every progress text (for the open data), and every
//! actielijn's view with its tera value and what it was made from, so that
//! a rebuild after a save makes the views of the actielijnen it changed
//! only, and renders and serializes only what changed. A build keeps
//! nothing.
//!
//! An entry is taken again only when its text is the same and every
//! cross-reference it resolved resolves the same now (an action moved to
//! another actielijn changes the links to it in texts that did not change);
//! otherwise the text is rendered as always. So what a render with the cache
//! gives is what a render without it gives.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};

use super::markdown::{self, Broken, Findings, RawHtml};
use super::views::ActielijnView;

/// Which rendering of which text: its place (file and byte offset), the
/// heading shift, the page it is on (references within it stay in-page),
/// what is done with raw HTML, and the paragraph labels of a review copy.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    file: String,
    at: usize,
    shift: usize,
    page: Option<u32>,
    /// Raw HTML passed through as written.
    raw_html: bool,
    alineas: Option<(String, String)>,
}

struct Rendered {
    text: String,
    html: String,
    broken: Vec<Broken>,
    /// Every cross-reference target the text resolved, with the link.
    resolved: Vec<(String, Option<String>)>,
}

/// What earlier renders made (`old`), and what this one uses (`new`). An
/// entry moves from `old` to `new` when it is used; at the start of the
/// next render what this one used joins the rest again: an actielijn whose
/// view was taken as it was renders none of its texts, and they stay for
/// the save that changes it later. Entries no text uses any more (a text
/// that moved in its file, a file removed) are dropped when there are as
/// many again as a render uses: then what the last render did not use goes.
struct Generations<T, K = Key> {
    old: HashMap<K, T>,
    new: HashMap<K, T>,
    /// The most entries one render used.
    live: usize,
}

impl<T, K> Default for Generations<T, K> {
    fn default() -> Self {
        Generations {
            old: HashMap::default(),
            new: HashMap::default(),
            live: 0,
        }
    }
}

impl<T, K: Eq + std::hash::Hash> Generations<T, K> {
    fn begin(&mut self) {
        self.live = self.live.max(self.new.len());
        if self.old.len() + self.new.len() > 2 * self.live + 64 {
            // The maps swap: the new generation grows into the old one's
            // room, not from nothing.
            std::mem::swap(&mut self.old, &mut self.new);
            self.new.clear();
        } else {
            self.old.extend(self.new.drain());
        }
    }
}

/// The Markdown of the texts of the last render, kept between renders.
#[derive(Default)]
pub struct RenderCache {
    rendered: Mutex<Generations<Rendered>>,
    scanned: Mutex<Generations<(String, Findings)>>,
    /// HTML → its plain text.
    plain: Mutex<Generations<String, String>>,
    /// Every actielijn's view of the last render, with its tera value and
    /// what it was made from.
    values: Mutex<Vec<Lijn>>,
    /// What the views of the last render depended on beside their own
    /// actielijn.
    omgeving: Mutex<Option<Omgeving>>,
    /// Each action's pieces of the open data.
    stukken: super::data::Stukken,
    /// Texts rendered and scanned since [`RenderCache::begin`].
    renders: std::sync::atomic::AtomicUsize,
    /// The load of the site this render renders, and the actielijnen it
    /// changed in the site of the load before, when it started from there
    /// ([`RenderCache::loaded`]).
    load: Mutex<(u64, Option<Vec<u32>>)>,
    /// The load whose site the views in `values` were made from (or found
    /// the same as).
    values_of: Mutex<Option<u64>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl RenderCache {
    /// Starts a render: what the last one did not use is dropped.
    pub(crate) fn begin(&self) {
        lock(&self.rendered).begin();
        lock(&self.scanned).begin();
        lock(&self.plain).begin();
        self.renders.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    /// Tells the render which load of the content it renders: `load`, and
    /// the actielijnen that load changed in the site of the one before,
    /// when it started from there (`crate::content::PageCache::last_load`).
    pub(crate) fn loaded(&self, (load, changed): (u64, Option<&[u32]>)) {
        *lock(&self.load) = (load, changed.map(<[u32]>::to_vec));
    }

    /// Whether the actielijn `nummer` is, without looking, what it was when
    /// the views kept were made: they were made from the site of the load
    /// before this one, and this load changed other actielijnen only.
    pub(super) fn unchanged(&self, nummer: u32) -> bool {
        let (load, changed) = &*lock(&self.load);
        let values_of = *lock(&self.values_of);
        values_of.is_some_and(|of| of + 1 == *load)
            && changed.as_ref().is_some_and(|c| !c.contains(&nummer))
    }

    /// How many texts were rendered or scanned (not taken from the cache)
    /// since the render began.
    pub fn renders(&self) -> usize {
        self.renders.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// [`markdown::render_cited`] of `text` at byte `at` of `file`, from the
    /// cache when it holds this rendering of this text with the same
    /// resolved references.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn render_cited(
        &self,
        file: &str,
        at: usize,
        text: &str,
        shift: usize,
        page: Option<u32>,
        resolve: &dyn Fn(&str) -> Option<String>,
        raw_html: RawHtml,
        alineas: Option<&markdown::Alineas<'_>>,
    ) -> (String, Vec<Broken>) {
        let key = Key {
            file: file.to_string(),
            at,
            shift,
            page,
            raw_html: raw_html == RawHtml::Allow,
            alineas: alineas.map(|a| (a.label.to_string(), a.anker.to_string())),
        };
        let kept = {
            let mut generations = lock(&self.rendered);
            generations.old.remove(&key)
        };
        if let Some(kept) = kept
            && kept.text == text
            && kept
                .resolved
                .iter()
                .all(|(target, link)| resolve(target) == *link)
        {
            let result = (kept.html.clone(), kept.broken.clone());
            lock(&self.rendered).new.insert(key, kept);
            return result;
        }
        self.renders
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let resolved = Mutex::new(Vec::new());
        let recording = |target: &str| {
            let link = resolve(target);
            lock(&resolved).push((target.to_string(), link.clone()));
            link
        };
        let (html, broken) = markdown::render_cited(text, shift, &recording, raw_html, alineas);
        let entry = Rendered {
            text: text.to_string(),
            html: html.clone(),
            broken: broken.clone(),
            resolved: resolved.into_inner().unwrap_or_else(|p| p.into_inner()),
        };
        lock(&self.rendered).new.insert(key, entry);
        (html, broken)
    }

    /// [`markdown::scan`] of `text` at byte `at` of `file`, from the cache
    /// when the text is the same.
    pub(super) fn scan(&self, file: &str, at: usize, text: &str) -> Findings {
        let key = Key {
            file: file.to_string(),
            at,
            shift: 0,
            page: None,
            raw_html: false,
            alineas: None,
        };
        let kept = lock(&self.scanned).old.remove(&key);
        let (text, findings) = match kept {
            Some((kept, findings)) if kept == text => (kept, findings),
            _ => {
                self.renders
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                (text.to_string(), markdown::scan(text))
            }
        };
        let result = findings.clone();
        lock(&self.scanned).new.insert(key, (text, findings));
        result
    }
}

impl RenderCache {
    /// The open data's pieces per action.
    pub(super) fn stukken(&self) -> &super::data::Stukken {
        &self.stukken
    }

    /// [`super::data::plain_text`] of `html`, from the cache when the last
    /// render had the same HTML.
    pub(super) fn plain_text(&self, html: &str) -> String {
        let kept = lock(&self.plain).old.remove_entry(html);
        let (html, plain) = match kept {
            Some(kept) => kept,
            None => {
                self.renders
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                (html.to_string(), super::data::plain_text(html))
            }
        };
        let result = plain.clone();
        lock(&self.plain).new.insert(html, plain);
        result
    }

    /// The actielijnen of the last render whose views can be taken as they
    /// are: when what every view depends on beside its own actielijn
    /// (`omgeving`: the site's meta data, where every action lives, the
    /// templates) is what it was, each kept actielijn by number (the caller
    /// takes one only when its model and markers are what they were, see
    /// [`Stand`]); otherwise none. Takes them out of the cache:
    /// [`RenderCache::values`] puts back what the render used.
    pub(super) fn reusable(&self, omgeving: Omgeving) -> HashMap<u32, Lijn> {
        let old = std::mem::take(&mut *lock(&self.values));
        let values_of = lock(&self.values_of).take();
        let mut slot = lock(&self.omgeving);
        let same = slot.as_ref() == Some(&omgeving);
        *slot = Some(omgeving);
        if !same {
            return HashMap::default();
        }
        // Until `values` puts back what this render used.
        *lock(&self.values_of) = values_of;
        old.into_iter()
            .map(|lijn| (lijn.stand.lijn.nummer, lijn))
            .collect()
    }

    /// The tera values of `views`: of an actielijn taken from the last
    /// render ([`RenderCache::reusable`]), the value made then (the same,
    /// shared: a save copies no value); of the others, made now. Keeps the
    /// views, what they were made from, and the values for the next render.
    pub(super) fn values(
        &self,
        views: Vec<ActielijnView>,
        herkomst: Vec<Herkomst>,
        to_value: impl Fn(&ActielijnView) -> tera::Value + Sync,
    ) -> Vec<Arc<tera::Value>> {
        use rayon::prelude::*;
        let pairs: Vec<(ActielijnView, Herkomst)> = views.into_iter().zip(herkomst).collect();
        let kept: Vec<Lijn> = pairs
            .into_par_iter()
            .map(|(view, herkomst)| {
                let value = match herkomst.value {
                    Some(value) => value,
                    None => Arc::new(to_value(&view)),
                };
                Lijn {
                    stand: herkomst.stand,
                    view,
                    value,
                }
            })
            .collect();
        let values = kept.iter().map(|lijn| Arc::clone(&lijn.value)).collect();
        *lock(&self.values) = kept;
        *lock(&self.values_of) = Some(lock(&self.load).0);
        values
    }
}

/// What every actielijn's view depends on beside its own actielijn: the
/// site's meta data (labels, plan years, raw HTML), where every action
/// lives (a reference resolves to its actielijn's page), and the templates
/// (the status and timeline fragments).
#[derive(PartialEq)]
pub(super) struct Omgeving {
    meta: crate::model::SiteMeta,
    acties: Vec<(crate::model::Nummer, u32)>,
    templates: Vec<(String, String)>,
}

impl Omgeving {
    pub(super) fn of(site: &crate::model::Site, theme: &super::theme::Theme) -> Omgeving {
        Omgeving {
            meta: site.meta.clone(),
            acties: site
                .acties()
                .map(|(lijn, actie)| (actie.nummer.clone(), lijn.nummer))
                .collect(),
            templates: theme.templates.clone(),
        }
    }
}

/// What an actielijn's view was made from besides its [`Omgeving`]: the
/// actielijn as the model holds it, and the marker of each of its actions
/// (what changed since the previous edition).
#[derive(PartialEq)]
pub(super) struct Stand {
    pub(super) lijn: crate::model::Actielijn,
    pub(super) markers: Vec<Option<super::wijzigingen::MarkerView>>,
}

/// An actielijn of the last render: what its view was made from, the view
/// (the status and timeline fragments filled) and its tera value.
pub(super) struct Lijn {
    pub(super) stand: Stand,
    pub(super) view: ActielijnView,
    value: Arc<tera::Value>,
}

impl Lijn {
    /// The view, and where it came from: taken from the last render.
    pub(super) fn take(self) -> (ActielijnView, Herkomst) {
        let Lijn { stand, view, value } = self;
        (
            view,
            Herkomst {
                stand,
                value: Some(value),
            },
        )
    }
}

/// Where a view of this render came from: what it was made from and, when
/// it was taken from the last render, its value.
pub(super) struct Herkomst {
    stand: Stand,
    value: Option<Arc<tera::Value>>,
}

impl Herkomst {
    /// A view made now from `stand`.
    pub(super) fn new(stand: Stand) -> Herkomst {
        Herkomst { stand, value: None }
    }

    /// Whether the view was taken from the last render (then so is what
    /// else is made of it, see [`super::data::Stukken::acties`]).
    pub(super) fn taken(&self) -> bool {
        self.value.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_rendering_is_used_only_for_the_same_text_and_links() {
        let cache = RenderCache::default();
        let here = |t: &str| (t == "1").then(|| "#actie-1".to_string());
        let elsewhere = |t: &str| (t == "1").then(|| "actielijn-2.html#actie-1".to_string());
        let text = "Zie [actie 1](#actie-1) en [actie 9](#actie-9).";
        let render = |text: &str, resolve: &dyn Fn(&str) -> Option<String>| {
            cache.begin();
            let got = cache.render_cited(
                "a.md",
                10,
                text,
                3,
                Some(1),
                resolve,
                RawHtml::Sanitize,
                None,
            );
            assert_eq!(
                got,
                markdown::render_cited(text, 3, resolve, RawHtml::Sanitize, None)
            );
            cache.renders()
        };
        assert_eq!(render(text, &here), 1);
        assert_eq!(render(text, &here), 0, "same text, same links: kept");
        assert_eq!(render(text, &elsewhere), 1, "a link changed");
        assert_eq!(render("Ander.", &elsewhere), 1, "the text changed");
        assert_eq!(render("Ander.", &elsewhere), 0);
        cache.begin();
        assert_eq!(
            cache.scan("a.md", 10, "<b>x</b>"),
            markdown::scan("<b>x</b>")
        );
        assert_eq!(cache.renders(), 1);
        cache.begin();
        assert_eq!(
            cache.scan("a.md", 10, "<b>x</b>"),
            markdown::scan("<b>x</b>")
        );
        assert_eq!(cache.renders(), 0);
        assert_eq!(
            cache.scan("a.md", 10, "<i>y</i>"),
            markdown::scan("<i>y</i>")
        );
        assert_eq!(cache.renders(), 1);
    }

    #[test]
    fn a_text_a_render_did_not_use_stays_for_a_later_one() {
        let cache = RenderCache::default();
        let none = |_: &str| None;
        let render = |file: &str, text: &str| {
            let got = cache.render_cited(file, 0, text, 0, None, &none, RawHtml::Sanitize, None);
            assert_eq!(
                got,
                markdown::render_cited(text, 0, &none, RawHtml::Sanitize, None)
            );
            assert_eq!(
                cache.plain_text(&got.0),
                crate::render::data::plain_text(&got.0)
            );
        };
        // Two actielijnen' texts; then saves in one only (the other's view
        // is taken as it was: its texts are not asked for), then in the
        // other: its texts are still there.
        cache.begin();
        render("a.md", "Actielijn *a*.");
        render("b.md", "Actielijn *b*.");
        assert_eq!(cache.renders(), 4);
        for round in 0..5 {
            cache.begin();
            render("a.md", &format!("Actielijn *a*, ronde {round}."));
            assert_eq!(cache.renders(), 2, "round {round}");
        }
        cache.begin();
        render("b.md", "Actielijn *b*.");
        assert_eq!(cache.renders(), 0, "b's text and its plain text were kept");
        // Entries no text uses any more do not pile up: no more than twice
        // what a render uses, and some.
        for round in 0..200 {
            cache.begin();
            // A text that moved (another place in its file, or another
            // file): the entry of its old place is used no more.
            render(
                &format!("a-{round}.md"),
                &format!("Weer *a*, ronde {round}."),
            );
        }
        let rendered = lock(&cache.rendered);
        assert!(rendered.old.len() + rendered.new.len() <= 2 * 2 + 64 + 1);
    }
}
