//! The pages of a site ready to render ([`prepare`] makes [`Pages`]: the
//! tera environment and every page's context, once), rendered straight into
//! their files by a pool of worker threads (`jobs`), into a [`Sink`]
//! (`sink`), with the theme's static files and the open data.

mod jobs;
mod sink;

use rayon::prelude::*;

use super::kept::RenderCache;
use super::theme::Theme;
use super::verwijzingen::Verwijzingen;
use super::views::{self, ActielijnView, actielijn_view, dashboard_view, site_view};
use super::{
    Environment, OutputFile, Vergelijking, data, edities, review, template_error, wijzigingen,
};
use crate::error::Diagnostic;
use crate::model::Site;
use jobs::{Job, PaginaView, collisions, io_source, jobs, schedule};
pub use sink::{Memory, RenderError, Sink, render_site, render_site_to, render_site_with};

/// A site ready to render, page by page: the tera environment and every
/// page's context, made once. [`render_site_to`] renders all pages from it
/// at once; `bijlage serve` renders the pages a browser asks for, from the
/// same contexts through the same scheduler ([`Pages::render`]), so a page
/// is the same whichever renders it.
pub struct Pages {
    tera: Environment,
    theme: Theme,
    jobs: Vec<Job<'static>>,
    /// What every page sees (`site`, `dashboard`, `actielijnen` without
    /// their actions, …).
    shared: tera::Context,
    /// The context of the page with every action (the annex): `shared`
    /// with every actielijn in full; the other pages take their actielijn
    /// from it. With a [`RenderCache`], without the actielijnen in full:
    /// they are in `lijnen`.
    alle: tera::Context,
    /// With a [`RenderCache`], every actielijn's value, shared with the
    /// cache (a save copies none of them); the annex's context is made
    /// from them when it renders.
    lijnen: Option<Vec<std::sync::Arc<tera::Value>>>,
    /// The theme's static files and the open data.
    files: Vec<OutputFile>,
    /// The review copy's stylesheet is rendered with the files.
    review_css: Option<String>,
    /// With a [`RenderCache`], `data/acties.json` and `data/acties.csv`,
    /// made of parts and put together when asked for
    /// ([`Pages::data_files`]); not among `files`.
    gestukt: Vec<(&'static str, data::Gestukt)>,
}

/// How a page differs from the page of an earlier render
/// (`Pages::changes_since`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Its context is the same: it renders as before.
    Same,
    /// Only what every page shows changed (the dashboard, the list of
    /// actielijnen, the open data's sizes).
    Shared,
    /// What this page shows of its own changed (its actielijn, its title),
    /// or it is new.
    Own,
}

/// Makes the contexts of every page of the site: the views (every broken
/// reference of every text at once), the open data, the list of pages.
/// With `kept`, the Markdown of texts that did not change since the last
/// render with it is taken from there.
pub fn prepare(input: &Input<'_>) -> Result<Pages, RenderError> {
    prepare_into(input, None)
}

/// What a render starts from: the site, its theme and what the pages show
/// besides it.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The site as the model holds it.
    pub site: &'a Site,
    /// The theme.
    pub theme: &'a Theme,
    /// The theme's templates, parsed.
    pub tera: &'a Environment,
    /// The comparison with the previous edition, if one was made.
    pub vergelijking: Option<&'a Vergelijking>,
    /// A review copy: every page marked as a concept, with the source of
    /// every action and numbered paragraphs.
    pub review: Option<&'a review::Review<'a>>,
    /// The dashboards of every edition the build knows, oldest first: with
    /// two or more, the progress over the editions.
    pub alle_edities: &'a [crate::edities::EditieTelling],
    /// `bijlage serve`'s Markdown of the last render (see
    /// [`RenderCache`]); a build keeps none.
    pub kept: Option<&'a RenderCache>,
}

/// Where [`prepare_into`] puts the theme's static files and the open data
/// as soon as they are made; without it [`Pages`] keeps them until
/// [`Pages::take_files`].
pub(super) type Put<'p> = &'p dyn data::Put;

