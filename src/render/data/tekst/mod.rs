//! A progress text as plain text, read from its rendered HTML as the page
//! reads.
//!
//! The HTML is the renderer's own (pulldown-cmark, cleaned by ammonia):
//! well-formed, every element closed where it is opened. Such HTML is read
//! by a single pass over its tags (`scan`), which makes the calls a walk of
//! html5ever's tree makes, in the same order. Anything html5ever would
//! build differently from the tags as written (an implied end tag, a
//! table's foster-parented text, an entity other than the few the renderer
//! writes, a comment, a raw text element) makes the pass give up, and the
//! text is parsed by html5ever (`parsed`). The plain text is the same
//! either way; the pass is the one taken for nearly every text (the second
//! parse of every text was a tenth of a build's time).

mod scan;

use scan::scan;

/// The plain text of rendered HTML: text as a reader reads it, blocks on
/// their own lines (paragraphs apart by an empty line), list items with
/// "- ", table cells apart by " | ", footnote references as "[1]".
pub(crate) fn plain_text(html: &str) -> String {
    scan(html).unwrap_or_else(|| parsed(html))
}

/// Line breaks before and after an element's content.
fn breaks(name: &str) -> (usize, usize) {
    match name {
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table" | "blockquote"
        | "pre" | "div" | "section" | "dl" => (2, 2),
        "li" | "tr" | "dt" | "dd" => (1, 1),
        "br" => (1, 0),
        _ => (0, 0),
    }
}

/// [`plain_text`] through html5ever's tree.
fn parsed(html: &str) -> String {
    use scraper::Node;
    fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut Tekst) {
        match node.value() {
            Node::Text(text) => out.text(text),
            Node::Element(el) => {
                let name = el.name();
                let (before, after) = breaks(name);
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
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = Tekst::default();
    walk(fragment.tree.root(), &mut out);
    out.out.trim().to_string()
}

/// The plain text being written, with the breaks owed.
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
        let words = text.trim_start();
        if words.is_empty() {
            // Whitespace between blocks is nothing; inside a line one space.
            if !text.is_empty() && self.breaks == 0 && !self.out.ends_with([' ', '\n']) {
                self.out.push(' ');
            }
            return;
        }
        let lead = words.len() != text.len();
        let trail = text.ends_with(char::is_whitespace);
        self.flush();
        if lead && !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
        push_words(&mut self.out, words);
        if trail {
            self.out.push(' ');
        }
    }
}

/// Whether the character at byte `at` of `text` is whitespace, and its
/// length in bytes.
#[inline(always)]
fn space_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return (matches!(b, b' ' | b'\t'..=b'\r'), 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
}

