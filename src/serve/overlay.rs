//! What the preview adds to the pages it serves: its stylesheet, the live
//! script and, after a failed rebuild, the overlay with the diagnostics;
//! and the preview's own pages.

use crate::error::BuildError;
use crate::report;
pub(super) use crate::text::escape_html as escape;

/// Finds `needle` (ASCII, lower case) in `haystack` case-insensitively, last
/// occurrence first.
pub(super) fn rfind_tag(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The failure overlay. `closable` when there is a good page beneath.
pub(super) fn failure_overlay(diagnostics_html: &str, closable: bool) -> String {
    let button = if closable {
        "<button type=\"button\" class=\"bijlage-fout__sluiten\" data-bijlage-sluit>Laatste \
         goede versie bekijken</button>\n"
    } else {
        ""
    };
    format!(
        "<section class=\"bijlage-fout\" id=\"bijlage-fout\" role=\"alert\" \
         aria-labelledby=\"bijlage-fout-kop\">\n<div class=\"bijlage-fout__kader\">\n\
         <h2 id=\"bijlage-fout-kop\">Bouwfout: de laatste wijziging is niet te zien</h2>\n\
         <p>bijlage kon de site niet opnieuw bouwen. Herstel het bestand en sla het op; de \
         pagina laadt dan vanzelf opnieuw.{}</p>\n{diagnostics_html}{button}</div>\n</section>\n",
        if closable {
            " Tot dan blijft de laatste goede versie van de pagina bereikbaar."
        } else {
            ""
        }
    )
}

/// Adds the preview's stylesheet, the failure overlay and the live script
/// to a page.
pub(super) fn inject(page: &str, generation: u64, failure: Option<&str>, closable: bool) -> String {
    let mut out = String::with_capacity(page.len() + 512);
    let head = "<link rel=\"stylesheet\" href=\"/__bijlage/serve.css\">\n";
    let mut tail = String::new();
    if let Some(diagnostics) = failure {
        tail.push_str(&failure_overlay(diagnostics, closable));
    }
    tail.push_str(&format!(
        "<script src=\"/__bijlage/live.js\" data-generatie=\"{generation}\"></script>\n"
    ));
    let (before_head, rest) = match rfind_tag(page, "</head>") {
        Some(at) => page.split_at(at),
        None => ("", page),
    };
    out.push_str(before_head);
    if !before_head.is_empty() {
        out.push_str(head);
    }
    match rfind_tag(rest, "</body>") {
        Some(at) => {
            out.push_str(&rest[..at]);
            out.push_str(&tail);
            out.push_str(&rest[at..]);
        }
        None => {
            out.push_str(rest);
            out.push_str(&tail);
        }
    }
    if before_head.is_empty() {
        out.insert_str(0, head);
    }
    out
}

/// A page of the preview itself (error, not found).
pub(super) fn own_page(title: &str, body: &str, generation: u64) -> String {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} | bijlage serve</title>\n</head>\n<body class=\"bijlage-eigen\">\n\
         <main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    );
    inject(&page, generation, None, false)
}

pub(super) fn failure_text(err: &BuildError) -> (String, String) {
    match err {
        BuildError::Invalid {
            diagnostics,
            sources,
        } => {
            let color = crate::text::stderr_color();
            (
                format!(
                    "<p class=\"meldingen__telling\">{}</p>\n{}",
                    report::counts(diagnostics),
                    report::render_html(diagnostics, sources)
                ),
                format!(
                    "{}bijlage: {}; de laatste goede versie blijft zichtbaar",
                    report::render(diagnostics, sources, color),
                    report::counts(diagnostics),
                ),
            )
        }
        other => (
            format!(
                "<ol class=\"meldingen\"><li class=\"melding\"><p class=\"melding__kop\">{}</p></li></ol>\n",
                escape(&other.to_string())
            ),
            format!("bijlage: {other}"),
        ),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_counts_warnings_as_warnings() {
        use crate::error::{Diagnostic, Location, Problem};
        let err = BuildError::Invalid {
            diagnostics: vec![
                Diagnostic::new(
                    Location::at("content/a/x.md", 12),
                    Problem::UnknownStatus {
                        found: "klaar".into(),
                    },
                ),
                Diagnostic::warning(Location::file("content/a/y.txt"), Problem::IgnoredFile),
            ],
            sources: vec![("content/a/x.md".into(), "---\nstatus: klaar\n---\n".into())],
        };
        let (html, text) = failure_text(&err);
        assert!(html.contains(">1 fout en 1 waarschuwing</p>"), "{html}");
        assert!(
            html.contains("waarschuwing[overgeslagen-bestand]"),
            "{html}"
        );
        assert!(html.contains("fout[onbekende-status]"), "{html}");
        assert!(
            text.contains("bijlage: 1 fout en 1 waarschuwing;"),
            "{text}"
        );
    }

    #[test]
    fn injects_before_head_and_body_end() {
        let page = "<html><head><title>t</title></head><body><p>x</p></body></html>\n";
        let out = inject(page, 7, None, true);
        assert_eq!(
            out,
            "<html><head><title>t</title><link rel=\"stylesheet\" href=\"/__bijlage/serve.css\">\n\
             </head><body><p>x</p><script src=\"/__bijlage/live.js\" data-generatie=\"7\"></script>\n\
             </body></html>\n"
        );
        let broken = inject(page, 8, Some("<ol></ol>"), true);
        assert!(broken.contains("role=\"alert\""), "{broken}");
        assert!(broken.contains("data-bijlage-sluit"), "{broken}");
        // Without the tags, the additions still arrive.
        let bare = inject("<p>x</p>", 1, None, true);
        assert!(bare.starts_with("<link"), "{bare}");
        assert!(bare.contains("live.js"), "{bare}");
    }
}
