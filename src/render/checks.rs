//! Warnings about the Markdown of a site that renders, but not as written:
//! raw HTML that is cleaned, links that are dropped, images from another
//! host (see [`super::markdown`]); and the error for raw HTML nested too deep
//! for the sanitizer. Found by parsing only, without rendering.

use crate::error::{Diagnostic, Location, Problem};
use crate::model::Site;

use super::markdown;

/// The 1-based line and column (in characters) of byte `offset` of `text`,
/// whose first line is line `first_line` of its file.
fn line_column(text: &str, offset: usize, first_line: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = first_line + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn scan(text: &str, file: &str, first_line: Option<usize>, raw: bool, out: &mut Vec<Diagnostic>) {
    let findings = markdown::scan(text);
    let at = |offset: usize| match first_line {
        Some(first) => {
            let (line, column) = line_column(text, offset, first);
            Location::new(file, line, column)
        }
        None => Location::file(file),
    };
    for (url, offset) in findings.remote_images {
        out.push(Diagnostic::warning(
            at(offset),
            Problem::RemoteImage { url },
        ));
    }
    if raw {
        // `ruwe_html: true`: passed through as written, unsanitized.
        return;
    }
    // One warning per text is enough to make the editor look.
    if let Some(&offset) = findings.raw_html.first() {
        out.push(Diagnostic::warning(at(offset), Problem::RawHtml));
    }
    if let Some(offset) = findings.too_deep {
        out.push(Diagnostic::new(
            at(offset),
            Problem::TooDeep {
                what: "de ruwe HTML",
                limit: markdown::MAX_HTML_DEPTH,
            },
        ));
    }
    for (url, offset) in findings.unsafe_links {
        out.push(Diagnostic::warning(at(offset), Problem::UnsafeLink { url }));
    }
}

/// The warnings for `site` (and the error for raw HTML nested too deep):
/// about raw HTML and links only when the site does not allow raw HTML;
/// about images from another host always.
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let raw = site.meta.ruwe_html;
    let meta = &site.meta;
    scan(
        &meta.tekst,
        &meta.bron.file,
        Some(meta.bron.body_line),
        raw,
        &mut out,
    );
    for lijn in &site.actielijnen {
        let file = &lijn.bron.file;
        scan(&lijn.tekst, file, Some(lijn.bron.body_line), raw, &mut out);
        for lijst in [&lijn.doelen, &lijn.effecten] {
            if let Some(text) = &lijst.inleiding {
                scan(text, file, None, raw, &mut out);
            }
        }
        for actie in &lijn.acties {
            scan(
                &actie.tekst,
                &actie.bron.file,
                Some(actie.bron.body_line),
                raw,
                &mut out,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        assert_eq!(line_column("ab\ncé<x>", 6, 10), (11, 3));
        assert_eq!(line_column("<x>", 0, 4), (4, 1));
    }
}
