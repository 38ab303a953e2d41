//! From model to files: the tera environment, the views the templates see,
//! the pages of the website and the open data.

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

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::error::{Diagnostic, Location, Problem};
use crate::model::{Actie, Actielijn, Lijst, Nummer, Site, Status, Telling, tijdlijn};
use theme::Theme;
pub use wijzigingen::Vergelijking;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The page of an actielijn, relative to the output root.
pub fn actielijn_href(nummer: u32) -> String {
    format!("actielijn-{nummer}.html")
}

#[derive(Serialize, Clone)]
struct StatusView {
    sleutel: &'static str,
    label: String,
}

#[derive(Serialize, Clone)]
struct LegendaView {
    sleutel: &'static str,
    label: String,
    omschrijving: String,
}

#[derive(Serialize, Clone)]
struct SiteView<'a> {
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
#[derive(Serialize, Clone)]
struct SegmentView {
    sleutel: &'static str,
    label: String,
    aantal: usize,
    x: String,
    breedte: String,
}

#[derive(Serialize, Clone)]
struct TellingView {
    nummer: Option<u32>,
    korte_titel: Option<String>,
    href: Option<String>,
    acties: usize,
    statussen: Vec<SegmentView>,
    /// The counts in words: the text alternative of the bar.
    beschrijving: String,
}

#[derive(Serialize, Clone)]
struct DashboardView {
    totaal: TellingView,
    actielijnen: Vec<TellingView>,
}

#[derive(Serialize, Clone)]
struct PuntView {
    kop: Option<String>,
    tekst: String,
}

#[derive(Serialize, Clone)]
struct LijstView {
    inleiding_html: Option<String>,
    /// The same for the single-file annex, where it differs (links to pages
    /// made in-page; see `annex_links`).
    inleiding_bijlage_html: Option<String>,
    punten: Vec<PuntView>,
}

#[derive(Serialize, Clone)]
struct JaarView {
    jaar: u16,
    uitvoering: bool,
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

#[derive(Serialize, Clone)]
struct ActieView {
    /// "15", "3/4" or "Extra actie".
    label: String,
    extra: bool,
    nummers: Vec<u32>,
    /// The anchor of the entry; a combined entry has more in `ankers`.
    anker: String,
    ankers: Vec<String>,
    titel: String,
    status: StatusView,
    tijdlijn: Vec<JaarView>,
    /// The execution years in words: "2024, 2025 en 2026".
    jaren_tekst: String,
    jaren_bron: &'static str,
    jaren_bron_label: &'static str,
    jaren_toelichting: Option<String>,
    inhoud_html: String,
    /// The progress text for the single-file annex, where it differs.
    inhoud_bijlage_html: Option<String>,
    concept: bool,
    bron: String,
    /// Set when the action is new or changed since the previous edition.
    wijziging: Option<wijzigingen::MarkerView>,
    /// The source file relative to the content folder
    /// (`actielijn-2/15-….md`): the hook for the source panel of
    /// `bijlage serve`.
    bron_pad: String,
    /// The source panel, in a review copy only.
    bron_html: Option<String>,
}

#[derive(Serialize, Clone)]
struct ActielijnView {
    nummer: u32,
    korte_titel: String,
    titel: String,
    href: String,
    doelen: LijstView,
    effecten: LijstView,
    inleiding_html: String,
    /// The introduction for the single-file annex, where it differs.
    inleiding_bijlage_html: Option<String>,
    telling: TellingView,
    /// Which actions it holds, for finding them on paper: "acties 10–21",
    /// "acties 29–39 en een extra actie".
    nummers_tekst: String,
    acties: Vec<ActieView>,
}

/// An actielijn as every page lists it in `actielijnen`: all of
/// [`ActielijnView`] but its actions, which only its own page (as
/// `actielijn`) and pages that show every action carry. Keep the fields in
/// step with [`ActielijnView`].
#[derive(Serialize)]
struct ActielijnKortView<'a> {
    nummer: u32,
    korte_titel: &'a str,
    titel: &'a str,
    href: &'a str,
    doelen: &'a LijstView,
    effecten: &'a LijstView,
    inleiding_html: &'a str,
    telling: &'a TellingView,
    nummers_tekst: &'a str,
}

