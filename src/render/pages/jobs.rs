//! The pages of a site and the scheduler that renders them: which pages
//! there are (`jobs`), each path once (`collisions`), and a pool of worker
//! threads that renders them, the heaviest first (`schedule`).

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::super::views::ActielijnView;
use super::super::wijzigingen;
use super::RenderError;
use crate::error::{Diagnostic, Location, Problem};
use crate::model::Site;

/// The page itself as its template sees it (`pagina`).
#[derive(Serialize, PartialEq)]
pub(super) struct PaginaView {
    pub(super) soort: &'static str,
    pub(super) titel: String,
    pub(super) href: String,
}

/// A page to render: its file, template and what its context adds to the
/// shared part.
pub(super) struct Job<'a> {
    pub(super) path: String,
    pub(super) template: &'a str,
    pub(super) pagina: PaginaView,
    /// The position of the page's actielijn in `actielijnen`.
    pub(super) actielijn: Option<usize>,
    /// Whether `actielijnen` carries every action (for a page that shows
    /// them all); otherwise it lists the actielijnen without their actions.
    pub(super) alle_acties: bool,
    /// How many actions the page shows: the heaviest pages start first.
    weight: usize,
}

/// The I/O error at the root of a tera error, if it is one (the page's
/// file could not be written).
pub(super) fn io_source(err: &tera::Error) -> Option<&std::io::Error> {
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
pub(super) fn collisions<'p>(site: &Site, paths: impl Iterator<Item = &'p str>) -> Vec<Diagnostic> {
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

/// Every page of the site: the start page, a page per actielijn, the
/// changes and the progress over the editions where there are any, and the
/// single-file annex.
pub(super) fn jobs<'v>(
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
pub(super) type PageResult = Result<(), Result<Diagnostic, std::io::Error>>;

/// Renders `jobs` on every worker thread: each takes the next page from a
/// queue that starts with the heaviest, with a context of its own that it
/// keeps between pages. Every template error is reported, in page order;
/// the first I/O error stops the run.
pub(super) fn schedule(
    jobs: &[&Job<'_>],
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
                match render(jobs[i], &mut context) {
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
