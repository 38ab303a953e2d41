//! Warnings about the Markdown of a site that renders, but not as written:
//! raw HTML that is cleaned and links that are dropped (see
//! [`super::markdown`]). Found by parsing only, without rendering.

use crate::error::{Diagnostic, Location, Problem};
use crate::model::Site;

use super::markdown;

/// Scans `text`, which starts at byte `at` of `file`.
fn scan(text: &str, file: &str, at: usize, out: &mut Vec<Diagnostic>) {
    let findings = markdown::scan(text);
    let place = |offset: usize| Location::at(file, at + offset);
    // One warning per text is enough to make the editor look.
    if let Some(&offset) = findings.raw_html.first() {
        out.push(Diagnostic::warning(place(offset), Problem::RawHtml));
    }
    for (url, offset) in findings.unsafe_links {
        out.push(Diagnostic::warning(
            place(offset),
            Problem::UnsafeLink { url },
        ));
    }
}

/// The warnings for `site`: none when the site allows raw HTML.
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if site.meta.ruwe_html {
        return out;
    }
    let meta = &site.meta;
    scan(&meta.tekst, &meta.bron.file, meta.bron.body_at, &mut out);
    for lijn in &site.actielijnen {
        let file = &lijn.bron.file;
        scan(&lijn.tekst, file, lijn.bron.body_at, &mut out);
        for lijst in [&lijn.doelen, &lijn.effecten] {
            if let Some(text) = &lijst.inleiding {
                scan(text, file, lijst.inleiding_at, &mut out);
            }
        }
        for actie in &lijn.acties {
            scan(&actie.tekst, &actie.bron.file, actie.bron.body_at, &mut out);
        }
    }
    out
}

/// The broken cross-references in the Markdown of `site`, found by parsing
/// only; `also` are targets that exist although their page did not load.
/// Rendering finds the same ones: this is for a run that stops before it.
pub fn broken_references(site: &Site, also: &[String]) -> Vec<Diagnostic> {
    let index = super::Verwijzingen::new(site);
    let resolve = |target: &str| {
        (index.find(target).is_some() || also.iter().any(|a| a == target)).then(String::new)
    };
    let mut out = Vec::new();
    let mut check = |text: &str, file: &str, at: usize| {
        let (_, broken) = markdown::render_with(text, 1, &resolve, markdown::RawHtml::Sanitize);
        for b in broken {
            out.push(Diagnostic::new(
                Location::at(file, at + b.offset),
                Problem::BrokenReference { target: b.target },
            ));
        }
    };
    let meta = &site.meta;
    check(&meta.tekst, &meta.bron.file, meta.bron.body_at);
    for lijn in &site.actielijnen {
        check(&lijn.tekst, &lijn.bron.file, lijn.bron.body_at);
        for lijst in [&lijn.doelen, &lijn.effecten] {
            if let Some(text) = &lijst.inleiding {
                check(text, &lijn.bron.file, lijst.inleiding_at);
            }
        }
        for actie in &lijn.acties {
            check(&actie.tekst, &actie.bron.file, actie.bron.body_at);
        }
    }
    out
}
