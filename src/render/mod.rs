//! From model to files: the tera environment of a theme (here), the views
//! the templates see (`views`), what templates can call (`functions`), the
//! page scheduler (`pages`), cross-references (`verwijzingen`), the annex's
//! variant of HTML (`annex`), and the open data (`data`).

pub mod bounds;
pub mod bron;
pub mod checks;
pub mod data;
pub mod edities;
pub mod markdown;
pub mod review;
pub mod theme;
pub mod titel;
pub mod wijzigingen;

mod annex;
mod fragmenten;
mod functions;
mod kept;
mod pages;
mod verwijzingen;
mod views;

use tera::Tera;

use crate::error::Diagnostic;
pub use crate::wijzigingen::Vergelijking;
pub use annex::{annex_images, annex_links};
pub use kept::RenderCache;
pub use pages::{
    Change, Input, Memory, Pages, RenderError, Sink, prepare, render_site, render_site_to,
    render_site_with,
};
use theme::Theme;
pub(crate) use verwijzingen::Verwijzingen;
pub use views::years_in_words;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path inside the output folder, with `/` between parts.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The page of an actielijn, relative to the output root.
pub(crate) fn actielijn_href(nummer: u32) -> String {
    format!("actielijn-{nummer}.html")
}

/// Turns a tera error, with its chain of causes, into a diagnostic.
fn template_error(template: &str, theme: &Theme, err: &tera::Error) -> Diagnostic {
    theme::template_diagnostic(theme, template, err)
}

/// What `Tera::add_raw_templates` does, with the templates parsed on every
/// core: parsing is the largest fixed cost of a build (a third of the
/// shipped edition's). The first template that fails, in the theme's order,
/// gives the error `add_raw_templates` would give.
fn add_templates(tera: &mut Tera, theme: &Theme) -> tera::Result<()> {
    use rayon::prelude::*;
    let parsed: Vec<tera::Result<tera::Template>> = theme
        .templates
        .par_iter()
        .map(|(name, text)| {
            tera::Template::new(name, None, text)
                .map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))
        })
        .collect();
    for ((name, _), template) in theme.templates.iter().zip(parsed) {
        tera.templates.insert(name.clone(), template?);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()
}

/// A theme's tera environment, shared: made once per theme, and kept by
/// `bijlage serve` while the theme does not change.
pub type Environment = std::sync::Arc<Tera>;

/// The tera environment of a theme, with its templates parsed once.
pub fn environment(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    functions::register(&mut tera, theme);
    add_templates(&mut tera, theme).map_err(|err| {
        // tera names the failing template in its message; find it.
        let name = theme
            .templates
            .iter()
            .map(|(n, _)| n.as_str())
            .find(|n| err.to_string().contains(&format!("'{n}'")))
            .unwrap_or("?");
        template_error(name, theme, &err)
    })?;
    fragmenten::add(&mut tera, theme).map_err(|err| template_error("macros.html", theme, &err))?;
    if let Some(recursion) = bounds::recursion(&tera, theme) {
        return Err(recursion);
    }
    Ok(tera)
}
