//! The page scheduler: which pages a site has, each rendered straight into
//! its file by a pool of worker threads (the heaviest first), then the
//! theme's static files and the open data.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::theme::Theme;
use super::verwijzingen::Verwijzingen;
use super::views::{self, ActielijnView, actielijn_view, dashboard_view, site_view};
use super::{
    OutputFile, Vergelijking, data, edities, environment, review, template_error, wijzigingen,
};
use crate::error::{Diagnostic, Location, Problem};
use crate::model::Site;

#[derive(Serialize)]
struct PaginaView {
    soort: &'static str,
    titel: String,
    href: String,
}

/// A page to render: its file, template and what its context adds to the
/// shared part.
struct Job<'a> {
    path: String,
    template: &'a str,
    pagina: PaginaView,
    /// The position of the page's actielijn in `actielijnen`.
    actielijn: Option<usize>,
    /// Whether `actielijnen` carries every action (for a page that shows
    /// them all); otherwise it lists the actielijnen without their actions.
    alle_acties: bool,
    /// How many actions the page shows: the heaviest pages start first.
    weight: usize,
}

/// The I/O error at the root of a tera error, if it is one (the page's
/// file could not be written).
fn io_source(err: &tera::Error) -> Option<&std::io::Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        source = e.source();
    }
    None
}

/// Every output path once: a second file with the same path (the annex named
/// like another page, a theme static file named like a page or a data file)
/// would silently replace the first.
fn collisions<'p>(site: &Site, paths: impl Iterator<Item = &'p str>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    let mut diags = Vec::new();
    for path in paths {
        if !seen.insert(path) {
            let what = if path == site.meta.bijlage_bestand {
                "`bijlage_bestand` heeft de naam van een andere pagina".to_string()
            } else {
                "een bestand in static/ van het thema heeft de naam van een pagina of databestand"
                    .to_string()
            };
            diags.push(Diagnostic::new(
                Location::file(&site.meta.bron.file),
                Problem::OutputCollision {
                    path: path.to_string(),
                    what,
                },
            ));
        }
    }
    diags
}

/// Why [`render_site_to`] failed.
#[derive(Debug)]
pub enum RenderError {
    /// The templates could not render the site, or a reference is broken.
    Invalid(Vec<Diagnostic>),
    /// The sink could not take a file.
    Io(std::io::Error),
}

/// Where rendered files go, from any worker thread, as they are rendered:
/// a page is written through [`Sink::create`] while tera renders it, and
/// handed back to [`Sink::finish`] when it is complete.
pub trait Sink: Sync {
    /// What a file is written through.
    type Writer: std::io::Write;
    /// A writer for the file at `path`.
    fn create(&self, path: &str) -> std::io::Result<Self::Writer>;
    /// The file at `path` is complete.
    fn finish(&self, path: &str, writer: Self::Writer) -> std::io::Result<()>;

    /// Writes a whole file.
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        let mut writer = self.create(&file.path)?;
        std::io::Write::write_all(&mut writer, &file.bytes)?;
        self.finish(&file.path, writer)
    }
}

/// A sink that keeps the files in memory.
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<OutputFile>>);

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    type Writer = Vec<u8>;
    fn create(&self, _: &str) -> std::io::Result<Vec<u8>> {
        Ok(Vec::new())
    }
    fn finish(&self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(OutputFile {
                path: path.to_string(),
                bytes,
            });
        Ok(())
    }
}

/// Renders the whole website: pages, static files of the theme and open
/// data, sorted by path, in memory.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    vergelijking: Option<&Vergelijking>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_site_with(site, theme, vergelijking, None, &[])
}