/// [`prepare`], with the files besides the pages given to `put` (when
/// given) before the pages' contexts are made.
pub(super) fn prepare_into(input: &Input<'_>, put: Option<Put<'_>>) -> Result<Pages, RenderError> {
    let Input {
        site,
        theme,
        tera,
        vergelijking,
        review,
        alle_edities,
        kept,
    } = *input;
    let lookup = vergelijking.map(|v| v.wijzigingen.lookup());
    let (site_view, mut views, herkomst) = views(site, theme, lookup.as_ref(), review, kept)?;
    super::fragmenten::fill(tera, theme, &mut views);
    let wijzigingen_view = vergelijking.map(|v| wijzigingen::view(site, v));
    let edities_view = edities::view(site, alle_edities);
    let review_view = review.map(|r| review::view(site, r));
    let jobs = jobs(
        site,
        &views,
        wijzigingen_view.as_ref(),
        edities_view.is_some(),
    );
    let meer_data = meer_data(input, edities_view.is_some());
    let meer_paths: Vec<&str> = meer_data.iter().map(|(path, _)| *path).collect();
    let data_paths = data::paths(site, &meer_paths);
    // Every output path once, checked before anything is made or written
    // (the open data's paths do not depend on its bytes).
    let collided = collisions(
        site,
        jobs.iter()
            .map(|job| job.path.as_str())
            .chain(theme.statics.iter().map(|(path, _)| path.as_str()))
            .chain(data_paths.iter().map(String::as_str))
            .chain(review_view.as_ref().map(|_| review::CSS_PAD)),
    );
    if !collided.is_empty() {
        return Err(RenderError::Invalid(collided));
    }
    let meer_data = meer_data
        .into_iter()
        .map(|(path, make)| OutputFile {
            path: path.into(),
            bytes: make(),
        })
        .collect();
    let mut gestukt = Vec::new();
    let (open_data_view, files) = match put {
        // A build writes the open data as it is made (see
        // `data::open_data_into`); serve keeps it.
        Some(put) if kept.is_none() => {
            for (path, bytes) in &theme.statics {
                put.put(OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                })
                .map_err(RenderError::Io)?;
            }
            let html: Vec<&str> = views
                .iter()
                .flat_map(|v| v.acties.iter().map(|a| a.inhoud_html.as_str()))
                .collect();
            let view =
                data::open_data_into(site, &html, meer_data, put).map_err(RenderError::Io)?;
            (view, Vec::new())
        }
        _ => {
            let taken: Vec<bool> = herkomst
                .as_ref()
                .map(|h| h.iter().map(super::kept::Herkomst::taken).collect())
                .unwrap_or_default();
            let (open_data, pieced) = open_data(input, &views, &taken, meer_data);
            gestukt = pieced;
            let (view, mut files) = besides_pages(theme, open_data);
            if let Some(put) = put {
                for file in files.drain(..) {
                    put.put(file).map_err(RenderError::Io)?;
                }
            }
            (view, files)
        }
    };
    let mut shared = tera::Context::new();
    shared.insert("site", &site_view);
    shared.insert("dashboard", &dashboard_view(site));
    shared.insert("wijzigingen", &wijzigingen_view);
    shared.insert("open_data", &open_data_view);
    shared.insert("edities", &edities_view);
    shared.insert("review", &review_view);
    let compact = super::fragmenten::only_fragments_read(theme);
    let (shared, alle, lijnen) = contexts(shared, &jobs, views, compact, kept.zip(herkomst));
    Ok(Pages {
        tera: std::sync::Arc::clone(tera),
        theme: theme.clone(),
        jobs,
        shared,
        alle,
        lijnen,
        files,
        review_css: review_view.map(|view| view.bron_css().to_string()),
        gestukt,
    })
}

/// The open data's view, and the files besides the pages: the theme's
/// static files and the open data.
fn besides_pages(
    theme: &Theme,
    open_data: data::OpenData,
) -> (data::OpenDataView, Vec<OutputFile>) {
    let files = theme
        .statics
        .iter()
        .map(|(path, bytes)| OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        })
        .chain(open_data.files)
        .collect();
    (open_data.view, files)
}

