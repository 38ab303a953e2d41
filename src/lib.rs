//! bijlage: the static site generator of the *Monitoringsoverzicht* (Bijlage 1)
//! of the Actieplan programma Samen tegen mensenhandel.
//!
//! The pipeline runs one way: [`content`] reads and parses the pages,
//! [`model`] groups, orders, validates and counts them, [`render`] turns the
//! model into files through a tera theme, and [`output`] writes them
//! atomically.

pub mod changes;
pub mod content;
pub mod error;
pub mod model;
pub mod output;
pub mod previous;
pub mod render;
pub mod report;
pub mod serve;

use std::path::{Path, PathBuf};

pub use content::ContentSource;
use error::{BuildError, Diagnostic};
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
}

impl Options {
    /// The default theme, no drafts, no comparison beyond the site's own.
    pub fn new(content: ContentSource) -> Options {
        Options {
            content,
            theme: "rijksoverheid".into(),
            drafts: false,
            previous: None,
        }
    }

    /// The site root: the folder holding the content folder, where the site's
    /// own `themes/` and `templates/` live. For the embedded edition, the
    /// current folder.
    pub fn site_root(&self) -> PathBuf {
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
    pub files: Vec<OutputFile>,
    pub comparison: Comparison,
    /// The content files read, for showing an action's source (`serve`).
    pub sources: Vec<content::SourceFile>,
}

/// Whether the build compared with a previous edition, and how that went.
#[derive(Debug)]
pub enum Comparison {
    /// No previous edition was named.
    None,
    /// Compared; the changes are in the output.
    Made {
        /// Where the previous edition came from (folder or `rev:path`).
        bron: String,
        vorige: Box<Site>,
        changes: changes::Changes,
    },
    /// A previous edition was named but could not be read: no comparison
    /// was made, and the output has no list of changes.
    Failed {
        bron: String,
        reason: String,
        diagnostics: Vec<Diagnostic>,
        sources: Vec<(String, String)>,
    },
}

/// Loads the previous edition named by `spec` and compares. A relative
/// folder is taken from `base`: the current folder for `--previous`, the
/// site root for the site's `vorige_editie`.
fn compare_with(spec: &str, base: &Path, options: &Options, site: &Site) -> Comparison {
    let root = options.site_root();
    let content_dir = match &options.content {
        ContentSource::Dir(dir) => dir.clone(),
        _ => root.join("content"),
    };
    let source = match previous::resolve(spec, base, &content_dir) {
        Ok(source) => source,
        Err(err) => {
            return Comparison::Failed {
                bron: spec.to_string(),
                reason: err.to_string(),
                diagnostics: Vec::new(),
                sources: Vec::new(),
            };
        }
    };
    let bron = match &source {
        ContentSource::Dir(_) => spec.to_string(),
        other => other.display(),
    };
    match content::load_site(&source, false) {
        Ok((vorige, _)) => Comparison::Made {
            changes: changes::compare(&vorige, site),
            vorige: Box::new(vorige),
            bron,
        },
        Err((diagnostics, files)) => Comparison::Failed {
            reason: format!("{} fout(en) in de vorige editie", diagnostics.len()),
            bron,
            diagnostics,
            sources: files.into_iter().map(|f| (f.display, f.text)).collect(),
        },
    }
}

fn invalid(diagnostics: Vec<Diagnostic>, files: Vec<content::SourceFile>) -> BuildError {
    BuildError::Invalid {
        diagnostics,
        sources: files.into_iter().map(|f| (f.display, f.text)).collect(),
    }
}

/// Loads, validates and renders, writing nothing.
pub fn render(options: &Options) -> Result<Rendered, BuildError> {
    let root = options.site_root();
    // The theme is read while the content loads: they are independent.
    let (loaded, theme) = rayon::join(
        || content::load_site(&options.content, options.drafts),
        || render::theme::load(Some(&root), &options.theme),
    );
    let (site, files) = match (loaded, theme) {
        (Ok((site, files)), Ok(theme)) => {
            let comparison = match (&options.previous, &site.meta.vorige_editie) {
                (Some(spec), _) => compare_with(spec, Path::new("."), options, &site),
                (None, Some(spec)) => compare_with(spec, &root, options, &site),
                (None, None) => Comparison::None,
            };
            let made = match &comparison {
                Comparison::Made {
                    vorige,
                    changes,
                    bron,
                    ..
                } => Some(render::Vergelijking {
                    vorige,
                    changes,
                    bron,
                }),
                _ => None,
            };
            match render::render_site(&site, &theme, made.as_ref()) {
                Ok(outputs) => {
                    return Ok(Rendered {
                        site,
                        files: outputs,
                        comparison,
                        sources: files,
                    });
                }
                Err(diagnostics) => return Err(invalid(diagnostics, files)),
            }
        }
        (Ok(loaded), Err(theme_err)) => return Err(invalid(vec![theme_err], loaded.1)),
        (Err((mut diagnostics, files)), theme) => {
            if let Err(theme_err) = theme {
                diagnostics.push(theme_err);
            }
            (diagnostics, files)
        }
    };
    Err(invalid(site, files))
}

/// Renders and writes the output folder atomically.
pub fn build(options: &Options, output: &Path) -> Result<Rendered, BuildError> {
    let rendered = render(options)?;
    output::write(output, &rendered.files).map_err(|err| BuildError::io(output, err))?;
    Ok(rendered)
}