/// [`render_site`]; with `review`, the review copy: every page marked as a
/// concept, with the source of every action and numbered paragraphs; with
/// the dashboards of every edition the build knows (`alle_edities`, oldest
/// first), two or more, the progress over the editions (`edities.html`,
/// `data/edities.json`).
pub fn render_site_with(
    site: &Site,
    theme: &Theme,
    vergelijking: Option<&Vergelijking>,
    review: Option<&review::Review<'_>>,
    alle_edities: &[crate::edities::EditieTelling],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let memory = Memory::default();
    match render_site_to(site, theme, vergelijking, review, alle_edities, &memory) {
        Ok(()) => Ok(memory.into_files()),
        Err(RenderError::Invalid(diagnostics)) => Err(diagnostics),
        Err(RenderError::Io(_)) => unreachable!("collecting files in memory cannot fail"),
    }
}

/// Renders the whole website into `sink`: each page as soon as it is
/// rendered (no page is held until the end), then the theme's static files
/// and the open data. On an error the sink may have taken some files.
pub fn render_site_to<S: Sink>(
    site: &Site,
    theme: &Theme,
    vergelijking: Option<&Vergelijking>,
    review: Option<&review::Review<'_>>,
    alle_edities: &[crate::edities::EditieTelling],
    sink: &S,
) -> Result<(), RenderError> {
    let lookup = vergelijking.map(|v| v.wijzigingen.lookup());
    let tera = environment(theme).map_err(|d| RenderError::Invalid(vec![d]))?;
    let (site_view, mut views) = views(site, lookup.as_ref(), review)?;
    super::fragmenten::fill(&tera, &mut views);
    let dashboard = dashboard_view(site);
    let wijzigingen_view = vergelijking.map(|v| wijzigingen::view(site, v));
    let edities_view = edities::view(site, alle_edities);
    let review_view = review.map(|r| review::view(site, r));
    let open_data = open_data(
        site,
        &views,
        vergelijking,
        alle_edities,
        edities_view.is_some(),
    );
    let jobs = jobs(
        site,
        &views,
        wijzigingen_view.as_ref(),
        edities_view.is_some(),
    );

    // Every output path once, checked before anything is written.
    let collided = collisions(
        site,
        jobs.iter()
            .map(|job| job.path.as_str())
            .chain(theme.statics.iter().map(|(path, _)| path.as_str()))
            .chain(open_data.files.iter().map(|file| file.path.as_str()))
            .chain(review_view.as_ref().map(|_| review::CSS_PAD)),
    );
    if !collided.is_empty() {
        return Err(RenderError::Invalid(collided));
    }
    // The open data goes to its files now, not after the pages: its bytes
    // (every text twice, a third of the output) are not held while the
    // pages render. The pages need only its view (names and sizes).
    let put = |file: OutputFile| sink.put(file).map_err(RenderError::Io);
    let data::OpenData {
        view: open_data_view,
        files: open_data_files,
    } = open_data;
    for file in open_data_files {
        put(file)?;
    }

    // Every page sees `site`, `dashboard` and `actielijnen`, plus its own
    // `pagina` and `actielijn`. The actions are in `actielijnen` only for a
    // page that shows them all: a copy of every action per page made the
    // build quadratic in the number of actions. Each worker thread keeps one
    // context and swaps the per-page keys (see `schedule`).
    //
    // Every actielijn is turned into a tera value once, and the Rust view
    // dropped: the annex's context holds these values (every action once),
    // and an actielijn page takes a copy of its own while the annex renders
    // beside it. (Serializing a view per page as well as for the annex was
    // the largest cost after tera itself.)
    let kort: tera::Value =
        tera::to_value(views.iter().map(|view| &view.kop).collect::<Vec<_>>()).expect(SERIALIZES);
    let mut lijnen_values = Vec::with_capacity(views.len());
    for view in views {
        lijnen_values.push(tera::to_value(&view).expect(SERIALIZES));
    }
    let shared = || {
        let mut context = tera::Context::new();
        context.insert("site", &site_view);
        context.insert("dashboard", &dashboard);
        context.insert("actielijnen", &kort);
        context.insert("wijzigingen", &wijzigingen_view);
        context.insert("open_data", &open_data_view);
        context.insert("edities", &edities_view);
        context.insert("review", &review_view);
        context
    };
    // The context of the page with every action (the annex), read by the
    // thread that renders it while the others copy their actielijn from it.
    let mut alle = shared();
    if let Some(job) = jobs.iter().find(|job| job.alle_acties) {
        alle.insert("pagina", &job.pagina);
    }
    alle.extend(with("actielijnen", tera::Value::Array(lijnen_values)));
    let lijnen_values: &[tera::Value] = alle
        .get("actielijnen")
        .and_then(tera::Value::as_array)
        .map_or(&[], Vec::as_slice);

    // A page goes to its file while it renders. A template error yields a
    // diagnostic; a failing write, an I/O error.
    let render = |template: &str, path: &str, context: &tera::Context| {
        let mut writer = sink.create(path).map_err(Err)?;
        match tera.render_to(template, context, &mut writer) {
            Ok(()) => sink.finish(path, writer).map_err(Err),
            Err(err) => match io_source(&err) {
                Some(io) => Err(Err(std::io::Error::new(io.kind(), io.to_string()))),
                None => Err(Ok(template_error(template, theme, &err))),
            },
        }
    };
    schedule(&jobs, |job, context| {
        if job.alle_acties {
            return render(job.template, &job.path, &alle);
        }
        let context = context.get_or_insert_with(shared);
        context.insert("pagina", &job.pagina);
        match job.actielijn.and_then(|i| lijnen_values.get(i)) {
            Some(value) => context.extend(with("actielijn", value.clone())),
            None => {
                context.remove("actielijn");
            }
        }
        render(job.template, &job.path, context)
    })?;

    for (path, bytes) in &theme.statics {
        put(OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        })?;
    }
    if let Some(view) = &review_view {
        let mut context = shared();
        context.insert(
            "pagina",
            &PaginaView {
                soort: "css",
                titel: String::new(),
                href: review::CSS_PAD.into(),
            },
        );
        let css = tera
            .render("review.css", &context)
            .map_err(|err| RenderError::Invalid(vec![template_error("review.css", theme, &err)]))?;
        put(OutputFile {
            path: review::CSS_PAD.into(),
            bytes: format!("{css}\n{}", view.bron_css()).into_bytes(),
        })?;
    }
    Ok(())
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
/// reference of every text at once.
fn views<'a>(
    site: &'a Site,
    changes: Option<&crate::wijzigingen::Lookup<'_>>,
    review: Option<&review::Review<'_>>,
) -> Result<(views::SiteView<'a>, Vec<ActielijnView>), RenderError> {
    let mut diags = Vec::new();
    let index = Verwijzingen::new(site);
    let site_view = site_view(site, &index, &mut diags);
    let lijnen: Vec<(ActielijnView, Vec<Diagnostic>)> = site
        .actielijnen
        .par_iter()
        .map(|lijn| {
            let mut d = Vec::new();
            let view = actielijn_view(site, &index, lijn, changes, review, &mut d);
            (view, d)
        })
        .collect();
    let mut views = Vec::with_capacity(lijnen.len());
    for (view, d) in lijnen {
        views.push(view);
        diags.extend(d);
    }
    if diags.is_empty() {
        Ok((site_view, views))
    } else {
        Err(RenderError::Invalid(diags))
    }
}

