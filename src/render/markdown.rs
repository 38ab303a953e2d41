//! Markdown to HTML: pulldown-cmark with tables, footnotes and strikethrough;
//! fenced code highlighted by syntect with CSS classes; cross-references to
//! actions (`[actie 15](actie:15)` or `(#actie-15)`) resolved to their page.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The prefix of the CSS classes syntect emits (`hl-keyword`, …).
pub const HIGHLIGHT_PREFIX: &str = "hl-";

fn syntaxes() -> &'static SyntaxSet {
    // Loaded on first use only: most editions have no code at all.
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The action a link points at, if it is a cross-reference: `actie:15`,
/// `actie:pilot-x` or `#actie-15`.
pub fn reference_target(dest: &str) -> Option<&str> {
    dest.strip_prefix("actie:")
        .or_else(|| dest.strip_prefix("#actie-"))
        .map(str::trim)
}

/// A cross-reference that points nowhere, with its byte offset in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub target: String,
    pub offset: usize,
}

fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let token = lang.split([',', ' ']).next().unwrap_or_default();
    let Some(syntax) = (!token.is_empty())
        .then(|| set.find_syntax_by_token(token))
        .flatten()
    else {
        return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed {
            prefix: HIGHLIGHT_PREFIX,
        },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
        }
    }
    format!(
        "<pre class=\"code\" data-taal=\"{}\"><code>{}</code></pre>\n",
        escape(token),
        generator.finalize()
    )
}

/// [`highlight`], once per distinct (language, code): a block that recurs
/// across progress texts (a data sample, a command) is highlighted once per
/// process and then copied. Plain blocks are only escaped, so not kept.
fn highlight_once(code: &str, lang: &str) -> String {
    type Cache = Mutex<HashMap<(String, String), String>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    if lang.trim().is_empty() {
        return highlight(code, lang);
    }
    let cache = CACHE.get_or_init(Cache::default);
    let key = (lang.to_string(), code.to_string());
    if let Some(html) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return html;
    }
    let html = highlight(code, lang);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, html.clone());
    }
    html
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

fn shift(level: HeadingLevel, by: usize) -> HeadingLevel {
    let n = (level as usize + by).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Renders `source` to HTML. `resolve` turns the target of a cross-reference
/// into an href; unresolved targets are returned as [`Broken`] and keep their
/// text without link. Headings are shifted down by `heading_shift` levels so
/// that a `#` in a progress text nests under the page's own headings.
pub fn render(
    source: &str,
    heading_shift: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (String, Vec<Broken>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut broken = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut dropped_links = 0usize;
    // The events stream straight from the parser into the HTML writer,
    // rewritten on the way; nothing is collected in between.
    let events = Parser::new_ext(source, options)
        .into_offset_iter()
        .filter_map(|(event, range)| {
            if let Some((lang, text)) = &mut code {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let html = highlight_once(text, lang);
                        code = None;
                        return Some(Event::Html(CowStr::from(html)));
                    }
                    _ => {}
                }
                return None;
            }
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(lang) => lang.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                    None
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => match reference_target(&dest_url) {
                    Some(target) => match resolve(target) {
                        Some(href) => Some(Event::Start(Tag::Link {
                            link_type,
                            dest_url: CowStr::from(href),
                            title,
                            id,
                        })),
                        None => {
                            broken.push(Broken {
                                target: target.to_string(),
                                offset: range.start,
                            });
                            dropped_links += 1;
                            None
                        }
                    },
                    None => Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })),
                },
                Event::End(TagEnd::Link) if dropped_links > 0 => {
                    // Pairs with the innermost dropped start: links do not nest.
                    dropped_links -= 1;
                    None
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => Some(Event::Start(Tag::Heading {
                    level: shift(level, heading_shift),
                    id,
                    classes,
                    attrs,
                })),
                Event::End(TagEnd::Heading(level)) => {
                    Some(Event::End(TagEnd::Heading(shift(level, heading_shift))))
                }
                other => Some(other),
            }
        });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    (html, broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn renders_tables_footnotes_and_strikethrough() {
        let (html, _) = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ tekst[^1]\n\n[^1]: noot\n",
            0,
            &none,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>weg</del>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn highlights_code_with_classes_not_styles() {
        let (html, _) = render("```rust\nfn main() {}\n```\n", 0, &none);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        let (plain, _) = render("```onbekend\n<x>\n```\n", 0, &none);
        assert!(plain.contains("&lt;x&gt;"), "{plain}");
    }

    #[test]
    fn resolves_and_reports_cross_references() {
        let resolve = |t: &str| (t == "15").then(|| "actielijn-2.html#actie-15".to_string());
        let (html, broken) = render(
            "Zie [actie 15](actie:15) en [actie 99](#actie-99).",
            0,
            &resolve,
        );
        assert!(
            html.contains("<a href=\"actielijn-2.html#actie-15\">actie 15</a>"),
            "{html}"
        );
        assert!(html.contains(" en actie 99."), "{html}");
        assert_eq!(
            broken,
            vec![Broken {
                target: "99".into(),
                offset: 28
            }]
        );
    }

    #[test]
    fn shifts_headings() {
        let (html, _) = render("# Kop\n\ntekst", 3, &none);
        assert!(html.starts_with("<h4>Kop</h4>"), "{html}");
    }
}
