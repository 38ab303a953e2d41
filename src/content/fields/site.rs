//! The front matter of the site's `_index.md`.

use serde::Deserialize;

use super::Fields;
use crate::content::frontmatter::Split;
use crate::error::{Diagnostic, Problem};
use crate::model::{Bron, Editie, LegendaItem, NietGemonitord, PAGE_NAMES, SiteMeta, Status};

pub(crate) const SITE_KEYS: &[&str] = &[
    "programma",
    "titel",
    "editie",
    "planjaren",
    "uitgevers",
    "website",
    "nog_niet_gemonitord",
    "tijdlijn",
    "legenda",
    "bijlage_bestand",
    "vorige_editie",
    "wijzigingen_in_bijlage",
    "ruwe_html",
    "catalogus",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NietGemonitordFm {
    acties: Vec<u32>,
    startjaar: u16,
    toelichting: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TijdlijnFm {
    uitvoeringsjaar: String,
    geen_uitvoeringsjaar: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegendaFm {
    sleutel: String,
    label: String,
    omschrijving: String,
}

impl Fields<'_> {
    /// The site's front matter.
    pub(crate) fn site(&mut self, split: &Split<'_>) -> Option<SiteMeta> {
        self.check_keys(SITE_KEYS);
        let programma = self.text("programma");
        let titel = self.text("titel");
        let editie = self.required::<String>("editie", "jaar en maand, bijvoorbeeld \"2025-11\"");
        let editie = editie.and_then(|text| match Editie::parse(&text) {
            Some(editie) => Some(editie),
            None => {
                let location = self.at("editie");
                self.push(location, Problem::BadEdition { found: text });
                None
            }
        });
        let planjaren = self.years("planjaren").and_then(|years| {
            if years.windows(2).all(|w| w[1] == w[0] + 1) {
                Some(years)
            } else {
                let location = self.at("planjaren");
                self.push(location, Problem::PlanYearsNotConsecutive);
                None
            }
        });
        let uitgevers: Vec<String> = self
            .get("uitgevers", "een lijst van namen")
            .unwrap_or_default();
        let website = self.website();
        let nog_niet_gemonitord = self
            .get::<NietGemonitordFm>(
                "nog_niet_gemonitord",
                "acties (lijst van nummers), startjaar (jaartal) en optioneel toelichting (tekst)",
            )
            .map(|fm| NietGemonitord {
                acties: fm.acties,
                startjaar: fm.startjaar,
                toelichting: fm.toelichting.map(|s| s.trim().to_string()),
            });
        let tijdlijn = self.get::<TijdlijnFm>(
            "tijdlijn",
            "uitvoeringsjaar (tekst) en geen_uitvoeringsjaar (tekst)",
        );
        let legenda = self.legenda();
        let bijlage_bestand = self.bijlage_bestand();
        let ruwe_html = self
            .get::<bool>("ruwe_html", "true of false")
            .unwrap_or(false);
        let (uitvoeringsjaar, geen_uitvoeringsjaar) = match tijdlijn {
            Some(t) => (t.uitvoeringsjaar, t.geen_uitvoeringsjaar),
            None => (
                "De actie wordt in dit jaar uitgevoerd.".to_string(),
                "De actie wordt in dit jaar niet uitgevoerd.".to_string(),
            ),
        };
        let vorige_editie = self.optional_text("vorige_editie");
        let wijzigingen_in_bijlage = self
            .get::<bool>("wijzigingen_in_bijlage", "true of false")
            .unwrap_or(false);
        let catalogus = self.catalogus();
        Some(SiteMeta {
            programma: programma?,
            titel: titel?,
            editie: editie?,
            planjaren: planjaren?,
            uitgevers,
            website,
            nog_niet_gemonitord,
            uitvoeringsjaar,
            geen_uitvoeringsjaar,
            legenda: legenda?,
            tekst: self.body(split),
            bijlage_bestand,
            vorige_editie,
            wijzigingen_in_bijlage,
            ruwe_html,
            catalogus,
            bron: Bron {
                file: self.file.to_string(),
                nummer_at: 0,
                jaren_at: self.offset("planjaren"),
                body_at: split.body_start,
            },
        })
    }

    /// The site's own website: a link with the rule of Markdown links
    /// (`javascript:` and the like are dropped with a warning).
    fn website(&mut self) -> Option<String> {
        self.optional_text("website").filter(|url| {
            let safe = crate::url::is_safe_url(url);
            if !safe {
                let location = self.at("website");
                self.diags.push(Diagnostic::warning(
                    location,
                    Problem::UnsafeLink { url: url.clone() },
                ));
            }
            safe
        })
    }

    /// The file name of the annex: a plain `….html` that no other page has
    /// ([`PAGE_NAMES`], `actielijn-N.html`); `bijlage.html` when absent or
    /// wrong (wrong is reported).
    fn bijlage_bestand(&mut self) -> String {
        const ANNEX_NAME: &str = "een bestandsnaam zonder map die eindigt op .html, niet index.html, actielijn-N.html of wijzigingen.html";
        let Some(name) = self.get::<String>("bijlage_bestand", ANNEX_NAME) else {
            return "bijlage.html".to_string();
        };
        let plain = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            && !name.starts_with('.');
        let taken = PAGE_NAMES.contains(&name.as_str()) || name.starts_with("actielijn-");
        if plain && name.len() > 5 && name.ends_with(".html") && !taken {
            return name;
        }
        let location = self.at("bijlage_bestand");
        self.push(
            location,
            Problem::WrongType {
                key: "bijlage_bestand".into(),
                expected: ANNEX_NAME,
                found: format!("`{name}`").into(),
                suggestion: None,
            },
        );
        "bijlage.html".to_string()
    }

    fn legenda(&mut self) -> Option<Vec<LegendaItem>> {
        let items: Vec<LegendaFm> = self.required(
            "legenda",
            "een lijst met per status: sleutel, label en omschrijving",
        )?;
        let mut legenda: Vec<LegendaItem> = Vec::with_capacity(5);
        let mut ok = true;
        for item in items {
            let Some(status) = Status::from_key(item.sleutel.trim()) else {
                let location = self.at("legenda");
                self.push(
                    location,
                    Problem::UnknownStatus {
                        found: item.sleutel,
                    },
                );
                ok = false;
                continue;
            };
            if legenda.iter().any(|l| l.status == status) {
                let location = self.at("legenda");
                self.push(
                    location,
                    Problem::LegendDuplicateStatus { key: item.sleutel },
                );
                ok = false;
                continue;
            }
            legenda.push(LegendaItem {
                status,
                label: item.label.trim().to_string(),
                omschrijving: item.omschrijving.trim().to_string(),
            });
        }
        for status in Status::ALL {
            if !legenda.iter().any(|l| l.status == status) {
                let location = self.at("legenda");
                self.push(location, Problem::LegendMissingStatus { key: status.key() });
                ok = false;
            }
        }
        legenda.sort_by_key(|l| l.status);
        ok.then_some(legenda)
    }
}
