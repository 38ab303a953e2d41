//! The views the templates see: the model turned into the values a page
//! shows (labels, counts in words, bar units, rendered Markdown), decided
//! here once rather than in every template.

use serde::Serialize;

use super::annex::annex_variant;
use super::functions::escape;
use super::kept::RenderCache;
use super::verwijzingen::{MarkdownContext, Verwijzingen};
use super::{actielijn_href, markdown, review, wijzigingen};
use crate::error::Diagnostic;
use crate::model::{Actie, Actielijn, Lijst, Nummer, Site, Status, Telling, tijdlijn};

#[derive(Serialize, Clone, PartialEq)]
pub(super) struct StatusView {
    pub(super) sleutel: &'static str,
    pub(super) label: String,
}

#[derive(Serialize, Clone, PartialEq)]
struct LegendaView {
    sleutel: &'static str,
    label: String,
    omschrijving: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub(super) struct SiteView<'a> {
    programma: &'a str,
    titel: &'a str,
    /// "november 2025", for inside a sentence.
    editie: String,
    /// "November 2025", where it starts a line or stands alone.
    editie_kop: String,
    planjaren: &'a [u16],
    uitgevers: &'a [String],
    website: Option<&'a str>,
    website_label: Option<&'a str>,
    noot: Option<String>,
    legenda: Vec<LegendaView>,
    uitvoeringsjaar: &'a str,
    geen_uitvoeringsjaar: &'a str,
    inleiding_html: String,
    /// The introduction for the single-file annex, where it differs.
    inleiding_bijlage_html: Option<String>,
    bijlage_bestand: &'a str,
}