/// The open data. It comes before the pages: the pages list its files with
/// their sizes. The plain progress texts come from the rendered HTML.
fn open_data(
    site: &Site,
    views: &[ActielijnView],
    vergelijking: Option<&Vergelijking>,
    alle_edities: &[crate::edities::EditieTelling],
    met_edities: bool,
) -> data::OpenData {
    // Parsing each text's HTML is the costly part: on every core.
    let voortgang: Vec<String> = views
        .par_iter()
        .flat_map_iter(|v| v.acties.iter().map(|a| data::plain_text(&a.inhoud_html)))
        .collect();
    let mut meer_data = Vec::new();
    if let Some(v) = vergelijking {
        meer_data.push(OutputFile {
            path: "data/wijzigingen.json".into(),
            bytes: wijzigingen::json(site, v),
        });
    }
    if met_edities {
        meer_data.push(OutputFile {
            path: "data/edities.json".into(),
            bytes: edities::json(site, alle_edities),
        });
    }
    data::open_data(site, &voortgang, meer_data)
}

/// Every page of the site: the start page, a page per actielijn, the
/// changes and the progress over the editions where there are any, and the
/// single-file annex.
fn jobs<'v>(
    site: &Site,
    views: &[ActielijnView],
    wijzigingen_view: Option<&wijzigingen::WijzigingenView>,
    met_edities: bool,
) -> Vec<Job<'v>> {
    let page = |path: &str, template: &'v str, soort: &'static str, titel: String| Job {
        path: path.to_string(),
        template,
        pagina: PaginaView {
            soort,
            titel,
            href: path.to_string(),
        },
        actielijn: None,
        alle_acties: false,
        weight: 0,
    };
    let mut jobs = Vec::with_capacity(views.len() + 4);
    jobs.push(page(
        "index.html",
        "index.html",
        "index",
        site.meta.titel.clone(),
    ));
    for (i, view) in views.iter().enumerate() {
        jobs.push(Job {
            actielijn: Some(i),
            weight: view.acties.len(),
            ..page(
                &view.kop.href,
                "actielijn.html",
                "actielijn",
                format!("Actielijn {}: {}", view.kop.nummer, view.kop.titel),
            )
        });
    }
    if let Some(view) = wijzigingen_view {
        let titel = format!("Wijzigingen sinds {}", view.vorige_editie);
        jobs.push(page(
            "wijzigingen.html",
            "wijzigingen.html",
            "wijzigingen",
            titel,
        ));
    }
    if met_edities {
        let titel = "Voortgang over de edities".to_string();
        jobs.push(page("edities.html", "edities.html", "edities", titel));
    }
    // The single-file annex: every action, with links kept inside the file
    // (the views carry the annex's variant of any HTML with a link to a
    // page, see `annex_links`).
    jobs.push(Job {
        alle_acties: true,
        weight: site.acties().count(),
        ..page(
            &site.meta.bijlage_bestand,
            "bijlage.html",
            "bijlage",
            site.meta.titel.clone(),
        )
    });
    jobs
}

