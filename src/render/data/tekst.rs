//! A progress text as plain text, read from its rendered HTML as the page
//! reads.

/// The plain text of rendered HTML: text as a reader reads it, blocks on
/// their own lines (paragraphs apart by an empty line), list items with
/// "- ", table cells apart by " | ", footnote references as "[1]".
pub(crate) fn plain_text(html: &str) -> String {
    use scraper::Node;
    fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut Tekst) {
        match node.value() {
            Node::Text(text) => out.text(text),
            Node::Element(el) => {
                let name = el.name();
                let (before, after) = match name {
                    "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table"
                    | "blockquote" | "pre" | "div" | "section" | "dl" => (2, 2),
                    "li" | "tr" | "dt" | "dd" => (1, 1),
                    "br" => (1, 0),
                    _ => (0, 0),
                };
                // A footnote's text follows its label on the same line.
                let after_label = name == "p"
                    && node
                        .prev_siblings()
                        .find(|s| s.value().is_element())
                        .and_then(|s| s.value().as_element().map(|e| e.name() == "sup"))
                        .unwrap_or(false);
                if after_label {
                    if !out.out.ends_with(' ') {
                        out.push(" ");
                    }
                } else {
                    out.brk(before);
                }
                match name {
                    "li" => out.push("- "),
                    "td" | "th" if node.prev_sibling().is_some_and(|s| s.value().is_element()) => {
                        out.push(" | ")
                    }
                    "sup" => out.push("["),
                    _ => {}
                }
                let pre = name == "pre";
                out.pre += usize::from(pre);
                for child in node.children() {
                    walk(child, out);
                }
                out.pre -= usize::from(pre);
                if name == "sup" {
                    out.push("]");
                }
                out.brk(after);
            }
            _ => {
                for child in node.children() {
                    walk(child, out);
                }
            }
        }
    }
    #[derive(Default)]
    struct Tekst {
        out: String,
        /// Line breaks owed before the next text.
        breaks: usize,
        /// Inside `pre`: keep the text as it is.
        pre: usize,
    }
    impl Tekst {
        fn brk(&mut self, n: usize) {
            self.breaks = self.breaks.max(n);
        }
        fn push(&mut self, text: &str) {
            self.flush();
            self.out.push_str(text);
        }
        fn flush(&mut self) {
            if !self.out.is_empty() && self.breaks > 0 {
                self.out.truncate(self.out.trim_end_matches(' ').len());
                for _ in 0..self.breaks {
                    self.out.push('\n');
                }
            }
            self.breaks = 0;
        }
        fn text(&mut self, text: &str) {
            if self.pre > 0 {
                self.push(text.trim_end_matches('\n'));
                return;
            }
            let collapsed: Vec<&str> = text.split_whitespace().collect();
            if collapsed.is_empty() {
                // Whitespace between blocks is nothing; inside a line one space.
                if !text.is_empty() && self.breaks == 0 && !self.out.ends_with([' ', '\n']) {
                    self.out.push(' ');
                }
                return;
            }
            let lead = text.starts_with(char::is_whitespace);
            let trail = text.ends_with(char::is_whitespace);
            self.flush();
            if lead && !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
                self.out.push(' ');
            }
            self.out.push_str(&collapsed.join(" "));
            if trail {
                self.out.push(' ');
            }
        }
    }
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = Tekst::default();
    walk(fragment.tree.root(), &mut out);
    out.out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_reads_as_the_page_does() {
        let (html, _) = crate::render::markdown::render(
            "Eerste *alinea* met een [link](https://example.org) en\neen zachte regelovergang.\n\n\
             - een\n- twee &amp; drie\n\nTekst[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Noot.\n",
            3,
            &|_| None,
        );
        assert_eq!(
            plain_text(&html),
            "Eerste alinea met een link en een zachte regelovergang.\n\n\
             - een\n- twee & drie\n\nTekst[1].\n\na | b\n1 | 2\n\n[1] Noot."
        );
        assert_eq!(plain_text(""), "");
        assert_eq!(plain_text("<pre><code>a  b\nc\n</code></pre>"), "a  b\nc");
    }
}
