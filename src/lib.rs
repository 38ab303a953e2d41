//! bijlage: the static site generator of the *Monitoringsoverzicht* (Bijlage 1)
//! of the Actieplan programma Samen tegen mensenhandel.
//!
//! The pipeline runs one way: [`content`] reads and parses the pages,
//! [`model`] groups, orders, validates and counts them, `render` turns the
//! model into files through a tera theme, and [`output`] writes them
//! atomically.

// The library's public items are what the binary, the tests, the benches,
// the fuzz targets and the generator use; everything else is `pub(crate)`.
// Each public item has a one-line doc comment.
#![warn(unreachable_pub)]
#![warn(missing_docs)]

mod build;
mod comparison;
pub mod confine;
pub mod console;
pub mod content;
pub mod edities;
pub mod error;
pub mod herkomst;
pub mod model;
pub mod output;
pub mod pdf;
pub mod previous;
pub mod render;
pub mod report;
pub mod serve;
pub mod spreadsheet;
pub mod text;
pub mod url;
pub mod wijzigingen;

use std::path::{Path, PathBuf};

pub use build::{BuildFlags, build, build_with, review};
pub use content::ContentSource;
use error::{BuildError, Diagnostic, Location, Problem};
use model::Site;
use render::OutputFile;

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where the content is read from.
    pub content: ContentSource,
    /// The theme's name (a folder in the site's `themes/`, or a built-in one).
    pub theme: String,
    /// Include actions marked `concept: true`.
    pub drafts: bool,
    /// The previous edition to compare with (a folder or a git revision);
    /// when `None`, the site's `vorige_editie`, if any.
    pub previous: Option<String>,
    /// Build the review copy: drafts included, every page marked CONCEPT
    /// with the origin of the content, sources and paragraph references.
    pub review: bool,
}

impl Options {
    /// The default theme, no drafts, no comparison beyond the site's own.
    pub fn new(content: ContentSource) -> Options {
        Options {
            content,
            theme: "rijksoverheid".into(),
            drafts: false,
            previous: None,
            review: false,
        }
    }

    /// The site root: the folder holding the content folder, where the site's
    /// own `themes/` and `templates/` live. For the embedded edition, the
    /// current folder.
    pub(crate) fn site_root(&self) -> PathBuf {
        match &self.content {
            ContentSource::Dir(dir) => match dir.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
            ContentSource::Embedded | ContentSource::Memory { .. } => PathBuf::from("."),
        }
    }
}

/// The result of rendering: the model and every output file, not yet written.
#[derive(Debug)]
pub struct Rendered {
    /// The site as the model holds it.
    pub site: Site,
    /// Every output file, sorted by path (`render`). Empty after
    /// [`build`], which writes each file as it is rendered. After
    /// `render_kept`, the files besides the pages.
    pub files: Vec<OutputFile>,
    /// After `render_kept`: the pages, ready to render.
    pub pages: Option<render::Pages>,
    /// What became of the previous edition.
    pub vorige_editie: VorigeEditie,
    /// Problems that do not stop the build, ordered by place.
    pub warnings: Vec<Diagnostic>,
    /// The content files read: to show the lines warnings refer to, and an
    /// action's source (`serve`).
    pub sources: Vec<content::SourceFile>,
}

impl Rendered {
    /// (display path, text) of every content file a warning names, for the
    /// reports.
    pub fn source_texts(&self) -> Vec<(String, String)> {
        let named: std::collections::HashSet<&str> = self
            .warnings
            .iter()
            .map(|d| d.location.file.as_str())
            .collect();
        self.sources
            .iter()
            .filter(|f| named.contains(f.display.as_str()))
            .map(|f| (f.display.clone(), f.text.to_string()))
            .collect()
    }
}

