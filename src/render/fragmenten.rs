//! The small macros every action calls on every page that shows it
//! (`m::status`, `m::tijdlijn`), rendered once per distinct value instead of
//! once per action per page.
//!
//! An action's status and timeline take a handful of values across a whole
//! site (five statuses; one timeline per set of execution years), but
//! rendering them through tera per action, on its actielijn page and in the
//! annex, was the largest part of the templates' work: a macro call, a loop
//! over the plan years and three variable lookups per year, each lookup
//! parsing its dotted path anew. Here the theme's own macros render each
//! distinct value once; the view carries the result (`status_html`,
//! `tijdlijn_html`), and the built-in templates print it where they called
//! the macro before. The markup stays in the theme's macros.html.
//!
//! Only when the theme's macros.html is the built-in one: its `tijdlijn`
//! reads nothing of the action but `tijdlijn`, so one rendering per timeline
//! is the rendering of every action with that timeline. With a site's own
//! macros.html the views carry no fragments and the templates call the
//! macros as before.

use std::collections::HashMap;

use serde_json::json;
use tera::{Context, Tera};

use super::theme::{EMBEDDED, Theme};
use super::views::{ActieView, ActielijnView};

const TIJDLIJN: &str = "__bijlage__/tijdlijn.html";
const STATUS: &str = "__bijlage__/status.html";

/// Whether the theme's macros.html is the built-in theme's, word for word.
fn built_in_macros(theme: &Theme) -> bool {
    let built_in = EMBEDDED
        .get_file("rijksoverheid/templates/macros.html")
        .and_then(|file| file.contents_utf8());
    let own = theme
        .templates
        .iter()
        .find(|(name, _)| name == "macros.html")
        .map(|(_, text)| text.as_str());
    built_in.is_some() && built_in == own
}

/// Adds the two one-line templates that call the macros, when the theme's
/// macros.html is the built-in one. (Their names end in `.html`, so tera
/// escapes as it does in a page.)
pub(super) fn add(tera: &mut Tera, theme: &Theme) -> tera::Result<()> {
    if !built_in_macros(theme) {
        return Ok(());
    }
    tera.add_raw_templates([
        (
            TIJDLIJN,
            "{% import \"macros.html\" as m %}{{ m::tijdlijn(actie=actie) }}",
        ),
        (
            STATUS,
            "{% import \"macros.html\" as m %}{{ m::status(sleutel=sleutel, label=label) }}",
        ),
    ])
}

/// Renders each distinct status and timeline of `acties` once and gives
/// every action its fragments. Without the templates (a site's own
/// macros.html) or on any error, the actions keep none, and the page's
/// template calls the macros itself (and reports what goes wrong there).
pub(super) fn fill(tera: &Tera, lijnen: &mut [ActielijnView]) {
    if tera.get_template(TIJDLIJN).is_err() {
        return;
    }
    let mut tijdlijnen: HashMap<Vec<(u16, bool)>, Option<String>> = HashMap::new();
    let mut statussen: HashMap<(&'static str, String), Option<String>> = HashMap::new();
    let render = |template: &str, value: serde_json::Value| {
        Context::from_value(value)
            .and_then(|context| tera.render(template, &context))
            .ok()
    };
    for actie in lijnen.iter_mut().flat_map(|lijn| lijn.acties.iter_mut()) {
        let ActieView {
            status,
            tijdlijn,
            status_html,
            tijdlijn_html,
            ..
        } = actie;
        let key: Vec<(u16, bool)> = tijdlijn.iter().map(|j| (j.jaar, j.uitvoering)).collect();
        *tijdlijn_html = tijdlijnen
            .entry(key)
            .or_insert_with(|| render(TIJDLIJN, json!({ "actie": { "tijdlijn": tijdlijn } })))
            .clone();
        *status_html = statussen
            .entry((status.sleutel, status.label.clone()))
            .or_insert_with(|| {
                render(
                    STATUS,
                    json!({ "sleutel": status.sleutel, "label": status.label }),
                )
            })
            .clone();
    }
}