/// Pushes the words of `text` (which starts with one) with one space between
/// them, as `split_whitespace` would give them: a stretch of words already
/// one space apart is copied at once.
fn push_words(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // No control or line break, no byte that may start a non-ASCII space
    // (U+0085, U+00A0, U+1680, U+2000–U+3000 start with C2, E1, E2, E3),
    // no two spaces in a row: the words are one space apart already. The
    // first check is a few vector instructions per block of bytes.
    let suspect = bytes.iter().fold(0u8, |any, &b| {
        any | u8::from(b < 0x20 || matches!(b, 0xC2 | 0xE1..=0xE3))
    });
    if suspect == 0 && memchr::memmem::find(bytes, b"  ").is_none() {
        out.push_str(text.trim_end_matches(' '));
        return;
    }
    let len = bytes.len();
    // The start of the stretch being copied; whether a space is owed before it.
    let mut run: Option<usize> = None;
    let mut owed = false;
    let mut i = 0;
    while i < len {
        // ASCII other than whitespace and control: inside a word.
        if bytes[i] > b' ' && bytes[i] < 0x7f {
            run.get_or_insert(i);
            i += 1;
            while i < len && bytes[i] > b' ' && bytes[i] < 0x7f {
                i += 1;
            }
            continue;
        }
        let (space, width) = space_at(text, i);
        if !space {
            run.get_or_insert(i);
            i += width;
            continue;
        }
        // One plain space before a word stays inside the stretch.
        if bytes[i] == b' ' && run.is_some() && i + 1 < len && !space_at(text, i + 1).0 {
            i += 1;
            continue;
        }
        if let Some(start) = run.take() {
            if owed {
                out.push(' ');
            }
            out.push_str(&text[start..i]);
            owed = true;
        }
        i += width;
    }
    if let Some(start) = run {
        if owed {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
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

    #[test]
    fn words_are_pushed_as_split_whitespace_gives_them() {
        for text in [
            "a",
            "een twee  drie\n vier\u{a0}vijf \u{3000} zes\t",
            "x \u{85}y  \r\n z\u{2028}",
            "één  twee",
            "a b c",
            "a b c ",
            "a b\u{2019}c ",
            "a b\u{2003}c",
            "a\u{1680}b é",
            "a\u{85}b",
        ] {
            let mut out = String::new();
            push_words(&mut out, text.trim_start());
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(out, words.join(" "), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_pushed_as_split_whitespace_gives_them_for_any_text(text in "[a é’\u{a0}\u{3000}\u{1680}\u{2003}\t\n\r\u{b}\u{c}\u{85}\u{1c}]{0,20}") {
            let mut out = String::new();
            push_words(&mut out, text.trim_start());
            let words: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(out, words.join(" "));
        }
    }

    /// The one pass gives what html5ever's tree gives, or gives up.
    fn same_as_parsed(html: &str) -> bool {
        let fast = scan(html);
        if let Some(fast) = &fast {
            assert_eq!(fast, &parsed(html), "for {html:?}");
        }
        fast.is_some()
    }

    #[test]
    fn the_one_pass_reads_what_the_renderer_writes_as_html5ever_does() {
        let markdown = [
            "Eerste *alinea* met een [link](https://example.org) en\neen zachte regelovergang.",
            "- een\n- twee &amp; drie\n  - diep\n\n1. een\n2. **twee**",
            "- los\n\n- met alinea's\n\n  tweede alinea",
            "Tekst[^1] en nog[^b].\n\n[^1]: Noot.\n[^b]: Tweede *noot*.\n",
            "| a | b |\n|:--|--:|\n| 1 | `2` |\n| x |  |\n",
            "# Kop\n\n## Kop 2\n\n> citaat\n> - in lijst\n\n---\n\nna de lijn",
            "```\ncode  met\n\n  witruimte <b>\n```\n\n    ingesprongen code\n",
            "```rust\nfn main() { let a = \"x\"; }\n```",
            "Regel met twee spaties  \nnieuwe regel\\\nen nog een",
            "![Een grafiek](x.png) en <span>ruwe</span> HTML <em>erin</em>",
            "~~weg~~ \"aanhalingstekens\" 'en' <https://example.org> a < b > c & d",
            "- [ ] taak\n- [x] klaar",
            "Tekst<br>met<br/>breuk <sub>laag</sub> <sup>hoog</sup>",
            "<div class=\"x\">blok</div>\n\n<p>alinea</p>",
            "Ééns   met\u{a0}harde spatie&nbsp;en &#233; &#x1F600;",
            "",
        ];
        let mut read = 0;
        for text in markdown {
            let (html, _) = crate::render::markdown::render(text, 3, &|_| None);
            read += usize::from(same_as_parsed(&html));
        }
        // Nearly everything the renderer writes goes through the one pass.
        assert!(read >= markdown.len() - 1, "{read} of {}", markdown.len());
    }

    #[test]
    fn the_one_pass_gives_up_where_html5ever_builds_otherwise() {
        for html in [
            "<p>open",
            "<p>a<div>b</div></p>",
            "<ul><li>a<li>b</ul>",
            "<table><tr><td>a</td></tr></table>",
            "<table>tekst<tbody></tbody></table>",
            "<pre>\nregel</pre>",
            "a<!-- x -->b",
            "<em>a<strong>b</em></strong>",
            "&copy; &amp &#128; &#0;",
            "<script>x</script>",
            "a <3 b",
            "<a href=\"x\"><a>b</a></a>",
            "<h2>a<h3>b</h3></h2>",
            "<span/>x",
            "x\r\ny",
            "<P>hoofdletters</P>",
            "<dl><dt>a<dd>b</dl>",
        ] {
            assert!(!same_as_parsed(html), "{html:?}");
            // And plain_text still reads it, through html5ever.
            assert_eq!(plain_text(html), parsed(html));
        }
        for html in [
            "<p>a</p>\n<p>b</p>",
            "<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td></tr>\n</tbody></table>",
            "<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>Noot</p></div>",
            "<pre><code>a\n\n  b</code></pre>",
            "<p>a<img src=x alt='y' />b<br>c</p>",
        ] {
            assert!(same_as_parsed(html), "{html:?}");
        }
    }

    /// Pieces of HTML, well-formed and not, that random texts are made of.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<table>",
        "</table>",
        "<thead>",
        "</thead>",
        "<tbody>",
        "</tbody>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th>",
        "</th>",
        "<sup>",
        "</sup>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<div class=\"x\">",
        "</div>",
        "<h3>",
        "</h3>",
        "<h4>",
        "</h4>",
        "<a href=\"actielijn-1.html\">",
        "</a>",
        "<dl>",
        "</dl>",
        "<dt>",
        "</dt>",
        "<dd>",
        "</dd>",
        "<blockquote>",
        "</blockquote>",
        "<br>",
        "<br />",
        "<hr>",
        "<img src=\"x.png\" alt=\"y\">",
        "<input type=\"checkbox\" disabled=\"\">",
        "<span>",
        "</span>",
        "<!-- c -->",
        "tekst",
        "twee woorden",
        " ",
        "\n",
        "  \n ",
        "&amp;",
        "&lt;",
        "&quot;",
        "&#233;",
        "&#x27;",
        "&copy;",
        "&",
        "\u{a0}",
        "é",
        "<",
        ">",
        "<script>",
        "</script>",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever the pieces, the one pass gives what html5ever gives or
        /// gives up (`same_as_parsed` compares).
        #[test]
        fn the_one_pass_never_reads_otherwise_than_html5ever(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let html: String = picks.iter().map(|&i| PIECES[i]).collect();
            same_as_parsed(&html);
        }
    }

    /// Balanced HTML: elements around pieces of text, in any nesting.
    fn balanced() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const TAGS: &[&str] = &[
            "p",
            "em",
            "strong",
            "ul",
            "ol",
            "li",
            "div",
            "h3",
            "sup",
            "pre",
            "code",
            "span",
            "a",
            "blockquote",
            "dl",
            "dt",
            "dd",
            "table",
            "thead",
            "tbody",
            "tr",
            "td",
            "th",
        ];
        const LEAVES: &[&str] = &[
            "tekst",
            "twee woorden",
            " ",
            "\n",
            "  \n ",
            "&amp;",
            "&lt;",
            "&quot;",
            "&#233;",
            "&#x27;",
            "\u{a0}",
            "é",
            "a\u{b}b",
            "<br>",
            "<img src=\"x.png\" alt=\"y\">",
            "&copy;",
        ];
        let leaf = prop::sample::select(LEAVES).prop_map(str::to_string);
        leaf.prop_recursive(4, 48, 4, |inner| {
            (
                prop::sample::select(TAGS),
                prop::collection::vec(inner, 0..4),
            )
                .prop_map(|(tag, children)| format!("<{tag}>{}</{tag}>", children.concat()))
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Balanced HTML in any nesting: the one pass reads what it takes
        /// as html5ever does.
        #[test]
        fn the_one_pass_reads_balanced_html_as_html5ever_does(
            parts in proptest::collection::vec(balanced(), 1..4)
        ) {
            same_as_parsed(&parts.concat());
        }
    }

    #[test]
    fn the_one_pass_takes_most_balanced_html() {
        use proptest::strategy::{Strategy, ValueTree};
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let taken = (0..500)
            .filter(|_| {
                let html = balanced().new_tree(&mut runner).expect("a value").current();
                same_as_parsed(&html)
            })
            .count();
        // Not a trivial pass: a good share of random nestings is read by it.
        assert!(taken > 100, "{taken} of 500");
    }

    #[test]
    fn the_one_pass_reads_every_text_of_the_shipped_edition_as_html5ever_does() {
        let (site, _, _) =
            crate::load_site(&crate::ContentSource::Embedded, true).expect("the edition loads");
        let mut texts = 0;
        for (_, actie) in site.acties() {
            let (html, _) =
                crate::render::markdown::render(&actie.tekst, 3, &|_| Some("#x".to_string()));
            assert!(same_as_parsed(&html), "{html}");
            texts += 1;
        }
        assert!(texts > 40);
    }
}