/// What became of the previous edition in a build: none named, compared
/// with, or named but not readable.
#[derive(Debug)]
pub enum VorigeEditie {
    /// No previous edition was named.
    Geen,
    /// Compared; the changes are in the output.
    Vergeleken(wijzigingen::Vergelijking),
    /// A previous edition was named but could not be read: no comparison
    /// was made, and the output has no list of changes.
    Onleesbaar {
        /// The edition as it was named.
        bron: String,
        /// Why it could not be read, in a sentence.
        reason: String,
        /// Its problems.
        diagnostics: Vec<Diagnostic>,
        /// (display path, text) of its files, to show the problems' lines.
        sources: Vec<(String, String)>,
    },
}

/// Loads the content and assembles the site ([`content::load_site`]). A site
/// with errors is not rendered, so rendering would not find its broken
/// cross-references: they are checked here, so that one run reports every
/// problem.
pub fn load_site(
    source: &ContentSource,
    drafts: bool,
) -> Result<(Site, Vec<content::SourceFile>, Vec<Diagnostic>), content::Problems> {
    content::load_site(source, drafts).map_err(with_references)
}

/// [`load_site`] through the page cache of `bijlage serve`: only pages that
/// changed are read and parsed again.
fn load_site_cached(
    source: &ContentSource,
    drafts: bool,
    cache: &mut content::PageCache,
) -> Result<(Site, Vec<content::SourceFile>, Vec<Diagnostic>), content::Problems> {
    content::load_site_cached(source, drafts, cache).map_err(with_references)
}

/// The diagnostics of a site that does not load, with its broken
/// cross-references added.
fn with_references(invalid: content::Invalid) -> content::Problems {
    let mut diagnostics = invalid.diagnostics;
    if let Some(references) = &invalid.references {
        let (site, unparsed) = &**references;
        diagnostics.extend(render::checks::broken_references(site, unparsed));
        diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
    }
    (diagnostics, invalid.files)
}

fn sources(files: Vec<content::SourceFile>) -> Vec<(String, String)> {
    files
        .into_iter()
        .map(|f| (f.display, f.text.to_string()))
        .collect()
}

/// The error for `diagnostics`, with the text of the content files and, for
/// template errors, of the theme's templates, to show their lines.
fn invalid(
    mut diagnostics: Vec<Diagnostic>,
    files: Vec<content::SourceFile>,
    theme: Option<&render::theme::Theme>,
) -> BuildError {
    diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
    let mut sources = sources(files);
    if let Some(theme) = theme {
        sources.extend(theme.sources());
    }
    BuildError::Invalid {
        diagnostics,
        sources,
    }
}

/// Loads, validates and renders, writing nothing.
pub fn render(options: &Options) -> Result<Rendered, BuildError> {
    render_into(options, None, None)
}

/// What `bijlage serve` keeps from one render to the next, so that a
/// rebuild after a save reads and parses only the files that changed. What
/// it renders is what [`render`] renders.
#[derive(Default)]
pub(crate) struct Kept {
    /// The content pages read last time.
    pub pages: content::PageCache,
    /// The Markdown of every text rendered last time.
    pub render: render::RenderCache,
    /// The theme of the last render, with its templates parsed: a save
    /// that changes no template parses none.
    pub environment: Option<(render::theme::Theme, render::Environment)>,
}

/// [`render`], with what the last render with `kept` left there; the pages
/// themselves are not rendered but returned ready to render
/// ([`Rendered::pages`]), unless a review copy is rendered (which is checked
/// as a whole).
pub(crate) fn render_kept(options: &Options, kept: &mut Kept) -> Result<Rendered, BuildError> {
    render_into(options, None, Some(kept))
}

