//! The front matter of an actielijn's `_index.md`.

use serde::Deserialize;

use super::Fields;
use crate::content::frontmatter::Split;
use crate::model::{Actielijn, Bron, Lijst, Punt};

pub(crate) const ACTIELIJN_KEYS: &[&str] = &[
    "nummer",
    "korte_titel",
    "titel",
    "operationele_doelen",
    "beoogde_effecten",
];

#[derive(Deserialize)]
#[serde(untagged)]
enum PuntFm {
    Tekst(String),
    MetKop { kop: String, tekst: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LijstFm {
    inleiding: Option<String>,
    #[serde(default)]
    punten: Vec<PuntFm>,
}

impl From<LijstFm> for Lijst {
    fn from(fm: LijstFm) -> Lijst {
        Lijst {
            inleiding: fm.inleiding.filter(|s| !s.trim().is_empty()),
            inleiding_at: 0,
            punten: fm
                .punten
                .into_iter()
                .map(|p| match p {
                    PuntFm::Tekst(tekst) => Punt { kop: None, tekst },
                    PuntFm::MetKop { kop, tekst } => Punt {
                        kop: Some(kop),
                        tekst,
                    },
                })
                .collect(),
        }
    }
}

impl Fields<'_> {
    fn lijst(&mut self, key: &'static str) -> Lijst {
        self.get::<LijstFm>(
            key,
            "optioneel inleiding (tekst), dan punten: een lijst van teksten of van {kop, tekst}",
        )
        .map(Lijst::from)
        .map(|mut lijst| {
            lijst.inleiding_at = self.text_offset(key, "inleiding", lijst.inleiding.as_deref());
            lijst
        })
        .unwrap_or_default()
    }

    /// The front matter of an actielijn's `_index.md`.
    pub(crate) fn actielijn(&mut self, map: String, split: &Split<'_>) -> Option<Actielijn> {
        self.check_keys(ACTIELIJN_KEYS);
        let nummer = self.positive("nummer");
        let korte_titel = self.text("korte_titel");
        let titel = self.text("titel");
        let doelen = self.lijst("operationele_doelen");
        let effecten = self.lijst("beoogde_effecten");
        Some(Actielijn {
            nummer: nummer?,
            korte_titel: korte_titel?,
            titel: titel?,
            doelen,
            effecten,
            tekst: self.body(split),
            map,
            bron: Bron {
                file: self.file.to_string(),
                nummer_at: self.offset("nummer"),
                jaren_at: 0,
                body_at: split.body_start,
            },
            acties: Vec::new(),
        })
    }
}