impl<'a> From<&'a ActielijnView> for ActielijnKortView<'a> {
    fn from(view: &'a ActielijnView) -> Self {
        ActielijnKortView {
            nummer: view.nummer,
            korte_titel: &view.korte_titel,
            titel: &view.titel,
            href: &view.href,
            doelen: &view.doelen,
            effecten: &view.effecten,
            inleiding_html: &view.inleiding_html,
            telling: &view.telling,
            nummers_tekst: &view.nummers_tekst,
        }
    }
}

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

fn dashboard_view(site: &Site) -> DashboardView {
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

/// Where every action lives: the number of its actielijn, by plan number and
/// by the id of an extra action. Built once per render, so that resolving a
/// cross-reference is a lookup, not a scan of every action ([`Site::find`]).
pub struct Verwijzingen<'a> {
    by_number: HashMap<u32, u32>,
    by_id: HashMap<&'a str, u32>,
}

impl<'a> Verwijzingen<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut index = Verwijzingen {
            by_number: HashMap::new(),
            by_id: HashMap::new(),
        };
        for (lijn, actie) in site.acties() {
            // The first holder wins, as with `Site::find`.
            match &actie.nummer {
                Nummer::Extra(id) => {
                    index.by_id.entry(id.as_str()).or_insert(lijn.nummer);
                }
                nummer => {
                    for &n in nummer.numbers() {
                        index.by_number.entry(n).or_insert(lijn.nummer);
                    }
                }
            }
        }
        index
    }

    /// The actielijn and anchor of a cross-reference target (a number or an
    /// id), as [`Site::find`] would find them.
    pub fn find(&self, target: &str) -> Option<(u32, String)> {
        match target.parse::<u32>() {
            Ok(n) => self
                .by_number
                .get(&n)
                .map(|&lijn| (lijn, format!("actie-{n}"))),
            Err(_) => self
                .by_id
                .get(target)
                .map(|&lijn| (lijn, format!("actie-{target}"))),
        }
    }
}

/// Renders Markdown of the page at `bron` and records broken references.
struct MarkdownContext<'a> {
    site: &'a Site,
    index: &'a Verwijzingen<'a>,
    /// The actielijn of the page being rendered; references within it stay
    /// in-page.
    page: Option<u32>,
}