/// Loads, validates and renders: into `staging` when given (the files are
/// written as they are rendered), else into [`Rendered::files`].
fn render_into(
    options: &Options,
    staging: Option<(&output::Staging, &Path)>,
    kept: Option<&mut Kept>,
) -> Result<Rendered, BuildError> {
    let root = options.site_root();
    let (page_cache, markdown, environment) = match kept {
        Some(k) => (
            Some(&mut k.pages),
            Some(&k.render),
            Some(&mut k.environment),
        ),
        None => (None, None, None),
    };
    if let Some(markdown) = markdown {
        markdown.begin();
    }
    // The theme is read and its templates parsed while the content loads
    // and is checked and compared with its previous edition: they are
    // independent, and parsing is the largest fixed cost.
    let (loaded, theme) = rayon::join(
        || {
            let drafts = options.drafts || options.review;
            let loaded = match page_cache {
                Some(cache) => load_site_cached(&options.content, drafts, cache),
                None => load_site(&options.content, drafts),
            };
            loaded.map(|(site, files, warnings)| {
                let examined = Examined::of(options, &site, &files, markdown);
                (site, files, warnings, examined)
            })
        },
        || parsed_theme(&root, &options.theme, environment),
    );
    match (loaded, theme) {
        (Ok((site, files, warnings, examined)), Ok((theme, tera))) => {
            let loaded = Loaded {
                site,
                files,
                warnings,
                examined,
                theme,
                tera,
            };
            render_loaded(options, loaded, staging, markdown)
        }
        (Ok((_, files, mut warnings, _)), Err(theme_err)) => {
            warnings.push(theme_err);
            Err(invalid(warnings, files, None))
        }
        (Err((diagnostics, files)), theme) => Err(not_loaded(diagnostics, files, theme)),
    }
}

/// The theme `name` with its templates parsed (or the error of the
/// template that does not parse). With `kept`, the theme and environment
/// of the last render: an unchanged theme is not parsed again.
fn parsed_theme(
    root: &Path,
    name: &str,
    kept: Option<&mut Option<(render::theme::Theme, render::Environment)>>,
) -> Result<
    (
        render::theme::Theme,
        Result<render::Environment, Diagnostic>,
    ),
    Diagnostic,
> {
    let theme = render::theme::load(Some(root), name)?;
    if let Some(Some((last, tera))) = kept.as_deref()
        && *last == theme
    {
        return Ok((theme, Ok(std::sync::Arc::clone(tera))));
    }
    let tera = render::environment(&theme).map(std::sync::Arc::new);
    if let (Some(kept), Ok(tera)) = (kept, &tera) {
        *kept = Some((theme.clone(), std::sync::Arc::clone(tera)));
    }
    Ok((theme, tera))
}

/// A site that loaded, with its theme and the theme's templates parsed.
struct Loaded {
    site: Site,
    files: Vec<content::SourceFile>,
    warnings: Vec<Diagnostic>,
    examined: Examined,
    theme: render::theme::Theme,
    tera: Result<render::Environment, Diagnostic>,
}

/// What is found of a site that loaded before it renders, while its
/// templates are still being parsed: the Markdown checks, the comparison
/// with its previous edition, and the counts of its editions. It is
/// reported in that order (see [`render_loaded`]): a check's error stops
/// the build before the comparison's, whose error stops it before the
/// editions' warnings.
struct Examined {
    markdown: Vec<Diagnostic>,
    comparison: Result<VorigeEditie, Diagnostic>,
    edities: (Vec<edities::EditieTelling>, Vec<Diagnostic>),
}

impl Examined {
    fn of(
        options: &Options,
        site: &Site,
        files: &[content::SourceFile],
        markdown: Option<&render::RenderCache>,
    ) -> Examined {
        let checks = render::checks::warnings_kept(site, markdown);
        let comparison = comparison::comparison(options, site, files);
        let edities = match &comparison {
            Ok(compared) => comparison::editions(options, site, compared),
            Err(_) => Default::default(),
        };
        Examined {
            markdown: checks,
            comparison,
            edities,
        }
    }
}

/// The error of content that does not load. The templates were parsed
/// meanwhile: their syntax errors are reported in the same run.
fn not_loaded(
    mut diagnostics: Vec<Diagnostic>,
    files: Vec<content::SourceFile>,
    theme: Result<
        (
            render::theme::Theme,
            Result<render::Environment, Diagnostic>,
        ),
        Diagnostic,
    >,
) -> BuildError {
    match theme {
        Ok((theme, tera)) => match tera {
            Ok(_) => invalid(diagnostics, files, None),
            Err(template_err) => {
                diagnostics.push(template_err);
                invalid(diagnostics, files, Some(&theme))
            }
        },
        Err(theme_err) => {
            diagnostics.push(theme_err);
            invalid(diagnostics, files, None)
        }
    }
}

