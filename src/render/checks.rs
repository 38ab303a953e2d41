//! Warnings about the Markdown of a site that renders, but not as written:
//! raw HTML that is cleaned, links that are dropped, images from another
//! host (see [`super::markdown`]); and the error for raw HTML nested too deep
//! for the sanitizer. Found by parsing only, without rendering.

use crate::error::{Diagnostic, Location, Problem};
use crate::model::Site;

use super::kept::RenderCache;
use super::markdown;

/// Scans `text`, which starts at byte `at` of `file`; `raw`: the site
/// passes raw HTML through as written (`ruwe_html: true`).
fn scan(
    kept: Option<&RenderCache>,
    text: &str,
    file: &str,
    at: usize,
    raw: bool,
    out: &mut Vec<Diagnostic>,
) {
    let findings = match kept {
        Some(kept) => kept.scan(file, at, text),
        None => markdown::scan(text),
    };
    let place = |offset: usize| Location::at(file, at + offset);
    for (url, offset) in findings.remote_images {
        out.push(Diagnostic::warning(
            place(offset),
            Problem::RemoteImage { url },
        ));
    }
    if raw {
        // `ruwe_html: true`: passed through as written, unsanitized.
        return;
    }
    // One warning per text is enough to make the editor look.
    if let Some(&offset) = findings.raw_html.first() {
        out.push(Diagnostic::warning(place(offset), Problem::RawHtml));
    }
    if let Some(offset) = findings.too_deep {
        out.push(Diagnostic::new(
            place(offset),
            Problem::TooDeep {
                what: "de ruwe HTML",
                limit: markdown::MAX_HTML_DEPTH,
            },
        ));
    }
    for (url, offset) in findings.unsafe_links {
        out.push(Diagnostic::warning(
            place(offset),
            Problem::UnsafeLink { url },
        ));
    }
}

/// The warnings for `site` (and the error for raw HTML nested too deep):
/// about raw HTML and links only when the site does not allow raw HTML;
/// about images from another host always.
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    warnings_kept(site, None)
}

/// [`warnings`], with the scans of texts that did not change since the last
/// render with `kept` taken from there.
/// The texts are scanned on every core; the warnings come in the order of
/// the site.
pub(crate) fn warnings_kept(site: &Site, kept: Option<&RenderCache>) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let raw = site.meta.ruwe_html;
    let meta = &site.meta;
    // (text, file, byte of the file where the text starts), in order.
    let mut texts: Vec<(&str, &str, usize)> =
        vec![(&meta.tekst, &meta.bron.file, meta.bron.body_at)];
    for lijn in &site.actielijnen {
        let file = lijn.bron.file.as_str();
        texts.push((&lijn.tekst, file, lijn.bron.body_at));
        for lijst in [&lijn.doelen, &lijn.effecten] {
            if let Some(text) = &lijst.inleiding {
                texts.push((text, file, lijst.inleiding_at));
            }
        }
        texts.extend(lijn.acties.iter().map(|actie| {
            (
                actie.tekst.as_str(),
                actie.bron.file.as_str(),
                actie.bron.body_at,
            )
        }));
    }
    texts
        .par_iter()
        .fold(Vec::new, |mut out, &(text, file, at)| {
            scan(kept, text, file, at, raw, &mut out);
            out
        })
        .reduce(Vec::new, |mut a, b| {
            a.extend(b);
            a
        })
}

/// The broken cross-references in the Markdown of `site`, found by parsing
/// only; `also` are targets that exist although their page did not load.
/// Rendering finds the same ones: this is for a run that stops before it.
pub(crate) fn broken_references(site: &Site, also: &[String]) -> Vec<Diagnostic> {
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
