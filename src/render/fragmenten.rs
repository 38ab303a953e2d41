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

/// Whether the theme's template `name` is the built-in theme's, word for
/// word.
fn built_in(theme: &Theme, name: &str) -> bool {
    let built_in = EMBEDDED
        .get_file(format!("rijksoverheid/templates/{name}"))
        .and_then(|file| file.contents_utf8());
    let own = theme
        .templates
        .iter()
        .find(|(own, _)| own == name)
        .map(|(_, text)| text.as_str());
    built_in.is_some() && built_in == own
}

/// Whether the theme's macros.html is the built-in theme's, word for word.
fn built_in_macros(theme: &Theme) -> bool {
    built_in(theme, "macros.html")
}

/// Whether every template that shows an action is the built-in one: then
/// an action with its fragments needs no `status` nor `tijdlijn` (the
/// built-in templates read them only where a fragment is missing).
pub(super) fn only_fragments_read(theme: &Theme) -> bool {
    [
        "macros.html",
        "actielijn.html",
        "bijlage.html",
        "review.html",
    ]
    .iter()
    .all(|name| built_in(theme, name))
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
///
/// When every template that shows an action is the built-in one, an
/// action whose fragments were both rendered keeps no `status` and
/// `tijdlijn` in its view.
pub(super) fn fill(tera: &Tera, theme: &Theme, lijnen: &mut [ActielijnView]) {
    use rayon::prelude::*;
    if tera.get_template(TIJDLIJN).is_err() {
        return;
    }
    let drop_values = only_fragments_read(theme);
    let render = |template: &str, value: serde_json::Value| {
        Context::from_value(value)
            .and_then(|context| tera.render(template, &context))
            .ok()
    };
    // The distinct values first, gathered on every core, then each rendered
    // once; then every action takes its fragments, on every core.
    type Keys<'a> = (
        HashMap<Vec<(u16, bool)>, &'a [super::views::JaarView]>,
        HashMap<(&'static str, &'a str), ()>,
    );
    let (tijdlijnen, statussen): Keys<'_> = lijnen
        .par_iter()
        .flat_map_iter(|lijn| lijn.acties.iter())
        .filter_map(|actie| Some((actie.tijdlijn.as_deref()?, actie.status.as_ref()?)))
        .fold(Keys::default, |(mut t, mut s), (jaren, stand)| {
            t.entry(tijdlijn_key(jaren)).or_insert(jaren);
            s.entry((stand.sleutel, stand.label.as_str())).or_insert(());
            (t, s)
        })
        .reduce(Keys::default, |(mut t, mut s), (t2, s2)| {
            for (key, jaren) in t2 {
                t.entry(key).or_insert(jaren);
            }
            s.extend(s2);
            (t, s)
        });
    let tijdlijnen: HashMap<Vec<(u16, bool)>, Option<String>> = tijdlijnen
        .into_iter()
        .map(|(key, jaren)| {
            let html = render(TIJDLIJN, json!({ "actie": { "tijdlijn": jaren } }));
            (key, html)
        })
        .collect();
    // A handful (one per status and label): looked up by comparison.
    let statussen: Vec<(&'static str, String, Option<String>)> = statussen
        .into_keys()
        .map(|(sleutel, label)| {
            let html = render(STATUS, json!({ "sleutel": sleutel, "label": label }));
            (sleutel, label.to_string(), html)
        })
        .collect();
    lijnen
        .par_iter_mut()
        .flat_map_iter(|lijn| lijn.acties.iter_mut())
        .for_each(|actie| {
            let ActieView {
                status,
                tijdlijn,
                status_html,
                tijdlijn_html,
                ..
            } = actie;
            let (Some(jaren), Some(stand)) = (tijdlijn.as_ref(), status.as_ref()) else {
                return;
            };
            *tijdlijn_html = tijdlijnen.get(&tijdlijn_key(jaren)).cloned().flatten();
            *status_html = statussen
                .iter()
                .find(|(sleutel, label, _)| *sleutel == stand.sleutel && *label == stand.label)
                .and_then(|(_, _, html)| html.clone());
            if drop_values && tijdlijn_html.is_some() && status_html.is_some() {
                *tijdlijn = None;
                *status = None;
            }
        });
}

/// What tells one timeline from another: its years, each in execution or not.
fn tijdlijn_key(jaren: &[super::views::JaarView]) -> Vec<(u16, bool)> {
    jaren.iter().map(|j| (j.jaar, j.uitvoering)).collect()
}