/// Compares a loaded site with its previous edition and renders it (see
/// [`render_into`]).
fn render_loaded(
    options: &Options,
    loaded: Loaded,
    staging: Option<(&output::Staging, &Path)>,
    markdown: Option<&render::RenderCache>,
) -> Result<Rendered, BuildError> {
    let Loaded {
        site,
        files,
        mut warnings,
        examined,
        theme,
        tera,
    } = loaded;
    warnings.extend(examined.markdown);
    warnings.sort_by(|a, b| a.location.cmp(&b.location));
    if error::has_errors(&warnings) {
        // Raw HTML nested too deep: found before the sanitizer runs.
        return Err(invalid(warnings, files, None));
    }
    let comparison = match examined.comparison {
        Ok(comparison) => comparison,
        Err(diagnostic) => {
            let mut diagnostics = vec![diagnostic];
            diagnostics.extend(warnings);
            return Err(invalid(diagnostics, files, None));
        }
    };
    warnings.extend(comparison::not_later(&site, &files, &comparison));
    let (edities, more) = examined.edities;
    warnings.extend(more);
    warnings.sort_by(|a, b| a.location.cmp(&b.location));
    let made = match &comparison {
        VorigeEditie::Vergeleken(v) => Some(v),
        _ => None,
    };
    let review = options
        .review
        .then(|| render::review::Review::new(herkomst::Herkomst::of(&options.content), &files));
    let tera = match tera {
        Ok(tera) => tera,
        Err(template_err) => {
            let mut diagnostics = vec![template_err];
            diagnostics.extend(warnings);
            return Err(invalid(diagnostics, files, Some(&theme)));
        }
    };
    let input = render::Input {
        site: &site,
        theme: &theme,
        tera: &tera,
        vergelijking: made,
        review: review.as_ref(),
        alle_edities: &edities,
        kept: None,
    };
    let mut pages = None;
    let rendered = match (staging, markdown) {
        (Some(staging), _) => render_to_staging(&input, staging),
        (None, Some(markdown)) if review.is_none() => {
            render_prepared(&input, markdown).map(|prepared| {
                prepared.map(|(files, prepared)| {
                    pages = Some(prepared);
                    files
                })
            })
        }
        (None, _) => Ok(render_in_memory(&input)),
    }?;
    match rendered {
        Ok(outputs) => Ok(Rendered {
            site,
            files: outputs,
            pages,
            vorige_editie: comparison,
            warnings,
            sources: files,
        }),
        Err(mut diagnostics) => {
            diagnostics.extend(warnings);
            Err(invalid(diagnostics, files, Some(&theme)))
        }
    }
}

/// A render's result, or the problems of the input that stopped it (the
/// build's error is made from them with the sources at hand).
type Checked<T> = Result<T, Vec<Diagnostic>>;

/// The whole site in memory; a review copy is checked as a whole, before
/// anything of it is written.
fn render_in_memory(input: &render::Input<'_>) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let outputs = render::render_site_with(input)?;
    if input.review.is_some() {
        unmarked(&outputs)?;
    }
    Ok(outputs)
}

/// A build: every page streamed into the staging folder as it renders. A
/// review copy is rendered in memory and checked before it is written.
fn render_to_staging(
    input: &render::Input<'_>,
    (staging, output): (&output::Staging, &Path),
) -> Result<Checked<Vec<OutputFile>>, BuildError> {
    if input.review.is_some() {
        return match render_in_memory(input) {
            Ok(outputs) => {
                for file in &outputs {
                    staging
                        .put(&file.path, &file.bytes)
                        .map_err(|err| BuildError::io(output, err))?;
                }
                Ok(Ok(outputs))
            }
            Err(diagnostics) => Ok(Err(diagnostics)),
        };
    }
    match render::render_site_to(input, staging) {
        Ok(()) => Ok(Ok(Vec::new())),
        Err(render::RenderError::Invalid(diagnostics)) => Ok(Err(diagnostics)),
        Err(render::RenderError::Io(err)) => Err(BuildError::io(output, err)),
    }
}

