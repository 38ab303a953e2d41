//! The same generated pages as a Hugo site, for the side-by-side comparison
//! in `scripts/bench.sh`.

use super::woorden::PLANJAREN;
use super::{File, GenNummer, Programme, render_body, years};

impl Programme {
    /// The same programme as a Hugo site: the same Markdown bodies (with
    /// cross-references written as the relative links bijlage makes of them),
    /// front matter in YAML with Hugo's `title`, `weight` and `draft`, and
    /// minimal templates that lay out what bijlage's theme does: a start
    /// page with counts per actielijn, and one page per actielijn holding all
    /// its actions (status, timeline, progress text).
    ///
    /// With `per_actie`, every action also gets its own page, as Hugo sites
    /// usually do; without it, actions are rendered into their actielijn page
    /// only (`build.render: never`). With `bijlage`, one more page holds every
    /// action, like bijlage's single-file annex. `css` is copied to
    /// `static/css/bijlage.css`.
    pub fn hugo_files(&self, per_actie: bool, bijlage: bool, css: &str) -> Vec<File> {
        let mut files = Vec::with_capacity(self.acties.len() + self.lijnen.len() + 10);
        let file = |path: &str, text: String| File {
            path: path.to_string(),
            text,
        };
        files.push(file(
            "hugo.toml",
            format!(
                "baseURL = \"/\"\nlocale = \"nl\"\ntitle = \"Bijlage 1 Monitoringsoverzicht\"\n\
                 uglyURLs = true\nrelativeURLs = true\nenableRobotsTXT = false\n\
                 disableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\", \"404\"]\n\
                 [params]\nplanjaren = {}\n\
                 [markup.highlight]\nnoClasses = false\n",
                years(&PLANJAREN)
            ),
        ));
        files.push(file("static/css/bijlage.css", css.to_string()));
        files.push(file("layouts/baseof.html", HUGO_BASEOF.to_string()));
        files.push(file("layouts/home.html", HUGO_HOME.to_string()));
        files.push(file("layouts/section.html", HUGO_SECTION.to_string()));
        files.push(file("layouts/_partials/actie.html", HUGO_ACTIE.to_string()));
        files.push(file("layouts/_partials/menu.html", HUGO_MENU.to_string()));
        files.push(file("layouts/page.html", HUGO_PAGE.to_string()));
        files.push(file(
            "content/_index.md",
            "---\ntitle: \"Bijlage 1 Monitoringsoverzicht\"\n---\n\
             Dit overzicht is gegenereerd voor prestatiemetingen: de tekst is synthetisch.\n"
                .into(),
        ));
        if bijlage {
            files.push(file("layouts/bijlage.html", HUGO_BIJLAGE.to_string()));
            files.push(file(
                "content/bijlage.md",
                "---\ntitle: \"Bijlage\"\nlayout: bijlage\nurl: \"/bijlage.html\"\n---\n".into(),
            ));
        }
        for lijn in &self.lijnen {
            let mut text = format!(
                "---\ntitle: \"{}\"\nweight: {}\nurl: \"/actielijn-{}.html\"\n\
                 params:\n  korte_titel: \"{}\"\n---\n",
                lijn.titel, lijn.nummer, lijn.nummer, lijn.korte_titel
            );
            text.push_str(&lijn.tekst);
            files.push(file(
                &format!("content/actielijn-{}/_index.md", lijn.nummer),
                text,
            ));
        }
        let mut extra_index = 0;
        for actie in &self.acties {
            if matches!(actie.nummer, GenNummer::Extra(_)) {
                extra_index += 1;
            }
            let mut text = format!(
                "---\ntitle: \"{}\"\nweight: {}\ndraft: {}\nparams:\n  label: \"{}\"\n  anker: \"{}\"\n  \
                 status: {}\n  status_label: \"{}\"\n  jaren: {}\n",
                actie.titel,
                actie.nummer.weight(extra_index),
                actie.concept,
                actie.nummer.label(),
                actie.nummer.anchor(),
                actie.status.key(),
                actie.status.label(),
                years(&actie.jaren),
            );
            if !per_actie {
                text.push_str("build:\n  render: never\n");
            }
            text.push_str("---\n");
            text.push_str(&render_body(&actie.body, &|n, lijn| {
                format!("actielijn-{lijn}.html#actie-{n}")
            }));
            files.push(file(&format!("content/{}", actie.file), text));
        }
        files
    }
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "css/bijlage.css" | relURL }}">
</head>
<body>
{{ partialCached "menu.html" . }}
<main id="inhoud">
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"#;

/// The menu is the same on every page: rendered once (`partialCached`), as a
/// Hugo site would; `site.Sections` per page makes Hugo quadratic.
const HUGO_MENU: &str = r#"<nav class="menu" aria-label="Hoofdmenu"><ul>
<li><a href="{{ "index.html" | relURL }}">Overzicht</a></li>
{{- range site.Sections.ByWeight }}
<li><a href="{{ .RelPermalink }}">Actielijn {{ .Weight }}</a></li>
{{- end }}
</ul></nav>
"#;

const HUGO_HOME: &str = r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ .Content }}
<table class="dashboard">
<thead><tr><th>Actielijn</th><th>Totaal</th><th>Afgerond</th><th>In uitvoering</th><th>Vertraging</th><th>Doorlopend</th><th>Niet gestart</th></tr></thead>
<tbody>
{{- range site.Sections.ByWeight }}
<tr><th><a href="{{ .RelPermalink }}">Actielijn {{ .Weight }} {{ .Params.korte_titel }}</a></th>
<td>{{ len .Pages }}</td>
{{- $pages := .Pages }}
{{- range slice "afgerond" "in-uitvoering" "vertraging" "doorlopend" "niet-gestart" }}
<td>{{ len (where $pages "Params.status" .) }}</td>
{{- end }}
</tr>
{{- end }}
</tbody>
</table>
{{ end }}
"#;

const HUGO_ACTIE: &str = r#"<article class="actie" id="{{ .Params.anker }}">
<h3 class="actie__titel"><span class="actie__nummer">{{ .Params.label }}.</span> {{ .Title }}</h3>
<p class="actie__status"><span class="status status--{{ .Params.status }}">{{ .Params.status_label }}</span></p>
<ol class="tijdlijn__jaren">
{{- $jaren := .Params.jaren }}
{{- range site.Params.planjaren }}
<li class="jaar {{ if in $jaren . }}jaar--ja{{ else }}jaar--nee{{ end }}">{{ . }}</li>
{{- end }}
</ol>
<div class="actie__tekst">
{{ .Content }}
</div>
</article>
"#;

const HUGO_SECTION: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<section class="acties">
{{- range .Pages.ByWeight }}
{{ partial "actie.html" . }}
{{- end }}
</section>
{{ end }}
"#;

const HUGO_PAGE: &str = r#"{{ define "main" }}
{{ partial "actie.html" . }}
{{ end }}
"#;

const HUGO_BIJLAGE: &str = r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{- range site.Sections.ByWeight }}
<section><h2>{{ .Title }}</h2>
{{- range .Pages.ByWeight }}
{{ partial "actie.html" . }}
{{- end }}
</section>
{{- end }}
{{ end }}
"#;