/// The context every page shares, and the annex's, from `shared` (what
/// every page sees but the actielijnen) and the views of the actielijnen;
/// with `kept`, also every actielijn's value shared with the cache (then
/// the annex's context is made from them when it renders, and the value
/// of a view taken from the last render is the one made then).
///
/// Every page sees `site`, `dashboard` and `actielijnen`, plus its own
/// `pagina` and `actielijn`. The actions are in `actielijnen` only for a
/// page that shows them all: a copy of every action per page made the
/// build quadratic in the number of actions. Each worker thread keeps one
/// context and swaps the per-page keys (see `schedule`).
///
/// Every actielijn is turned into a tera value once, and the Rust view
/// dropped: the annex's context holds these values (every action once),
/// and an actielijn page takes a copy of its own while the annex renders
/// beside it. (Serializing a view per page as well as for the annex was
/// the largest cost after tera itself.) A build moves each view into its
/// value ([`ActielijnView::into_value`], `compact` as it says there).
fn contexts(
    mut shared: tera::Context,
    jobs: &[Job<'_>],
    views: Vec<ActielijnView>,
    compact: bool,
    kept: Option<(&RenderCache, Vec<super::kept::Herkomst>)>,
) -> (
    tera::Context,
    tera::Context,
    Option<Vec<std::sync::Arc<tera::Value>>>,
) {
    let kort: tera::Value =
        tera::to_value(views.iter().map(|view| &view.kop).collect::<Vec<_>>()).expect(SERIALIZES);
    let (lijnen_values, lijnen) = match kept {
        Some((kept, herkomst)) => (
            Vec::new(),
            Some(kept.values(views, herkomst, |view| {
                tera::to_value(view).expect(SERIALIZES)
            })),
        ),
        None => (
            views
                .into_par_iter()
                .map(|view| view.into_value(compact))
                .collect(),
            None,
        ),
    };
    shared.insert("actielijnen", &kort);
    let mut alle = shared.clone();
    if let Some(job) = jobs.iter().find(|job| job.alle_acties) {
        alle.insert("pagina", &job.pagina);
    }
    if lijnen.is_none() {
        alle.extend(with("actielijnen", tera::Value::Array(lijnen_values)));
    }
    (shared, alle, lijnen)
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("pages", &self.paths().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Pages {
    /// The paths of every page, in the order of the site.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.jobs.iter().map(|job| job.path.as_str())
    }

    /// Renders the pages whose path `chosen` picks into `sink`, each as
    /// soon as it is rendered, on every worker thread (the heaviest first).
    /// Every template error is reported, in page order.
    pub fn render<S: Sink>(
        &self,
        chosen: impl Fn(&str) -> bool,
        sink: &S,
    ) -> Result<(), RenderError> {
        // A page goes to its file while it renders. A template error yields a
        // diagnostic; a failing write, an I/O error.
        let render = |template: &str, path: &str, context: &tera::Context| {
            let mut writer = sink.create(path).map_err(Err)?;
            match self.tera.render_to(template, context, &mut writer) {
                Ok(()) => sink.finish(path, writer).map_err(Err),
                Err(err) => match io_source(&err) {
                    Some(io) => Err(Err(std::io::Error::new(io.kind(), io.to_string()))),
                    None => Err(Ok(template_error(template, &self.theme, &err))),
                },
            }
        };
        let jobs: Vec<&Job<'_>> = self.jobs.iter().filter(|job| chosen(&job.path)).collect();
        schedule(&jobs, |job, context| {
            if job.alle_acties {
                return match &self.lijnen {
                    None => render(job.template, &job.path, &self.alle),
                    Some(values) => {
                        let mut alle = self.alle.clone();
                        let values = values.iter().map(|v| tera::Value::clone(v)).collect();
                        alle.extend(with("actielijnen", tera::Value::Array(values)));
                        render(job.template, &job.path, &alle)
                    }
                };
            }
            let context = context.get_or_insert_with(|| self.shared.clone());
            context.insert("pagina", &job.pagina);
            // The last page's actielijn goes before this one's is copied:
            // one copy per worker at a time, not two.
            context.remove("actielijn");
            if let Some(value) = job.actielijn.and_then(|i| self.lijn(i)) {
                context.extend(with("actielijn", value.clone()));
            }
            render(job.template, &job.path, context)
        })
    }

    /// The data files made of parts (`bijlage serve`: `data/acties.json`
    /// and `data/acties.csv`), by path: [`data::Gestukt::bytes`] puts one
    /// together. They are not among [`Pages::take_files`].
    pub(crate) fn data_files(&self) -> &[(&'static str, data::Gestukt)] {
        &self.gestukt
    }

    /// (path shown, text) of every template, to show the lines of a template
    /// error.
    pub(crate) fn template_sources(&self) -> Vec<(String, String)> {
        self.theme.sources()
    }

    /// Every actielijn in full, as the annex sees them, in the annex's
    /// context.
    fn lijnen(&self) -> &[tera::Value] {
        self.alle
            .get("actielijnen")
            .and_then(tera::Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// The `i`th actielijn in full.
    fn lijn(&self, i: usize) -> Option<&tera::Value> {
        match &self.lijnen {
            Some(values) => values.get(i).map(|v| &**v),
            None => self.lijnen().get(i),
        }
    }

    /// How many actielijnen there are in full.
    fn lijn_count(&self) -> usize {
        self.lijnen.as_ref().map_or(self.lijnen().len(), Vec::len)
    }

    /// Whether the `i`th actielijn is the same as the `j`th of `old`: the
    /// same shared value (kept from the cache), or an equal one.
    fn same_lijn(&self, i: usize, old: &Pages, j: usize) -> bool {
        if let (Some(now), Some(then)) = (&self.lijnen, &old.lijnen)
            && let (Some(a), Some(b)) = (now.get(i), then.get(j))
            && std::sync::Arc::ptr_eq(a, b)
        {
            return true;
        }
        self.lijn(i).is_some() && self.lijn(i) == old.lijn(j)
    }

    /// How each page differs from the same page of `old`, by what its
    /// context holds; `None` when the templates differ (every page may).
    pub(crate) fn changes_since(&self, old: &Pages) -> Option<Vec<(&str, Change)>> {
        if self.theme.templates != old.theme.templates {
            return None;
        }
        let shared = self.shared == old.shared;
        // Each actielijn compared once, by position.
        let same_at: Vec<bool> = (0..self.lijn_count())
            .map(|i| self.same_lijn(i, old, i))
            .collect();
        let every = self.lijn_count() == old.lijn_count() && same_at.iter().all(|&same| same);
        let old_jobs: std::collections::HashMap<&str, &Job<'_>> = old
            .jobs
            .iter()
            .map(|job| (job.path.as_str(), job))
            .collect();
        Some(
            self.jobs
                .iter()
                .map(|job| {
                    let own_same = old_jobs.get(job.path.as_str()).is_some_and(|before| {
                        let content = match (job.alle_acties, job.actielijn, before.actielijn) {
                            (true, _, _) => every,
                            (false, Some(i), Some(j)) if i == j => same_at[i],
                            (false, Some(i), Some(j)) => self.same_lijn(i, old, j),
                            (false, i, j) => i.is_none() && j.is_none(),
                        };
                        content
                            && before.template == job.template
                            && before.pagina == job.pagina
                            && before.alle_acties == job.alle_acties
                    });
                    let change = match (own_same, shared) {
                        (true, true) => Change::Same,
                        (true, false) => Change::Shared,
                        (false, _) => Change::Own,
                    };
                    (job.path.as_str(), change)
                })
                .collect(),
        )
    }

    /// The files besides the pages: the theme's static files, the open data
    /// and, in a review copy, its stylesheet. Taken out: a second call gives
    /// none.
    pub(crate) fn take_files(&mut self) -> Result<Vec<OutputFile>, RenderError> {
        let mut files = std::mem::take(&mut self.files);
        if let Some(bron_css) = &self.review_css {
            let mut context = self.shared.clone();
            context.insert(
                "pagina",
                &PaginaView {
                    soort: "css",
                    titel: String::new(),
                    href: review::CSS_PAD.into(),
                },
            );
            let css = self.tera.render("review.css", &context).map_err(|err| {
                RenderError::Invalid(vec![template_error("review.css", &self.theme, &err)])
            })?;
            files.push(OutputFile {
                path: review::CSS_PAD.into(),
                bytes: format!("{css}\n{bron_css}").into_bytes(),
            });
        }
        Ok(files)
    }
}

/// Serializing the views cannot fail: every map has string keys.
const SERIALIZES: &str = "views serialize to tera values";

/// A context holding only `key`, to extend another with.
fn with(key: &str, value: tera::Value) -> tera::Context {
    let mut map = tera::Map::new();
    map.insert(key.to_string(), value);
    tera::Context::from_value(tera::Value::Object(map)).expect(SERIALIZES)
}

/// The site's view and every actielijn's, built in parallel; every broken
/// reference of every text at once. With `kept` (and no review copy), the
/// view of an actielijn that is what it was in the last render, in a site
/// whose [`Omgeving`](super::kept::Omgeving) is what it was, is taken from
/// there, not made again; the second part says where each view came from.
fn views<'a>(
    site: &'a Site,
    theme: &Theme,
    changes: Option<&crate::wijzigingen::Lookup<'_>>,
    review: Option<&review::Review<'_>>,
    kept: Option<&RenderCache>,
) -> ViewsResult<'a> {
    use super::kept::{Herkomst, Lijn, Omgeving, Stand};
    let mut diags = Vec::new();
    let index = Verwijzingen::new(site);
    let site_view = site_view(site, &index, kept, &mut diags);
    let kept_lijnen = kept.filter(|_| review.is_none());
    let mut reusable = kept_lijnen
        .map(|kept| kept.reusable(Omgeving::of(site, theme)))
        .unwrap_or_default();
    let before: Vec<(&crate::model::Actielijn, Option<Lijn>)> = site
        .actielijnen
        .iter()
        .map(|lijn| (lijn, reusable.remove(&lijn.nummer)))
        .collect();
    drop(reusable);
    type Made = (ActielijnView, Option<Herkomst>, Vec<Diagnostic>);
    let lijnen: Vec<Made> = before
        .into_par_iter()
        .map(|(lijn, before)| {
            let markers: Vec<_> = match kept_lijnen {
                Some(_) => lijn
                    .acties
                    .iter()
                    .map(|a| changes.and_then(|c| wijzigingen::marker(site, c, &a.nummer)))
                    .collect(),
                None => Vec::new(),
            };
            // An actielijn the load did not change is not compared action
            // by action (see `RenderCache::unchanged`).
            if let Some(before) = before
                && (kept_lijnen.is_some_and(|k| k.unchanged(lijn.nummer))
                    || before.stand.lijn == *lijn)
                && before.stand.markers == markers
            {
                let (view, herkomst) = before.take();
                return (view, Some(herkomst), Vec::new());
            }
            // Only an actielijn made again is copied for the next render.
            let stand = kept_lijnen.map(|_| Stand {
                lijn: lijn.clone(),
                markers,
            });
            let mut d = Vec::new();
            let view = actielijn_view(site, &index, kept, lijn, changes, review, &mut d);
            (view, stand.map(Herkomst::new), d)
        })
        .collect();
    let mut views = Vec::with_capacity(lijnen.len());
    let mut herkomst = Vec::with_capacity(lijnen.len());
    for (view, from, d) in lijnen {
        views.push(view);
        herkomst.extend(from);
        diags.extend(d);
    }
    let herkomst = kept_lijnen.map(|_| herkomst);
    if diags.is_empty() {
        Ok((site_view, views, herkomst))
    } else {
        Err(RenderError::Invalid(diags))
    }
}

/// What [`views`] makes: the site's view, every actielijn's and, with a
/// cache, where each came from.
type ViewsResult<'a> = Result<
    (
        views::SiteView<'a>,
        Vec<ActielijnView>,
        Option<Vec<super::kept::Herkomst>>,
    ),
    RenderError,
>;

/// The data files besides the actions' (`data/wijzigingen.json` when the
/// build compared editions, `data/edities.json` with the progress over the
/// editions): each path, and what makes its bytes.
type Meer<'i> = Vec<(&'static str, Box<dyn FnOnce() -> Vec<u8> + 'i>)>;

/// The [`Meer`] data files of `input`.
fn meer_data<'i>(input: &'i Input<'_>, met_edities: bool) -> Meer<'i> {
    let Input {
        site,
        vergelijking,
        alle_edities,
        ..
    } = *input;
    let mut meer: Meer<'i> = Vec::new();
    if let Some(v) = vergelijking {
        meer.push((
            "data/wijzigingen.json",
            Box::new(move || wijzigingen::json(site, v)),
        ));
    }
    if met_edities {
        meer.push((
            "data/edities.json",
            Box::new(move || edities::json(site, alle_edities)),
        ));
    }
    meer
}

/// The open data, held in memory (`bijlage serve`). It comes before the
/// pages: the pages list its files with their sizes. The plain progress
/// texts come from the rendered HTML. With a cache, `data/acties.json` and
/// `data/acties.csv` are made of parts, not among the files but given
/// apart: the part of an actielijn whose view was taken from the last
/// render (`taken`) is taken too, its texts not even looked at.
fn open_data(
    input: &Input<'_>,
    views: &[ActielijnView],
    taken: &[bool],
    meer_data: Vec<OutputFile>,
) -> (data::OpenData, Vec<(&'static str, data::Gestukt)>) {
    let Input { site, kept, .. } = *input;
    let Some(kept) = kept else {
        // Parsing each text's HTML is the costly part: on every core.
        let voortgang: Vec<String> = views
            .par_iter()
            .flat_map_iter(|v| v.acties.iter().map(|a| data::plain_text(&a.inhoud_html)))
            .collect();
        return (data::open_data(site, &voortgang, meer_data), Vec::new());
    };
    let voortgang = |i: usize| -> Vec<String> {
        views.get(i).map_or_else(Vec::new, |v| {
            v.acties
                .par_iter()
                .map(|a| kept.plain_text(&a.inhoud_html))
                .collect()
        })
    };
    let taken = |i: usize| taken.get(i).copied().unwrap_or(false);
    let acties = kept.stukken().acties(site, &taken, &voortgang);
    let open_data = data::open_data_gestukt(site, &acties, meer_data);
    let (json, csv) = acties;
    (
        open_data,
        vec![(data::ACTIES_JSON, json), (data::ACTIES_CSV, csv)],
    )
}
