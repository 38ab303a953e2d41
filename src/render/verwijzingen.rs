//! Cross-references between actions: where each action lives, and the
//! Markdown rendering of a page that resolves them and reports the broken ones.

use std::collections::HashMap;

use super::{actielijn_href, markdown};
use crate::error::{Diagnostic, Location, Problem};
use crate::model::{Nummer, Site};

/// Where every action lives: the number of its actielijn, by plan number and
/// by the id of an extra action. Built once per render, so that resolving a
/// cross-reference is a lookup, not a scan of every action ([`Site::find`]).
pub(crate) struct Verwijzingen<'a> {
    by_number: HashMap<u32, u32>,
    by_id: HashMap<&'a str, u32>,
}

impl<'a> Verwijzingen<'a> {
    pub(crate) fn new(site: &'a Site) -> Self {
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
    pub(crate) fn find(&self, target: &str) -> Option<(u32, String)> {
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
pub(super) struct MarkdownContext<'a> {
    pub(super) site: &'a Site,
    pub(super) index: &'a Verwijzingen<'a>,
    /// The actielijn of the page being rendered; references within it stay
    /// in-page.
    pub(super) page: Option<u32>,
    /// The Markdown kept from the last render (`bijlage serve`).
    pub(super) kept: Option<&'a super::kept::RenderCache>,
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
    pub(super) fn render(
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
    pub(super) fn render_cited(
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
        let resolve = |t: &str| self.resolve(t);
        let (html, broken) = match self.kept {
            Some(kept) => kept.render_cited(
                file, at, text, shift, self.page, &resolve, raw_html, alineas,
            ),
            None => markdown::render_cited(text, shift, &resolve, raw_html, alineas),
        };
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