impl MarkdownContext<'_> {
    fn resolve(&self, target: &str) -> Option<String> {
        let (lijn, anchor) = self.index.find(target)?;
        Some(if self.page == Some(lijn) {
            format!("#{anchor}")
        } else {
            format!("{}#{anchor}", actielijn_href(lijn))
        })
    }

    /// Renders `text`, which starts at byte `at` of `file`, and reports its
    /// broken references there.
    fn render(
        &self,
        text: &str,
        file: &str,
        at: usize,
        shift: usize,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        self.render_cited(text, file, at, shift, None, diags)
    }

    /// [`Self::render`], numbering paragraphs for citing when `alineas` is
    /// given (a review copy).
    fn render_cited(
        &self,
        text: &str,
        file: &str,
        at: usize,
        shift: usize,
        alineas: Option<&markdown::Alineas<'_>>,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let raw_html = if self.site.meta.ruwe_html {
            markdown::RawHtml::Allow
        } else {
            markdown::RawHtml::Sanitize
        };
        let (html, broken) =
            markdown::render_cited(text, shift, &|t| self.resolve(t), raw_html, alineas);
        for b in broken {
            diags.push(Diagnostic::new(
                Location::at(file, at + b.offset),
                if self.site.is_left_out_draft(&b.target) {
                    Problem::ReferenceToDraft { target: b.target }
                } else {
                    Problem::BrokenReference { target: b.target }
                },
            ));
        }
        html
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
    changes: Option<&crate::changes::Lookup<'_>>,
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
    ActieView {
        label: actie.nummer.to_string(),
        extra: actie.nummer.is_extra(),
        nummers: actie.nummer.numbers().to_vec(),
        anker: ankers[0].clone(),
        ankers: ankers[1..].to_vec(),
        titel: actie.titel.clone(),
        status: StatusView {
            sleutel: actie.status.key(),
            label: site.meta.legenda_label(actie.status).to_string(),
        },
        tijdlijn: tijdlijn(&site.meta.planjaren, &actie.jaren)
            .into_iter()
            .map(|j| JaarView::new(j.jaar, j.uitvoering))
            .collect(),
        jaren_tekst: years_in_words(&actie.jaren),
        jaren_bron: actie.jaren_bron.key(),
        jaren_bron_label: actie.jaren_bron.label(),
        jaren_toelichting: actie.jaren_toelichting.clone(),
        inhoud_bijlage_html: annex_variant(&inhoud_html),
        inhoud_html,
        concept: actie.concept,
        bron: actie.bron.file.clone(),
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

fn actielijn_view(
    site: &Site,
    index: &Verwijzingen<'_>,
    lijn: &Actielijn,
    changes: Option<&crate::changes::Lookup<'_>>,
    review: Option<&review::Review<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> ActielijnView {
    let md = MarkdownContext {
        site,
        index,
        page: Some(lijn.nummer),
    };
    let mut view = ActielijnView {
        nummer: lijn.nummer,
        korte_titel: lijn.korte_titel.clone(),
        titel: lijn.titel.clone(),
        href: actielijn_href(lijn.nummer),
        doelen: lijst_view(&md, &lijn.doelen, &lijn.bron.file, diags),
        effecten: lijst_view(&md, &lijn.effecten, &lijn.bron.file, diags),
        inleiding_bijlage_html: None,
        inleiding_html: md.render(&lijn.tekst, &lijn.bron.file, lijn.bron.body_at, 1, diags),
        telling: telling_view(site, &lijn.telling(), Some(lijn)),
        nummers_tekst: nummers_tekst(lijn),
        acties: lijn
            .acties
            .iter()
            .map(|actie| actie_view(site, &md, actie, changes, review, diags))
            .collect(),
    };
    view.inleiding_bijlage_html = annex_variant(&view.inleiding_html);
    view
}

fn site_view<'a>(
    site: &'a Site,
    index: &Verwijzingen<'_>,
    diags: &mut Vec<Diagnostic>,
) -> SiteView<'a> {
    let meta = &site.meta;
    let md = MarkdownContext {
        site,
        index,
        page: None,
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

/// Turns a tera error, with its chain of causes, into a diagnostic.
fn template_error(template: &str, theme: &Theme, err: &tera::Error) -> Diagnostic {
    theme::template_diagnostic(theme, template, err)
}

/// Escapes text for HTML text and double-quoted attributes. Unlike tera's
/// default it leaves `/` alone, so titles such as "3/4" stay readable in the
/// source.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (a NUL from a YAML escape `"\0"`) never
            // reach the HTML; the loader already warned about those typed.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The tera environment of a theme, with its templates parsed once.
pub fn environment(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".svg"]);
    tera.set_escape_fn(escape_html);
    register_functions(&mut tera, theme);
    tera.register_function("paginatitel", titel::function);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str())),
    )
    .map_err(|err| {
        // tera names the failing template in its message; find it.
        let name = theme
            .templates
            .iter()
            .map(|(n, _)| n.as_str())
            .find(|n| err.to_string().contains(&format!("'{n}'")))
            .unwrap_or("?");
        template_error(name, theme, &err)
    })?;
    if let Some(recursion) = bounds::recursion(&tera, theme) {
        return Err(recursion);
    }
    Ok(tera)
}

/// The annex's variant of `html`, when it differs from the site's: links
/// kept inside the file ([`annex_links`]), images from another host made
/// plain links ([`annex_images`]).
fn annex_variant(html: &str) -> Option<String> {
    use std::borrow::Cow;
    let images = annex_images(html);
    match (annex_links(&images), &images) {
        (Cow::Owned(changed), _) => Some(changed),
        (Cow::Borrowed(_), Cow::Owned(changed)) => Some(changed.clone()),
        (Cow::Borrowed(_), Cow::Borrowed(_)) => None,
    }
}

