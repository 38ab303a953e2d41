//! The text as readers read it, without markup, for comparing editions.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::options;

/// The text a reader reads in a Markdown text, without markup: links and
/// emphasis as their text, images as their alternative text, raw HTML tags
/// left out, a paragraph, heading, list item, table row or code block per
/// line and a blank line between blocks. Spaces are kept as written (runs of
/// spaces and line breaks inside a paragraph become one space). For
/// comparing editions as readers see them.
pub(crate) fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let block_end = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    let mut item_depth = 0usize;
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
                for c in text.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            out.push(' ');
                        }
                        last_space = true;
                    } else {
                        out.push(c);
                        last_space = false;
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak
                if !out.ends_with([' ', '\n']) && !out.is_empty() =>
            {
                out.push(' ');
            }
            Event::FootnoteReference(label) => {
                out.push('[');
                out.push_str(&label);
                out.push(']');
            }
            Event::Start(Tag::Item) => {
                item_depth += 1;
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("• ");
            }
            Event::End(TagEnd::Item) => item_depth = item_depth.saturating_sub(1),
            Event::Start(Tag::TableCell) if !out.ends_with(['\n', ' ']) && !out.is_empty() => {
                out.push_str(" | ");
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            Event::End(TagEnd::Paragraph) if item_depth > 0 => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => block_end(&mut out),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                out.push('[');
                out.push_str(&label);
                out.push_str("] ");
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_what_readers_read() {
        assert_eq!(
            plain_text(
                "Start volgt na afronding onder [actie 11](actie:11).\nMet **nadruk**  en `code`."
            ),
            "Start volgt na afronding onder actie 11. Met nadruk en code."
        );
        assert_eq!(
            plain_text("Eerste alinea.\n\n- een\n- twee\n\nLaatste <b>vet</b>."),
            "Eerste alinea.\n\n• een\n• twee\n\nLaatste vet."
        );
        assert_eq!(plain_text("![Een grafiek](x.png)"), "Een grafiek");
    }
}
