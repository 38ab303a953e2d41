//! bijlage: the static site generator of the *Monitoringsoverzicht* (Bijlage 1)
//! of the Actieplan programma Samen tegen mensenhandel.
//!
//! The pipeline runs one way: [`content`] reads and parses the pages,
//! [`model`] groups, orders, validates and counts them, `render` turns the
//! model into files through a tera theme, and [`output`] writes them
//! atomically.

// The library's public items are what the binary, the tests, the benches,
// the fuzz targets and the generator use; everything else is `pub(crate)`.
#![warn(unreachable_pub)]

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

pub use content::ContentSource;
use error::{BuildError, Diagnostic, Location, Problem};
use model::Site;
use render::OutputFile;

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: ContentSource,
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
    pub site: Site,
    /// Every output file, sorted by path (`render`). Empty after
    /// [`build`], which writes each file as it is rendered. After
    /// `render_kept`, the files besides the pages.
    pub files: Vec<OutputFile>,
    /// After `render_kept`: the pages, ready to render.
    pub pages: Option<render::Pages>,
    pub vorige_editie: VorigeEditie,
    /// Problems that do not stop the build, ordered by place.
    pub warnings: Vec<Diagnostic>,
    /// The content files read: to show the lines warnings refer to, and an
    /// action's source (`serve`).
    pub sources: Vec<content::SourceFile>,
}

impl Rendered {
    /// (display path, text) of every content file, for the reports.
    pub fn source_texts(&self) -> Vec<(String, String)> {
        self.sources
            .iter()
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
        bron: String,
        reason: String,
        diagnostics: Vec<Diagnostic>,
        sources: Vec<(String, String)>,
    },
}

/// Where the previous edition was named: on the command line, or in the
/// site's `vorige_editie` (at this place).
enum Named {
    Option,
    Site(Location),
}

/// The editions that exist, for the message when a named one does not: the
/// folders in `edities/` (or the embedded ones) and the repository's tags.
fn known_editions(options: &Options, content_dir: &Path) -> Vec<String> {
    let mut known: Vec<String> = match &options.content {
        ContentSource::Embedded => content::embedded_editions(),
        _ => edities::on_disk(&options.site_root())
            .into_iter()
            .map(|(name, _)| name)
            .collect(),
    };
    known.extend(previous::tags(content_dir));
    known
}

/// Loads the previous edition named by `spec` and compares. A relative
/// folder is taken from `base`: the current folder for `--previous`, the
/// site root for the site's `vorige_editie`. A folder or revision that does
/// not exist is an error that lists the editions that do.
fn compare_with(
    spec: &str,
    base: &Path,
    named: Named,
    options: &Options,
    site: &Site,
) -> Result<VorigeEditie, Diagnostic> {
    let root = options.site_root();
    let content_dir = match &options.content {
        ContentSource::Dir(dir) => dir.clone(),
        _ => root.join("content"),
    };
    let embedded = match &options.content {
        ContentSource::Embedded => content::embedded_edition(spec),
        _ => None,
    };
    let resolved = match embedded {
        Some(source) => Ok(source),
        None => previous::resolve(spec, base, &content_dir),
    };
    let source = match resolved {
        Ok(source) => source,
        Err(err) => {
            let location = match named {
                Named::Option => Location::file("--previous"),
                Named::Site(location) => location,
            };
            return Err(Diagnostic::new(
                location,
                Problem::PreviousNotFound {
                    spec: spec.into(),
                    reason: err.to_string().into(),
                    known: known_editions(options, &content_dir).into(),
                },
            ));
        }
    };
    let bron = match &source {
        ContentSource::Dir(_) => spec.to_string(),
        ContentSource::Memory { .. } if spec.starts_with(edities::MAP) => spec.to_string(),
        other => other.display(),
    };
    Ok(match load_site(&source, false) {
        Ok((vorige, _, _)) => VorigeEditie::Vergeleken(wijzigingen::Vergelijking {
            wijzigingen: wijzigingen::compare(&vorige, site),
            vorige: Box::new(vorige),
            bron,
        }),
        Err((diagnostics, files)) => VorigeEditie::Onleesbaar {
            reason: format!("{} fout(en) in de vorige editie", diagnostics.len()),
            bron,
            diagnostics,
            sources: files
                .into_iter()
                .map(|f| (f.display, f.text.to_string()))
                .collect(),
        },
    })
}