/// What rendering one page gives: a template error as a diagnostic
/// (`Err(Ok)`), a failed write as an I/O error (`Err(Err)`).
type PageResult = Result<(), Result<Diagnostic, std::io::Error>>;

/// Renders `jobs` on every worker thread: each takes the next page from a
/// queue that starts with the heaviest, with a context of its own that it
/// keeps between pages. Every template error is reported, in page order;
/// the first I/O error stops the run.
fn schedule(
    jobs: &[Job<'_>],
    render: impl Fn(&Job<'_>, &mut Option<tera::Context>) -> PageResult + Sync,
) -> Result<(), RenderError> {
    let mut queue: Vec<usize> = (0..jobs.len()).collect();
    queue.sort_by_key(|&i| std::cmp::Reverse(jobs[i].weight));
    let next = AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, jobs.len().max(1));
    let io_error: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
    let mut errors: Vec<(usize, Diagnostic)> = (0..workers)
        .into_par_iter()
        .flat_map_iter(|_| {
            let mut context: Option<tera::Context> = None;
            let mut failed = Vec::new();
            while let Some(&i) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
                match render(&jobs[i], &mut context) {
                    Ok(()) => {}
                    Err(Ok(d)) => failed.push((i, d)),
                    Err(Err(err)) => {
                        io_error
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .get_or_insert(err);
                        break;
                    }
                }
            }
            failed
        })
        .collect();
    if let Some(err) = io_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(RenderError::Io(err));
    }
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|(i, _)| *i);
    Err(RenderError::Invalid(
        errors.into_iter().map(|(_, d)| d).collect(),
    ))
}