/// One segment of a stacked bar, in the units of a 0–100 wide viewBox.
#[derive(Serialize, Clone, PartialEq)]
pub(super) struct SegmentView {
    sleutel: &'static str,
    label: String,
    aantal: usize,
    x: String,
    breedte: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub(super) struct TellingView {
    nummer: Option<u32>,
    korte_titel: Option<String>,
    href: Option<String>,
    acties: usize,
    statussen: Vec<SegmentView>,
    /// The counts in words: the text alternative of the bar.
    beschrijving: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub(super) struct DashboardView {
    totaal: TellingView,
    actielijnen: Vec<TellingView>,
}

#[derive(Serialize, Clone, PartialEq)]
struct PuntView {
    kop: Option<String>,
    tekst: String,
}

#[derive(Serialize, Clone, PartialEq)]
struct LijstView {
    inleiding_html: Option<String>,
    /// The same for the single-file annex, where it differs (links to pages
    /// made in-page; see `annex_links`).
    inleiding_bijlage_html: Option<String>,
    punten: Vec<PuntView>,
}

#[derive(Serialize, Clone, PartialEq)]
pub(super) struct JaarView {
    pub(super) jaar: u16,
    pub(super) uitvoering: bool,
    /// The cell's modifier class, `jaar--ja` or `jaar--nee`, and the year's
    /// state in words: decided here once, not per page in the template.
    klasse: &'static str,
    tekst: &'static str,
}

impl JaarView {
    fn new(jaar: u16, uitvoering: bool) -> JaarView {
        let (klasse, tekst) = if uitvoering {
            ("jaar--ja", "uitvoeringsjaar")
        } else {
            ("jaar--nee", "geen uitvoeringsjaar")
        };
        JaarView {
            jaar,
            uitvoering,
            klasse,
            tekst,
        }
    }
}

#[derive(Serialize, Clone, PartialEq)]
pub(super) struct ActieView {
    /// "15", "3/4" or "Extra actie".
    label: String,
    extra: bool,
    /// The anchor of the entry; a combined entry has more in `ankers`.
    anker: String,
    ankers: Vec<String>,
    titel: String,
    /// The anchors of a combined entry's other numbers as the built-in
    /// templates print them (`<span class="anker" id="…"></span>` each),
    /// and the action's heading (the draft's mark, its number, its title):
    /// the same on its actielijn page and in the annex, made here once
    /// rather than per page from `ankers`, `concept`, `extra`, `label` and
    /// `titel` (see [`ActieView::kop`]).
    ankers_html: String,
    kop_html: String,
    /// `status` and `tijdlijn` are left out when every template that shows
    /// an action is the built-in one and their fragments are filled (see
    /// `fragmenten`): nothing reads them then, and the plan years were most
    /// of the memory of every action's context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) status: Option<StatusView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tijdlijn: Option<Vec<JaarView>>,
    /// The theme's `m::status` and `m::tijdlijn` of this action, rendered
    /// once per distinct value (see `fragmenten`); absent with a site's own
    /// macros.html.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) status_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tijdlijn_html: Option<String>,
    pub(super) inhoud_html: String,
    /// The progress text for the single-file annex, where it differs.
    inhoud_bijlage_html: Option<String>,
    concept: bool,
    /// Set when the action is new or changed since the previous edition.
    wijziging: Option<wijzigingen::MarkerView>,
    /// The source file relative to the content folder
    /// (`actielijn-2/15-….md`): the hook for the source panel of
    /// `bijlage serve`.
    bron_pad: String,
    /// The source panel, in a review copy only.
    bron_html: Option<String>,
}

/// An actielijn as every page lists it in `actielijnen`: everything but its
/// actions. [`ActielijnView`] is this plus the actions, so the two cannot
/// drift apart.
#[derive(Serialize, Clone, PartialEq)]
pub(super) struct ActielijnKop {
    pub(super) nummer: u32,
    korte_titel: String,
    pub(super) titel: String,
    pub(super) href: String,
    doelen: LijstView,
    effecten: LijstView,
    inleiding_html: String,
    /// The introduction for the single-file annex, where it differs.
    inleiding_bijlage_html: Option<String>,
    telling: TellingView,
    /// Which actions it holds, for finding them on paper: "acties 10–21",
    /// "acties 29–39 en een extra actie".
    nummers_tekst: String,
}

/// An actielijn whole, as its own page (`actielijn`) and the pages that
/// show every action (the annex's `actielijnen`) see it.
#[derive(Serialize, Clone, PartialEq)]
pub(super) struct ActielijnView {
    #[serde(flatten)]
    pub(super) kop: ActielijnKop,
    pub(super) acties: Vec<ActieView>,
}

impl ActielijnView {
    /// The tera value of this actielijn, the same as `tera::to_value` of it
    /// gives, but made by moving its strings rather than copying them: the
    /// build turns every view into its value once and drops the view, so a
    /// copy of every text doubled the memory of that step for nothing.
    ///
    /// With `compact` (every template that shows an action is the built-in
    /// one: see `fragmenten::only_fragments_read`), an action's fields that
    /// those templates do not read are left out (`label`, `extra`,
    /// `ankers`, `titel`: they print `ankers_html` and `kop_html`; `bron_html`
    /// outside a review copy), so an action's value fits one node of
    /// tera's map (eleven entries) instead of three.
    pub(super) fn into_value(self, compact: bool) -> tera::Value {
        let ActielijnView { kop, acties } = self;
        let mut value = tera::to_value(&kop).unwrap_or_default();
        let acties = acties
            .into_iter()
            .map(|actie| actie.into_value(compact))
            .collect();
        if let tera::Value::Object(map) = &mut value {
            map.insert("acties".into(), tera::Value::Array(acties));
        }
        value
    }
}

impl ActieView {
    /// What the built-in templates printed from `ankers`:
    /// `{% for anker in actie.ankers %}<span class="anker" id="{{ anker }}"></span>{% endfor %}`.
    fn ankers_html(ankers: &[String]) -> String {
        let mut html = String::new();
        for anker in ankers {
            html.push_str("<span class=\"anker\" id=\"");
            html.push_str(&escape(anker));
            html.push_str("\"></span>");
        }
        html
    }

    /// What the built-in templates printed as an action's heading:
    /// `{% if actie.concept %}<span class="concept">Concept</span> {% endif %}<span class="actie__nummer">{% if actie.extra %}Extra actie:{% else %}{{ actie.label }}.{% endif %}</span> {{ actie.titel }}`,
    /// escaped as tera escapes a printed value.
    fn kop(concept: bool, extra: bool, label: &str, titel: &str) -> String {
        let mut html = String::with_capacity(64 + label.len() + titel.len());
        if concept {
            html.push_str("<span class=\"concept\">Concept</span> ");
        }
        html.push_str("<span class=\"actie__nummer\">");
        if extra {
            html.push_str("Extra actie:");
        } else {
            html.push_str(&escape(label));
            html.push('.');
        }
        html.push_str("</span> ");
        html.push_str(&escape(titel));
        html
    }

    /// See [`ActielijnView::into_value`]. Every field is named here (the
    /// pattern has no `..`): a field added to the view and not to its value
    /// does not compile.
    fn into_value(self, compact: bool) -> tera::Value {
        use tera::Value;
        let ActieView {
            label,
            extra,
            anker,
            ankers,
            titel,
            ankers_html,
            kop_html,
            status,
            tijdlijn,
            status_html,
            tijdlijn_html,
            inhoud_html,
            inhoud_bijlage_html,
            concept,
            wijziging,
            bron_pad,
            bron_html,
        } = self;
        let mut map = tera::Map::new();
        let text = |s: Option<String>| s.map_or(Value::Null, Value::String);
        // What only a site's own template reads: the built-in ones print
        // `ankers_html` and `kop_html` instead.
        if !compact {
            map.insert("label".into(), Value::String(label));
            map.insert("extra".into(), Value::Bool(extra));
            map.insert(
                "ankers".into(),
                Value::Array(ankers.into_iter().map(Value::String).collect()),
            );
            map.insert("titel".into(), Value::String(titel));
        }
        map.insert("anker".into(), Value::String(anker));
        map.insert("ankers_html".into(), Value::String(ankers_html));
        map.insert("kop_html".into(), Value::String(kop_html));
        // Skipped when absent, as the derived `Serialize` does.
        if let Some(status) = status {
            map.insert("status".into(), tera::to_value(&status).unwrap_or_default());
        }
        if let Some(tijdlijn) = tijdlijn {
            map.insert(
                "tijdlijn".into(),
                tera::to_value(&tijdlijn).unwrap_or_default(),
            );
        }
        if let Some(html) = status_html {
            map.insert("status_html".into(), Value::String(html));
        }
        if let Some(html) = tijdlijn_html {
            map.insert("tijdlijn_html".into(), Value::String(html));
        }
        map.insert("inhoud_html".into(), Value::String(inhoud_html));
        // Kept when `null` or `false`, also compact: a value tera does not
        // find costs it an error message on every page, and the action's
        // value fits one node of tera's map either way.
        map.insert("inhoud_bijlage_html".into(), text(inhoud_bijlage_html));
        map.insert("concept".into(), Value::Bool(concept));
        map.insert(
            "wijziging".into(),
            wijziging.map_or(Value::Null, |w| tera::to_value(&w).unwrap_or_default()),
        );
        map.insert("bron_pad".into(), Value::String(bron_pad));
        // Read in a review copy only, where it is there.
        if !(compact && bron_html.is_none()) {
            map.insert("bron_html".into(), text(bron_html));
        }
        Value::Object(map)
    }
}

fn fmt_units(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn telling_view(site: &Site, telling: &Telling, lijn: Option<&Actielijn>) -> TellingView {
    let totaal = telling.acties();
    let mut x = 0usize;
    let statussen = Status::ALL
        .iter()
        .map(|&status| {
            let aantal = telling.get(status);
            let to_units = |n: usize| {
                if totaal == 0 {
                    0.0
                } else {
                    n as f64 * 100.0 / totaal as f64
                }
            };
            let segment = SegmentView {
                sleutel: status.key(),
                label: site.meta.legenda_label(status).to_string(),
                aantal,
                x: fmt_units(to_units(x)),
                breedte: fmt_units(to_units(aantal)),
            };
            x += aantal;
            segment
        })
        .collect();
    let parts: Vec<String> = Status::ALL
        .iter()
        .map(|&s| format!("{} {}", telling.get(s), s.phrase()))
        .collect();
    TellingView {
        nummer: lijn.map(|l| l.nummer),
        korte_titel: lijn.map(|l| l.korte_titel.clone()),
        href: lijn.map(|l| actielijn_href(l.nummer)),
        acties: totaal,
        statussen,
        beschrijving: format!(
            "{} {}: {}",
            totaal,
            if totaal == 1 { "actie" } else { "acties" },
            crate::model::join_nl(&parts)
        ),
    }
}

pub(super) fn dashboard_view(site: &Site) -> DashboardView {
    let dashboard = site.dashboard();
    DashboardView {
        totaal: telling_view(site, &dashboard.totaal, None),
        actielijnen: site
            .actielijnen
            .iter()
            .zip(&dashboard.actielijnen)
            .map(|(lijn, (_, telling))| telling_view(site, telling, Some(lijn)))
            .collect(),
    }
}

/// "2024", "2024 en 2025", "2024–2027" (a run of three or more).
pub fn years_in_words(jaren: &[u16]) -> String {
    let consecutive = jaren.windows(2).all(|w| w[1] == w[0] + 1);
    match jaren {
        [first, .., last] if consecutive && jaren.len() >= 3 => format!("{first}–{last}"),
        _ => {
            let items: Vec<String> = jaren.iter().map(u16::to_string).collect();
            crate::model::join_nl(&items)
        }
    }
}

fn lijst_view(
    md: &MarkdownContext<'_>,
    lijst: &Lijst,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> LijstView {
    let inleiding_html = lijst
        .inleiding
        .as_ref()
        .map(|text| md.render(text, file, lijst.inleiding_at, 2, diags));
    LijstView {
        inleiding_bijlage_html: inleiding_html.as_deref().and_then(annex_variant),
        inleiding_html,
        punten: lijst
            .punten
            .iter()
            .map(|p| PuntView {
                kop: p.kop.clone(),
                tekst: p.tekst.clone(),
            })
            .collect(),
    }
}

/// An action's path relative to the content folder: its last two components
/// (an action always lives in an actielijn folder directly under the content
/// folder).
fn content_relative(display: &str) -> &str {
    display
        .rfind('/')
        .and_then(|last| display[..last].rfind('/'))
        .map_or(display, |start| &display[start + 1..])
}

fn actie_view(
    site: &Site,
    md: &MarkdownContext<'_>,
    actie: &Actie,
    changes: Option<&crate::wijzigingen::Lookup<'_>>,
    review: Option<&review::Review<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> ActieView {
    let ankers = actie.nummer.anchors();
    let label = match &actie.nummer {
        Nummer::Extra(id) => id.clone(),
        nummer => nummer.to_string(),
    };
    let alineas = markdown::Alineas {
        label: &label,
        anker: &ankers[0],
    };
    let inhoud_html = md.render_cited(
        &actie.tekst,
        &actie.bron.file,
        actie.bron.body_at,
        3,
        review.map(|_| &alineas),
        diags,
    );
    let label = actie.nummer.to_string();
    let extra = actie.nummer.is_extra();
    ActieView {
        ankers_html: ActieView::ankers_html(&ankers[1..]),
        kop_html: ActieView::kop(actie.concept, extra, &label, &actie.titel),
        label,
        extra,
        anker: ankers[0].clone(),
        ankers: ankers[1..].to_vec(),
        titel: actie.titel.clone(),
        status: Some(StatusView {
            sleutel: actie.status.key(),
            label: site.meta.legenda_label(actie.status).to_string(),
        }),
        tijdlijn: Some(
            tijdlijn(&site.meta.planjaren, &actie.jaren)
                .into_iter()
                .map(|j| JaarView::new(j.jaar, j.uitvoering))
                .collect(),
        ),
        status_html: None,
        tijdlijn_html: None,
        inhoud_bijlage_html: annex_variant(&inhoud_html),
        inhoud_html,
        concept: actie.concept,
        wijziging: changes.and_then(|c| wijzigingen::marker(site, c, &actie.nummer)),
        bron_pad: content_relative(&actie.bron.file).to_string(),
        bron_html: review.and_then(|r| r.panel(&actie.bron.file)),
    }
}

fn nummers_tekst(lijn: &Actielijn) -> String {
    let numbers: Vec<u32> = lijn
        .acties
        .iter()
        .flat_map(|a| a.nummer.numbers().iter().copied())
        .collect();
    let extras = lijn.acties.iter().filter(|a| a.nummer.is_extra()).count();
    let mut text = match (numbers.iter().min(), numbers.iter().max()) {
        (Some(first), Some(last)) if first == last => format!("actie {first}"),
        (Some(first), Some(last)) => format!("acties {first}–{last}"),
        _ => String::new(),
    };
    let extra = match extras {
        0 => String::new(),
        1 => "een extra actie".to_string(),
        n => format!("{n} extra acties"),
    };
    if !extra.is_empty() {
        if !text.is_empty() {
            text.push_str(" en ");
        }
        text.push_str(&extra);
    }
    text
}

pub(super) fn actielijn_view(
    site: &Site,
    index: &Verwijzingen<'_>,
    kept: Option<&RenderCache>,
    lijn: &Actielijn,
    changes: Option<&crate::wijzigingen::Lookup<'_>>,
    review: Option<&review::Review<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> ActielijnView {
    let md = MarkdownContext {
        site,
        index,
        page: Some(lijn.nummer),
        kept,
    };
    let doelen = lijst_view(&md, &lijn.doelen, &lijn.bron.file, diags);
    let effecten = lijst_view(&md, &lijn.effecten, &lijn.bron.file, diags);
    let inleiding_html = md.render(&lijn.tekst, &lijn.bron.file, lijn.bron.body_at, 1, diags);
    ActielijnView {
        kop: ActielijnKop {
            nummer: lijn.nummer,
            korte_titel: lijn.korte_titel.clone(),
            titel: lijn.titel.clone(),
            href: actielijn_href(lijn.nummer),
            doelen,
            effecten,
            inleiding_bijlage_html: annex_variant(&inleiding_html),
            inleiding_html,
            telling: telling_view(site, &lijn.telling(), Some(lijn)),
            nummers_tekst: nummers_tekst(lijn),
        },
        acties: lijn
            .acties
            .iter()
            .map(|actie| actie_view(site, &md, actie, changes, review, diags))
            .collect(),
    }
}

pub(super) fn site_view<'a>(
    site: &'a Site,
    index: &Verwijzingen<'_>,
    kept: Option<&RenderCache>,
    diags: &mut Vec<Diagnostic>,
) -> SiteView<'a> {
    let meta = &site.meta;
    let md = MarkdownContext {
        site,
        index,
        page: None,
        kept,
    };
    let mut view = SiteView {
        programma: &meta.programma,
        titel: &meta.titel,
        editie: meta.editie.naam(),
        editie_kop: meta.editie.label(),
        planjaren: &meta.planjaren,
        uitgevers: &meta.uitgevers,
        website: meta.website.as_deref(),
        website_label: meta.website.as_deref().map(|w| {
            w.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
        }),
        noot: meta.nog_niet_gemonitord.as_ref().map(|ng| ng.noot()),
        legenda: meta
            .legenda
            .iter()
            .map(|item| LegendaView {
                sleutel: item.status.key(),
                label: item.label.clone(),
                omschrijving: item.omschrijving.clone(),
            })
            .collect(),
        uitvoeringsjaar: &meta.uitvoeringsjaar,
        geen_uitvoeringsjaar: &meta.geen_uitvoeringsjaar,
        inleiding_bijlage_html: None,
        inleiding_html: md.render(&meta.tekst, &meta.bron.file, meta.bron.body_at, 1, diags),
        bijlage_bestand: &meta.bijlage_bestand,
    };
    view.inleiding_bijlage_html = annex_variant(&view.inleiding_html);
    view
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped edition's actielijnen as views; with `marked`, the first
    /// action of each a concept with a source panel and a status fragment
    /// (the shipped edition compares with no earlier one: no action has a
    /// `wijziging`).
    fn shipped_views(marked: bool) -> Vec<ActielijnView> {
        let loaded = crate::content::load_site(&crate::content::ContentSource::Embedded, true);
        let Ok((site, _, _)) = loaded else {
            panic!("the shipped edition loads")
        };
        let index = Verwijzingen::new(&site);
        let mut diags = Vec::new();
        let mut views: Vec<ActielijnView> = site
            .actielijnen
            .iter()
            .map(|lijn| actielijn_view(&site, &index, None, lijn, None, None, &mut diags))
            .collect();
        assert!(diags.is_empty());
        if marked {
            for view in &mut views {
                let actie = &mut view.acties[0];
                actie.bron_html = Some("<pre>bron</pre>".into());
                actie.concept = true;
                actie.status_html = Some("<span>status</span>".into());
            }
        }
        views
    }

    #[test]
    fn a_view_moved_into_its_value_is_what_serializing_it_gives() {
        for marked in [false, true] {
            let views = shipped_views(marked);
            assert!(
                views
                    .iter()
                    .any(|v| v.acties.iter().any(|a| !a.ankers.is_empty()))
            );
            assert!(
                views
                    .iter()
                    .any(|v| v.acties.iter().any(|a| a.inhoud_bijlage_html.is_some()))
            );
            for view in views {
                let serialized = tera::to_value(&view).ok();
                assert_eq!(Some(view.into_value(false)), serialized);
            }
        }
    }

    #[test]
    fn a_compact_value_leaves_out_only_what_the_built_in_templates_do_not_read() {
        for marked in [false, true] {
            for view in shipped_views(marked) {
                let Ok(mut serialized) = tera::to_value(&view) else {
                    panic!("serializes")
                };
                let compact = view.into_value(true);
                let Some(acties) = serialized
                    .get_mut("acties")
                    .and_then(tera::Value::as_array_mut)
                else {
                    panic!("an actielijn has actions")
                };
                for actie in acties {
                    let Some(map) = actie.as_object_mut() else {
                        panic!("an action is a map")
                    };
                    for key in ["label", "extra", "ankers", "titel"] {
                        assert!(map.remove(key).is_some(), "{key} is in the full value");
                    }
                    if map.get("bron_html") == Some(&tera::Value::Null) {
                        map.remove("bron_html");
                    }
                    // One node of tera's map (a B-tree of eleven keys) once
                    // `fragmenten::fill` gave the action both fragments and
                    // took `status` and `tijdlijn`.
                    let filled = map.len()
                        - usize::from(map.contains_key("status"))
                        - usize::from(map.contains_key("tijdlijn"))
                        + usize::from(!map.contains_key("status_html"))
                        + usize::from(!map.contains_key("tijdlijn_html"));
                    assert!(filled <= 11, "{:?}", map.keys().collect::<Vec<_>>());
                }
                assert_eq!(compact, serialized);
            }
        }
    }

    /// `ankers_html` and `kop_html` are what the built-in templates printed
    /// from the other fields before, byte for byte, escaped by the theme's
    /// escape function.
    #[test]
    fn the_heading_and_anchors_are_what_the_templates_printed() {
        const ANKERS: &str = "{% for anker in actie.ankers %}<span class=\"anker\" id=\"{{ anker }}\"></span>{% endfor %}";
        const KOP: &str = "{%- if actie.concept %}<span class=\"concept\">Concept</span> {% endif -%}\n      <span class=\"actie__nummer\">{% if actie.extra %}Extra actie:{% else %}{{ actie.label }}.{% endif %}</span> {{ actie.titel }}";
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape);
        let Ok(()) = tera.add_raw_templates([("ankers.html", ANKERS), ("kop.html", KOP)]) else {
            panic!("the templates parse")
        };
        let ankers: [&[&str]; 3] = [&[], &["actie-16"], &["actie-16", "a\"<b>&'c"]];
        for concept in [false, true] {
            for extra in [false, true] {
                for label in ["15", "3/4", "Extra actie", "<b>&\"'"] {
                    for titel in ["Gewoon", "Een <em>titel</em> & \"meer\" 'ook'\u{85}\tnu"] {
                        for ankers in ankers {
                            let ankers: Vec<String> =
                                ankers.iter().map(|a| a.to_string()).collect();
                            let context = serde_json::json!({ "actie": {
                                "concept": concept, "extra": extra, "label": label,
                                "titel": titel, "ankers": ankers,
                            }});
                            let Ok(context) = tera::Context::from_value(context) else {
                                panic!("a context")
                            };
                            let render = |name: &str| match tera.render(name, &context) {
                                Ok(html) => html,
                                Err(err) => panic!("{name} renders: {err}"),
                            };
                            assert_eq!(ActieView::ankers_html(&ankers), render("ankers.html"));
                            assert_eq!(
                                ActieView::kop(concept, extra, label, titel),
                                render("kop.html")
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn years_in_words_reads_naturally() {
        assert_eq!(years_in_words(&[2024]), "2024");
        assert_eq!(years_in_words(&[2024, 2025]), "2024 en 2025");
        assert_eq!(years_in_words(&[2024, 2025, 2026, 2027]), "2024–2027");
        assert_eq!(years_in_words(&[2024, 2026, 2027]), "2024, 2026 en 2027");
    }

    #[test]
    fn content_relative_keeps_folder_and_file() {
        assert_eq!(
            content_relative("content/actielijn-2/15-x.md"),
            "actielijn-2/15-x.md"
        );
        assert_eq!(
            content_relative("/tmp/a/content/actielijn-2/15-x.md"),
            "actielijn-2/15-x.md"
        );
        assert_eq!(content_relative("15-x.md"), "15-x.md");
    }

    #[test]
    fn bar_units_are_short_and_stable() {
        assert_eq!(fmt_units(100.0 * 13.0 / 44.0), "29.55");
        assert_eq!(fmt_units(50.0), "50");
        assert_eq!(fmt_units(0.0), "0");
    }
}
