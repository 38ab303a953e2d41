//! The review copy's additions: the CONCEPT marking with the edition and the
//! origin of the content, the source panel of every action and the numbered
//! paragraphs of its progress text. Only `bijlage review` and `build
//! --review` render them; a normal build has none.

use std::collections::HashMap;

use serde::Serialize;

use crate::content::SourceFile;
use crate::herkomst::Herkomst;
use crate::model::Site;

/// The marking on the cover, on every section and in the margin of every
/// printed page.
pub const MERK: &str = "CONCEPT — niet voor publicatie";

/// The stylesheet of the review markings in the site (`build --review`); the
/// review file carries the same inline.
pub(crate) const CSS_PAD: &str = "css/review.css";

/// What a review render needs beyond the site.
pub struct Review<'a> {
    /// Where the content comes from (its latest commit).
    pub herkomst: Herkomst,
    /// The content files, by the path actions name as their source.
    sources: HashMap<&'a str, &'a SourceFile>,
}

impl<'a> Review<'a> {
    /// A review copy of the content read from `sources`.
    pub fn new(herkomst: Herkomst, sources: &'a [SourceFile]) -> Self {
        Review {
            herkomst,
            sources: sources.iter().map(|f| (f.display.as_str(), f)).collect(),
        }
    }

    /// The source panel of the file shown as `display`.
    pub fn panel(&self, display: &str) -> Option<String> {
        self.sources.get(display).map(|f| super::bron::panel(f))
    }
}

/// What the templates see as `review`.
#[derive(Serialize, Clone)]
pub(crate) struct ReviewView {
    /// "CONCEPT — niet voor publicatie".
    merk: &'static str,
    /// "content van commit 1a2b3c4 van 1 december 2026".
    herkomst: String,
    /// The whole line for the margin: marking, edition, origin.
    regel: String,
    /// How many actions are drafts.
    concepten: usize,
    /// The source panel's CSS, to inline.
    bron_css: &'static str,
    css_pad: &'static str,
}

impl ReviewView {
    pub(crate) fn bron_css(&self) -> &'static str {
        self.bron_css
    }
}

pub(crate) fn view(site: &Site, review: &Review<'_>) -> ReviewView {
    let herkomst = review.herkomst.tekst();
    ReviewView {
        merk: MERK,
        regel: format!(
            "{MERK} · editie {} · {herkomst}",
            site.meta.editie.label().to_lowercase()
        ),
        herkomst,
        concepten: site.acties().filter(|(_, a)| a.concept).count(),
        bron_css: super::bron::CSS,
        css_pad: CSS_PAD,
    }
}
