//! An action's source file, for reviewers: the panel shows the path and every
//! line with its number; the front matter is highlighted as YAML and the body
//! as Markdown, by syntect with CSS classes (`hl-…`). `bijlage serve` shows it
//! beside the rendering (review mode); the review copy (`bijlage review`,
//! `build --review`) holds it in a `<details>` under each action.

use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};

use crate::content::SourceFile;
use crate::content::frontmatter;
use crate::render::markdown::{HIGHLIGHT_PREFIX, syntaxes};

/// The panel's styles, for every page that shows panels.
pub const CSS: &str = include_str!("bron.css");

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: HIGHLIGHT_PREFIX,
};

use crate::text::escape_html as escape;

/// Highlights one region of a file line by line. Every line's HTML is closed
/// on its own: the spans still open at the end of a line (a multi-line
/// string, say) are closed there and opened again on the next line, so each
/// line can sit in its own table cell.
struct Lines<'a> {
    set: &'a SyntaxSet,
    state: ParseState,
    stack: ScopeStack,
}

impl<'a> Lines<'a> {
    fn new(set: &'a SyntaxSet, syntax: &SyntaxReference) -> Self {
        Lines {
            set,
            state: ParseState::new(syntax),
            stack: ScopeStack::new(),
        }
    }

    /// `line` without its newline.
    fn line(&mut self, line: &str) -> String {
        let mut out = String::new();
        for scope in self.stack.as_slice() {
            if let Ok((open, _)) = line_tokens_to_classed_spans(
                "",
                &[(0, ScopeStackOp::Push(*scope))],
                STYLE,
                &mut ScopeStack::new(),
            ) {
                out.push_str(&open);
            }
        }
        let with_newline = format!("{line}\n");
        let highlighted = self
            .state
            .parse_line(&with_newline, self.set)
            .ok()
            .and_then(|ops| {
                line_tokens_to_classed_spans(&with_newline, &ops, STYLE, &mut self.stack).ok()
            });
        match highlighted {
            Some((mut html, _)) => {
                // The newline is the last one in the HTML: tags hold none.
                if let Some(at) = html.rfind('\n') {
                    html.remove(at);
                }
                out.push_str(&html);
                for _ in 0..self.stack.len() {
                    out.push_str("</span>");
                }
            }
            None => {
                // A parse error: the rest of the file is shown plain.
                out.clear();
                out.push_str(&escape(line));
                self.stack = ScopeStack::new();
            }
        }
        out
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    Fence,
    Yaml,
    Markdown,
}

impl Region {
    fn class(self) -> &'static str {
        match self {
            Region::Fence => "bijlage-bron__grens",
            Region::Yaml => "bijlage-bron__yaml",
            Region::Markdown => "bijlage-bron__markdown",
        }
    }
}

/// The panel for `file`: its display path and every line, numbered and
/// highlighted, as an HTML fragment.
pub fn panel(file: &SourceFile) -> String {
    let set = syntaxes();
    let plain = set.find_syntax_plain_text();
    let yaml_syntax = set.find_syntax_by_extension("yaml").unwrap_or(plain);
    let md_syntax = set.find_syntax_by_extension("md").unwrap_or(plain);
    // The closing fence is the line before the body; without valid fences
    // the whole file is shown as Markdown.
    let closing = frontmatter::split(&file.text)
        .ok()
        .map(|split| split.body_line - 1);
    let mut yaml = Lines::new(set, yaml_syntax);
    let mut markdown = Lines::new(set, md_syntax);

    let mut out = String::with_capacity(file.text.len() * 4);
    out.push_str(&format!(
        "<div class=\"bijlage-bron\" data-bron=\"{}\">\n<p class=\"bijlage-bron__pad\">Bron: <code>{}</code></p>\n",
        escape(&file.rel),
        escape(&file.display)
    ));
    out.push_str(
        "<div class=\"bijlage-bron__venster\"><table class=\"bijlage-bron__regels\">\n\
         <thead class=\"visueel-verborgen\"><tr><th scope=\"col\">Regel</th><th scope=\"col\">Tekst</th></tr></thead>\n<tbody>\n",
    );
    for (index, line) in file.text.lines().enumerate() {
        let number = index + 1;
        let region = match closing {
            Some(close) if number == 1 || number == close => Region::Fence,
            Some(close) if number < close => Region::Yaml,
            _ => Region::Markdown,
        };
        let html = match region {
            Region::Fence => escape(line),
            Region::Yaml => yaml.line(line),
            Region::Markdown => markdown.line(line),
        };
        out.push_str(&format!(
            "<tr class=\"{}\"><td class=\"bijlage-bron__nr\">{number}</td><td class=\"bijlage-bron__code\"><code>{html}</code></td></tr>\n",
            region.class()
        ));
    }
    out.push_str("</tbody>\n</table></div>\n</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            rel: "actielijn-2/15-x.md".into(),
            display: "content/actielijn-2/15-x.md".into(),
            text: text.into(),
        }
    }

    fn rows(html: &str) -> Vec<&str> {
        html.lines()
            .filter(|l| l.starts_with("<tr class"))
            .collect()
    }

    #[test]
    fn numbers_every_line_and_names_the_file() {
        let text = "---\nnummer: 15\ntitel: \"A <b>\"\n---\nTekst met **nadruk**.\n\n- punt\n";
        let html = panel(&file(text));
        assert!(html.contains("Bron: <code>content/actielijn-2/15-x.md</code>"));
        let rows = rows(&html);
        assert_eq!(rows.len(), 7, "{html}");
        for (i, row) in rows.iter().enumerate() {
            assert!(
                row.contains(&format!("<td class=\"bijlage-bron__nr\">{}</td>", i + 1)),
                "{row}"
            );
        }
        assert!(rows[0].starts_with("<tr class=\"bijlage-bron__grens\">"));
        assert!(rows[1].starts_with("<tr class=\"bijlage-bron__yaml\">"));
        assert!(rows[3].starts_with("<tr class=\"bijlage-bron__grens\">"));
        assert!(rows[4].starts_with("<tr class=\"bijlage-bron__markdown\">"));
        // Highlighted, with classes, and escaped.
        assert!(rows[1].contains("hl-entity"), "{}", rows[1]);
        assert!(rows[2].contains("&lt;b&gt;"), "{}", rows[2]);
        assert!(rows[4].contains("hl-markup hl-bold"), "{}", rows[4]);
    }

    #[test]
    fn every_line_closes_its_spans() {
        // A block scalar spans lines: each row must still be balanced.
        let text = "---\ntitel: |\n  een\n  twee\n---\n```rust\nfn main() {\n}\n```\n";
        let html = panel(&file(text));
        for row in rows(&html) {
            assert_eq!(
                row.matches("<span").count(),
                row.matches("</span>").count(),
                "{row}"
            );
        }
    }

    #[test]
    fn a_file_without_front_matter_is_all_markdown() {
        let html = panel(&file("# Kop\n"));
        let rows = rows(&html);
        assert_eq!(rows.len(), 1);
        assert!(rows[0].starts_with("<tr class=\"bijlage-bron__markdown\">"));
    }
}