/// Where `key:` starts in the site's `_index.md`, for diagnostics about it
/// (the whole file when the key is not there).
fn site_key_location(site: &Site, files: &[content::SourceFile], key: &str) -> Location {
    let file = &site.meta.bron.file;
    let prefix = format!("{key}:");
    files
        .iter()
        .find(|f| &f.display == file)
        .and_then(|f| {
            let mut offset = 0;
            f.text.split_inclusive('\n').find_map(|line| {
                let at = offset;
                offset += line.len();
                line.starts_with(&prefix).then_some(at)
            })
        })
        .map_or_else(
            || Location::file(file.clone()),
            |at| Location::at(file.clone(), at),
        )
}

/// Every edition the build knows, for the progress over the editions: the
/// current one, the previous one and the past editions beside the content
/// (`edities/`). A past edition that does not load is left out with a
/// warning.
fn editions(
    options: &Options,
    site: &Site,
    comparison: &VorigeEditie,
) -> (Vec<edities::EditieTelling>, Vec<Diagnostic>) {
    // The current edition's source is not named: it is this build (and a
    // path here would make the output depend on where it was built).
    let mut all = vec![edities::EditieTelling::new(site, "", true)];
    let mut warnings = Vec::new();
    let mut compared = None;
    if let VorigeEditie::Vergeleken(v) = comparison {
        all.push(edities::EditieTelling::new(&v.vorige, &v.bron, false));
        compared = Some(
            v.bron
                .trim_end_matches('/')
                .trim_end_matches("/content")
                .to_string(),
        );
    }
    let past: Vec<(String, ContentSource)> = match &options.content {
        ContentSource::Embedded => content::embedded_editions()
            .into_iter()
            .filter_map(|name| content::embedded_edition(&name).map(|s| (name, s)))
            .collect(),
        ContentSource::Dir(_) => edities::on_disk(&options.site_root()),
        ContentSource::Memory { .. } => Vec::new(),
    };
    for (name, source) in past {
        if compared.as_deref() == Some(name.as_str()) {
            continue;
        }
        match load_site(&source, false) {
            Ok((vorige, _, _)) => all.push(edities::EditieTelling::new(&vorige, &name, false)),
            Err((diagnostics, _)) => warnings.push(Diagnostic::warning(
                Location::file(source.display()),
                Problem::PastEditionInvalid {
                    name,
                    errors: diagnostics.iter().filter(|d| d.is_error()).count(),
                },
            )),
        }
    }
    (edities::in_order(all), warnings)
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
    let (page_cache, markdown) = kept.map(|k| (&mut k.pages, &k.render)).unzip();
    if let Some(markdown) = markdown {
        markdown.begin();
    }
    // The theme is read while the content loads: they are independent.
    let (loaded, theme) = rayon::join(
        || {
            let drafts = options.drafts || options.review;
            match page_cache {
                Some(cache) => load_site_cached(&options.content, drafts, cache),
                None => load_site(&options.content, drafts),
            }
        },
        || render::theme::load(Some(&root), &options.theme),
    );
    match (loaded, theme) {
        (Ok((site, files, mut warnings)), Ok(theme)) => {
            warnings.extend(render::checks::warnings_kept(&site, markdown));
            warnings.sort_by(|a, b| a.location.cmp(&b.location));
            if error::has_errors(&warnings) {
                // Raw HTML nested too deep: found before the sanitizer runs.
                return Err(invalid(warnings, files, None));
            }
            let compared = match (&options.previous, &site.meta.vorige_editie) {
                (Some(spec), _) if spec == edities::GEEN => Ok(VorigeEditie::Geen),
                (Some(spec), _) => {
                    compare_with(spec, Path::new("."), Named::Option, options, &site)
                }
                (None, Some(spec)) if spec == edities::GEEN => Ok(VorigeEditie::Geen),
                (None, Some(spec)) => {
                    let at = site_key_location(&site, &files, "vorige_editie");
                    compare_with(spec, &root, Named::Site(at), options, &site)
                }
                (None, None) => Ok(VorigeEditie::Geen),
            };
            let comparison = match compared {
                Ok(comparison) => comparison,
                Err(diagnostic) => {
                    let mut diagnostics = vec![diagnostic];
                    diagnostics.extend(warnings);
                    return Err(invalid(diagnostics, files, None));
                }
            };
            if let VorigeEditie::Vergeleken(v) = &comparison
                && v.vorige.meta.editie >= site.meta.editie
            {
                warnings.push(Diagnostic::warning(
                    site_key_location(&site, &files, "editie"),
                    Problem::EditionNotLater {
                        current: site.meta.editie.naam().into(),
                        previous: v.vorige.meta.editie.naam().into(),
                        bron: v.bron.as_str().into(),
                    },
                ));
            }
            let (edities, more) = editions(options, &site, &comparison);
            warnings.extend(more);
            warnings.sort_by(|a, b| a.location.cmp(&b.location));
            let made = match &comparison {
                VorigeEditie::Vergeleken(v) => Some(v),
                _ => None,
            };
            let review = options.review.then(|| {
                render::review::Review::new(herkomst::Herkomst::of(&options.content), &files)
            });
            let mut pages = None;
            let rendered = match staging {
                // `bijlage serve` renders the pages itself, as they are
                // asked for.
                None if markdown.is_some() && review.is_none() => {
                    match render::prepare(&site, &theme, made, None, &edities, markdown)
                        .and_then(|mut prepared| Ok((prepared.take_files()?, prepared)))
                    {
                        Ok((files, prepared)) => {
                            pages = Some(prepared);
                            Ok(files)
                        }
                        Err(render::RenderError::Invalid(diagnostics)) => Err(diagnostics),
                        Err(render::RenderError::Io(err)) => {
                            return Err(BuildError::io(Path::new("."), err));
                        }
                    }
                }
                // A build streams every page into the staging folder as it
                // renders.
                Some((staging, output)) if review.is_none() => {
                    match render::render_site_to(&site, &theme, made, None, &edities, staging) {
                        Ok(()) => Ok(Vec::new()),
                        Err(render::RenderError::Invalid(diagnostics)) => Err(diagnostics),
                        Err(render::RenderError::Io(err)) => {
                            return Err(BuildError::io(output, err));
                        }
                    }
                }
                // A review copy is checked as a whole before anything of it
                // is written.
                _ => render::render_site_with(&site, &theme, made, review.as_ref(), &edities)
                    .and_then(|outputs| {
                        if options.review {
                            unmarked(&outputs)?;
                        }
                        Ok(outputs)
                    }),
            };
            let rendered = match (rendered, staging) {
                (Ok(outputs), Some((staging, output))) if !outputs.is_empty() => {
                    for file in &outputs {
                        staging
                            .put(&file.path, &file.bytes)
                            .map_err(|err| BuildError::io(output, err))?;
                    }
                    Ok(outputs)
                }
                (rendered, _) => rendered,
            };
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
        (Ok((_, files, mut warnings)), Err(theme_err)) => {
            warnings.push(theme_err);
            Err(invalid(warnings, files, None))
        }
        (Err((mut diagnostics, files)), theme) => {
            // The content cannot be rendered, but the templates can still be
            // parsed: their syntax errors are reported in the same run.
            match theme {
                Ok(theme) => match render::environment(&theme) {
                    Ok(_) => Err(invalid(diagnostics, files, None)),
                    Err(template_err) => {
                        diagnostics.push(template_err);
                        Err(invalid(diagnostics, files, Some(&theme)))
                    }
                },
                Err(theme_err) => {
                    diagnostics.push(theme_err);
                    Err(invalid(diagnostics, files, None))
                }
            }
        }
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

/// How to write the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildFlags {
    /// Replace an output folder even if it holds files bijlage did not write.
    pub force: bool,
}

/// Renders and writes the output folder atomically.
pub fn build(options: &Options, output: &Path) -> Result<Rendered, BuildError> {
    build_with(options, output, BuildFlags::default())
}

/// The folders the output may not be, hold or lie inside, for
/// [`output::protected`]: the content, the theme, the site root, the current
/// folder, the home folder and `/`.
fn guarded_folders(options: &Options) -> output::Guarded {
    let root = options.site_root();
    let mut guarded = output::Guarded {
        folders: vec![
            (PathBuf::from("/"), "de hoofdmap `/`"),
            (root.clone(), "de hoofdmap van de site"),
            (root.join("themes"), "de map met thema's"),
            (root.join("themes").join(&options.theme), "de themamap"),
            (root.join("templates"), "de map met eigen templates"),
            (PathBuf::from("."), "de map waarin bijlage draait"),
        ],
        inside: Vec::new(),
    };
    if let ContentSource::Dir(dir) = &options.content {
        guarded.folders.push((dir.clone(), "de contentmap"));
        guarded
            .inside
            .push((dir.clone(), "een map binnen de contentmap"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        guarded.folders.push((PathBuf::from(home), "de thuismap"));
    }
    for folder in ["themes", "templates"] {
        guarded
            .inside
            .push((root.join(folder), "een map binnen de thema's of templates"));
    }
    guarded
}

/// Why `output` may not be the output folder, if it may not (see
/// [`guarded_folders`]).
fn protected(options: &Options, output: &Path) -> Option<String> {
    output::protected(output, &guarded_folders(options))
}

/// Why `output` may not be the output folder because of the previous
/// edition it is compared with: it is that edition's folder, or holds it, or
/// lies inside it.
fn previous_edition(options: &Options, site: &Site, output: &Path) -> Option<String> {
    let (spec, base) = match (&options.previous, &site.meta.vorige_editie) {
        (Some(spec), _) => (spec, PathBuf::from(".")),
        (None, Some(spec)) => (spec, options.site_root()),
        (None, None) => return None,
    };
    let folder = base.join(spec);
    (folder.is_dir() && output::overlaps(output, &folder))
        .then(|| format!("de map van de vorige editie (`{spec}`)"))
}

fn refused(output: &Path, problem: Problem) -> BuildError {
    BuildError::Invalid {
        diagnostics: vec![Diagnostic::new(
            Location::file(output.display().to_string()),
            problem,
        )],
        sources: Vec::new(),
    }
}

/// Renders and writes the output folder atomically, after checking that the
/// output folder is one bijlage may replace. Returns what was rendered, with
/// the warnings.
pub fn build_with(
    options: &Options,
    output: &Path,
    flags: BuildFlags,
) -> Result<Rendered, BuildError> {
    let path = output.display().to_string();
    if let Some(what) = protected(options, output) {
        return Err(refused(output, Problem::OutputProtected { path, what }));
    }
    if output.exists() && !output.is_dir() {
        return Err(refused(output, Problem::OutputNotADir { path }));
    }
    // One build per output folder at a time, from here to the swap: the
    // staging folder beside the output is this build's alone.
    let _lock = output::lock(output).map_err(|err| BuildError::io(output, err))?;
    if let Some(what) = output::holds_git(output) {
        return Err(refused(output, Problem::OutputProtected { path, what }));
    }
    // Pages are written into a fresh folder beside the output as they are
    // rendered; it replaces the output only when everything was written.
    let staging = output::Staging::begin(output).map_err(|err| BuildError::io(output, err))?;
    let rendered = render_into(options, Some((&staging, output)), None)?;
    if let Some(what) = previous_edition(options, &rendered.site, output) {
        return Err(refused(output, Problem::OutputProtected { path, what }));
    }
    if !flags.force {
        let foreign = output::foreign_files_of(output, &staging.paths(), 5)
            .map_err(|err| BuildError::io(output, err))?;
        if !foreign.is_empty() {
            return Err(refused(
                output,
                Problem::OutputForeign {
                    path,
                    files: foreign,
                },
            ));
        }
    }
    staging
        .commit()
        .map_err(|err| BuildError::io(output, err))?;
    Ok(rendered)
}

/// The review file for `options` when none is named: the annex's name with
/// `-concept` before the extension, in the current folder.
pub(crate) fn review_file_name(site: &Site) -> PathBuf {
    let name = &site.meta.bijlage_bestand;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "html"));
    PathBuf::from(format!("{stem}-concept.{ext}"))
}

/// `bijlage review`: renders the review copy and writes its single-file
/// annex to `output` (by default `review_file_name`) atomically. A bad
/// input gets the diagnostics of a build and writes nothing. Returns what was
/// rendered and the path written.
pub fn review(options: &Options, output: Option<&Path>) -> Result<(Rendered, PathBuf), BuildError> {
    let options = Options {
        review: true,
        ..options.clone()
    };
    let check = |path: &Path| -> Result<(), BuildError> {
        let shown = path.display().to_string();
        let what = protected(&options, path).or_else(|| path.is_dir().then(|| "een map".into()));
        if let Some(what) = what {
            return Err(refused(path, Problem::ReviewFile { path: shown, what }));
        }
        Ok(())
    };
    if let Some(path) = output {
        check(path)?;
    }
    let rendered = render(&options)?;
    let path = match output {
        Some(path) => path.to_path_buf(),
        None => {
            let path = review_file_name(&rendered.site);
            check(&path)?;
            path
        }
    };
    let annex = rendered
        .files
        .iter()
        .find(|f| f.path == rendered.site.meta.bijlage_bestand)
        .map(|f| f.bytes.as_slice())
        .unwrap_or_default();
    output::write_file(&path, annex).map_err(|err| BuildError::io(&path, err))?;
    Ok((rendered, path))
}