/// The value of attribute `name` in the attributes of a tag (escaped as
/// it is in the HTML).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// For the single-file annex, which must load nothing from elsewhere: an
/// image from another host (`<img src="https://…">`) becomes a link to it,
/// with its alt text. The site itself keeps the image, with a warning (see
/// [`checks`]).
pub fn annex_images(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("<img") {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut changed = false;
    while let Some(i) = rest.find("<img") {
        let Some(len) = rest[i..].find('>') else {
            break;
        };
        let tag = &rest[i..i + len + 1];
        out.push_str(&rest[..i]);
        match attribute(tag, "src").filter(|src| crate::url::is_remote(src)) {
            Some(src) => {
                changed = true;
                let alt = attribute(tag, "alt").filter(|a| !a.trim().is_empty());
                out.push_str(&format!(
                    "<a href=\"{src}\">{}</a>",
                    alt.unwrap_or("afbeelding")
                ));
            }
            None => out.push_str(tag),
        }
        rest = &rest[i + len + 1..];
    }
    out.push_str(rest);
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(html)
    }
}

/// Rewrites links for the single-file annex: a link to an actielijn page
/// (`actielijn-2.html`) or into one (`actielijn-2.html#actie-15`) becomes an
/// in-page link (`#actielijn-2`, `#actie-15`). Everything else is left alone.
pub fn annex_links(html: &str) -> std::borrow::Cow<'_, str> {
    const NEEDLE: &str = "href=\"actielijn-";
    if !html.contains(NEEDLE) {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(NEEDLE) {
        out.push_str(&rest[..i]);
        let after = &rest[i + NEEDLE.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &after[digits..];
        if digits > 0
            && let Some(anchor) = tail.strip_prefix(".html#")
        {
            out.push_str("href=\"#");
            rest = anchor;
        } else if digits > 0
            && let Some(end) = tail.strip_prefix(".html\"")
        {
            out.push_str("href=\"#actielijn-");
            out.push_str(&after[..digits]);
            out.push('"');
            rest = end;
        } else {
            out.push_str(NEEDLE);
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Tera functions of a theme: `inline_static(pad=…)` gives the text of a
/// static file (to inline CSS), `data_uri(pad=…)` a static file as a data
/// URI (to inline images). Both only read the theme's own static files.
fn register_functions(tera: &mut Tera, theme: &Theme) {
    use std::collections::HashMap;
    use std::sync::Arc;
    tera.register_function("range", bounds::range);
    let statics: Arc<Vec<(String, Vec<u8>)>> = Arc::new(theme.statics.clone());
    let lookup = |statics: &Arc<Vec<(String, Vec<u8>)>>, args: &HashMap<String, tera::Value>| {
        let pad = args
            .get("pad")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| {
                tera::Error::msg("`pad` ontbreekt: geef het pad van een bestand in static/")
            })?
            .to_string();
        statics
            .iter()
            .find(|(name, _)| *name == pad)
            .map(|(_, bytes)| (pad.clone(), bytes.clone()))
            .ok_or_else(|| tera::Error::msg(format!("`{pad}` staat niet in static/ van het thema")))
    };
    let for_text = Arc::clone(&statics);
    tera.register_function(
        "inline_static",
        move |args: &HashMap<String, tera::Value>| {
            let (pad, bytes) = lookup(&for_text, args)?;
            String::from_utf8(bytes)
                .map(tera::Value::String)
                .map_err(|_| tera::Error::msg(format!("`{pad}` is geen UTF-8-tekst")))
        },
    );
    tera.register_function("data_uri", move |args: &HashMap<String, tera::Value>| {
        use base64::Engine;
        let (pad, bytes) = lookup(&statics, args)?;
        let mime = match pad.rsplit('.').next().unwrap_or_default() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "svg" => "image/svg+xml",
            "webp" => "image/webp",
            "woff2" => "font/woff2",
            "css" => "text/css",
            _ => "application/octet-stream",
        };
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        Ok(tera::Value::String(format!("data:{mime};base64,{data}")))
    });
    // A string for CSS `content: …`, quoted and escaped.
    tera.register_filter(
        "css_string",
        |value: &tera::Value, _: &HashMap<String, tera::Value>| {
            let text = value.as_str().unwrap_or_default();
            let mut out = String::with_capacity(text.len() + 2);
            out.push('"');
            for c in text.chars() {
                match c {
                    '"' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\n' | '\r' => out.push(' '),
                    '<' => out.push_str("\\3c "),
                    c => out.push(c),
                }
            }
            out.push('"');
            Ok(tera::Value::String(out))
        },
    );
}

/// The pages every site has besides its actielijnen (`actielijn-N.html`) and
/// its annex: the annex may not take one of these names.
pub const PAGE_NAMES: &[&str] = &["index.html", "wijzigingen.html"];

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
    vergelijking: Option<&Vergelijking<'_>>,
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
    vergelijking: Option<&Vergelijking<'_>>,
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
    vergelijking: Option<&Vergelijking<'_>>,
    review: Option<&review::Review<'_>>,
    alle_edities: &[crate::edities::EditieTelling],
    sink: &S,
) -> Result<(), RenderError> {
    let lookup = vergelijking.map(|v| v.changes.lookup());
    let changes = lookup.as_ref();
    let tera = environment(theme).map_err(|d| RenderError::Invalid(vec![d]))?;
    let mut diags = Vec::new();
    let index = Verwijzingen::new(site);
    let site_view = site_view(site, &index, &mut diags);
    let dashboard = dashboard_view(site);
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
    if !diags.is_empty() {
        return Err(RenderError::Invalid(diags));
    }

    let wijzigingen_view = vergelijking.map(|v| wijzigingen::view(site, v));
    let edities_view = edities::view(site, alle_edities);
    let review_view = review.map(|r| review::view(site, r));

    // The open data comes before the pages: the pages list its files with
    // their sizes. The plain progress texts come from the rendered HTML.
    let voortgang: Vec<String> = views
        .iter()
        .flat_map(|v| v.acties.iter().map(|a| data::plain_text(&a.inhoud_html)))
        .collect();
    let mut meer_data = Vec::new();
    if let Some(v) = vergelijking {
        meer_data.push(OutputFile {
            path: "data/wijzigingen.json".into(),
            bytes: wijzigingen::json(site, v),
        });
    }
    if edities_view.is_some() {
        meer_data.push(OutputFile {
            path: "data/edities.json".into(),
            bytes: edities::json(site, alle_edities),
        });
    }
    let open_data = data::open_data(site, &voortgang, meer_data);

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

    let mut jobs: Vec<Job<'_>> = Vec::with_capacity(views.len() + 1);
    jobs.push(Job {
        path: "index.html".into(),
        template: "index.html",
        pagina: PaginaView {
            soort: "index",
            titel: site.meta.titel.clone(),
            href: "index.html".into(),
        },
        actielijn: None,
        alle_acties: false,
        weight: 0,
    });
    for (i, view) in views.iter().enumerate() {
        jobs.push(Job {
            path: view.href.clone(),
            template: "actielijn.html",
            pagina: PaginaView {
                soort: "actielijn",
                titel: format!("Actielijn {}: {}", view.nummer, view.titel),
                href: view.href.clone(),
            },
            actielijn: Some(i),
            alle_acties: false,
            weight: view.acties.len(),
        });
    }

    if let Some(view) = &wijzigingen_view {
        jobs.push(Job {
            path: "wijzigingen.html".into(),
            template: "wijzigingen.html",
            pagina: PaginaView {
                soort: "wijzigingen",
                titel: format!("Wijzigingen sinds {}", view.vorige_editie),
                href: "wijzigingen.html".into(),
            },
            actielijn: None,
            alle_acties: false,
            weight: 0,
        });
    }

    if edities_view.is_some() {
        jobs.push(Job {
            path: "edities.html".into(),
            template: "edities.html",
            pagina: PaginaView {
                soort: "edities",
                titel: "Voortgang over de edities".into(),
                href: "edities.html".into(),
            },
            actielijn: None,
            alle_acties: false,
            weight: 0,
        });
    }

    // The single-file annex: every action, with links kept inside the file
    // (the views carry the annex's variant of any HTML with a link to a
    // page, see `annex_links`).
    jobs.push(Job {
        path: site.meta.bijlage_bestand.clone(),
        template: "bijlage.html",
        pagina: PaginaView {
            soort: "bijlage",
            titel: site.meta.titel.clone(),
            href: site.meta.bijlage_bestand.clone(),
        },
        actielijn: None,
        alle_acties: true,
        weight: site.acties().count(),
    });

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

    // Every page sees `site`, `dashboard` and `actielijnen`, plus its own
    // `pagina` and `actielijn`. The actions are in `actielijnen` only for a
    // page that shows them all: a copy of every action per page made the
    // build quadratic in the number of actions. Each worker thread keeps one
    // context, swaps the per-page keys, and takes the next page from a queue
    // that starts with the heaviest.
    //
    // Every actielijn is turned into a tera value once, and the Rust view
    // dropped: the annex's context holds these values (every action once),
    // and an actielijn page takes a copy of its own while the annex renders
    // beside it. (Serializing a view per page as well as for the annex was
    // the largest cost after tera itself.)
    // Serializing these views cannot fail: every map has string keys.
    const SERIALIZES: &str = "views serialize to tera values";
    let kort: tera::Value = tera::to_value(
        views
            .iter()
            .map(ActielijnKortView::from)
            .collect::<Vec<_>>(),
    )
    .expect(SERIALIZES);
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
        context.insert("open_data", &open_data.view);
        context.insert("edities", &edities_view);
        context.insert("review", &review_view);
        context
    };
    let with = |key: &str, value: tera::Value| {
        let mut map = tera::Map::new();
        map.insert(key.to_string(), value);
        tera::Context::from_value(tera::Value::Object(map)).expect(SERIALIZES)
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
                let job = &jobs[i];
                let page = if job.alle_acties {
                    render(job.template, &job.path, &alle)
                } else {
                    let context = context.get_or_insert_with(shared);
                    context.insert("pagina", &job.pagina);
                    match job.actielijn.and_then(|i| lijnen_values.get(i)) {
                        Some(value) => context.extend(with("actielijn", value.clone())),
                        None => {
                            context.remove("actielijn");
                        }
                    }
                    render(job.template, &job.path, context)
                };
                match page {
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
    if !errors.is_empty() {
        errors.sort_by_key(|(i, _)| *i);
        return Err(RenderError::Invalid(
            errors.into_iter().map(|(_, d)| d).collect(),
        ));
    }
    let put = |file: OutputFile| sink.put(file).map_err(RenderError::Io);
    for (path, bytes) in &theme.statics {
        put(OutputFile {
            path: path.clone(),
            bytes: bytes.clone(),
        })?;
    }
    for file in open_data.files {
        put(file)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_words_reads_naturally() {
        assert_eq!(years_in_words(&[2024]), "2024");
        assert_eq!(years_in_words(&[2024, 2025]), "2024 en 2025");
        assert_eq!(years_in_words(&[2024, 2025, 2026, 2027]), "2024–2027");
        assert_eq!(years_in_words(&[2024, 2026, 2027]), "2024, 2026 en 2027");
    }

    #[test]
    fn annex_images_from_another_host_become_links() {
        assert_eq!(
            annex_images(
                "<p><img src=\"https://x.nl/a.png\" alt=\"Kaart\" /> en <img src=\"img/b.png\" alt=\"\"></p>"
            ),
            "<p><a href=\"https://x.nl/a.png\">Kaart</a> en <img src=\"img/b.png\" alt=\"\"></p>"
        );
        assert!(matches!(
            annex_images("<img src=\"b.png\">"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn annex_links_stay_in_the_file() {
        assert_eq!(
            annex_links(
                "<a href=\"actielijn-12.html#actie-40\">x</a> <a href=\"actielijn-3.html\">y</a>"
            ),
            "<a href=\"#actie-40\">x</a> <a href=\"#actielijn-3\">y</a>"
        );
        assert_eq!(
            annex_links("<a href=\"#actie-1\">x</a>"),
            "<a href=\"#actie-1\">x</a>"
        );
        assert_eq!(
            annex_links("href=\"actielijn-x.html\""),
            "href=\"actielijn-x.html\""
        );
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