/// `bijlage serve`: the pages prepared, to be rendered as they are asked
/// for, and the files besides them.
fn render_prepared(
    input: &render::Input<'_>,
    markdown: &render::RenderCache,
) -> Result<Checked<(Vec<OutputFile>, render::Pages)>, BuildError> {
    let input = render::Input {
        review: None,
        kept: Some(markdown),
        ..*input
    };
    match render::prepare(&input).and_then(|mut prepared| Ok((prepared.take_files()?, prepared))) {
        Ok(prepared) => Ok(Ok(prepared)),
        Err(render::RenderError::Invalid(diagnostics)) => Ok(Err(diagnostics)),
        Err(render::RenderError::Io(err)) => Err(BuildError::io(Path::new("."), err)),
    }
}

/// A review render whose pages do not all carry the CONCEPT marking (a
/// site's own template without the review hooks) must not be sent out.
fn unmarked(files: &[render::OutputFile]) -> Result<(), Vec<Diagnostic>> {
    let needle = render::review::MERK.as_bytes();
    let missing: Vec<Diagnostic> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter(|f| !f.bytes.windows(needle.len()).any(|w| w == needle))
        .map(|f| {
            Diagnostic::new(
                Location::file(f.path.clone()),
                Problem::ReviewUnmarked {
                    page: f.path.clone(),
                },
            )
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

/// Runs one page through everything that is done with a page on its own:
/// decoding, front matter, typed fields, the Markdown body (sanitized and
/// not), the scan for raw HTML, and both reports of its diagnostics. Returns
/// the diagnostics. For the fuzz target and the property tests: whatever
/// `bytes` hold, this must not panic.
pub fn check_page(rel: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    use render::markdown::{self, RawHtml};
    let (file, diagnostics) = content::parse_page(rel, bytes.to_vec());
    if let Some(file) = &file
        && let Ok(split) = content::frontmatter::split(&file.text)
    {
        let resolve = |target: &str| (target == "1").then(|| "#actie-1".to_string());
        for mode in [RawHtml::Sanitize, RawHtml::Allow] {
            let _ = markdown::render_with(split.body, 3, &resolve, mode);
        }
        let _ = markdown::scan(split.body);
    }
    let sources: Vec<(String, String)> = file
        .into_iter()
        .map(|f| (f.display, f.text.to_string()))
        .collect();
    let _ = report::render(&diagnostics, &sources, false);
    let _ = report::json(&diagnostics, &sources, None);
    diagnostics
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::parsed_theme;

    #[test]
    fn an_unchanged_theme_is_parsed_once_and_a_changed_one_again() {
        let root = std::path::Path::new("/nonexistent-site-root");
        let mut kept = None;
        let (theme, first) = parsed_theme(root, "rijksoverheid", Some(&mut kept)).unwrap();
        let first = first.unwrap();
        let (kept_theme, kept_tera) = kept.clone().unwrap();
        assert_eq!(kept_theme, theme);
        assert!(Arc::ptr_eq(&kept_tera, &first));

        let (_, again) = parsed_theme(root, "rijksoverheid", Some(&mut kept)).unwrap();
        assert!(Arc::ptr_eq(&again.unwrap(), &first), "parsed a second time");

        // The kept theme differs from the one on disk (a template was
        // saved since): the templates are parsed again, and kept.
        let (mut older, _) = kept.clone().unwrap();
        older.templates[0].1.push_str("<!-- eerder -->");
        kept = Some((older, Arc::clone(&first)));
        let (_, third) = parsed_theme(root, "rijksoverheid", Some(&mut kept)).unwrap();
        let third = third.unwrap();
        assert!(
            !Arc::ptr_eq(&third, &first),
            "a changed theme kept its old templates"
        );
        assert!(Arc::ptr_eq(&kept.unwrap().1, &third));

        // A plain build keeps nothing.
        let (_, plain) = parsed_theme(root, "rijksoverheid", None).unwrap();
        assert!(!Arc::ptr_eq(&plain.unwrap(), &first));
    }
}
