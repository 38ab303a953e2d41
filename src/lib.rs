//! bijlage: the static site generator of the *Monitoringsoverzicht* (Bijlage 1)
//! of the Actieplan programma Samen tegen mensenhandel.
//!
//! The pipeline runs one way: [`content`] reads and parses the pages,
//! [`model`] groups, orders, validates and counts them, [`render`] turns the
//! model into files through a tera theme, and [`output`] writes them
//! atomically.

pub mod content;
pub mod error;
pub mod generate;
pub mod model;
pub mod output;
pub mod render;
pub mod report;

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
}

impl Options {
    /// The site root: the folder holding the content folder, where the site's
    /// own `themes/` and `templates/` live. For the embedded edition, the
    /// current folder.
    pub fn site_root(&self) -> PathBuf {
        match &self.content {
            ContentSource::Dir(dir) => match dir.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
            ContentSource::Embedded => PathBuf::from("."),
        }
    }
}

/// The result of rendering: the model and every output file, not yet written.
#[derive(Debug)]
pub struct Rendered {
    pub site: Site,
    pub files: Vec<OutputFile>,
}

fn invalid(diagnostics: Vec<Diagnostic>, files: Vec<content::SourceFile>) -> BuildError {
    BuildError::Invalid {
        diagnostics,
        sources: files
            .into_iter()
            .map(|f| (f.display, f.text.to_string()))
            .collect(),
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
        (Ok((site, files)), Ok(theme)) => match render::render_site(&site, &theme) {
            Ok(outputs) => {
                return Ok(Rendered {
                    site,
                    files: outputs,
                });
            }
            Err(diagnostics) => return Err(invalid(diagnostics, files)),
        },
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
pub fn build(options: &Options, output: &Path) -> Result<Site, BuildError> {
    let rendered = render(options)?;
    output::write(output, &rendered.files).map_err(|err| BuildError::io(output, err))?;
    Ok(rendered.site)
}
