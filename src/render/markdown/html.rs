//! Markdown to HTML, event by event: cross-references resolved, unsafe links
//! dropped, table columns aligned by class, code highlighted, headings
//! shifted, and in a review copy the paragraphs numbered for citing.

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::highlight::highlight_once;
use super::scan::Depth;
use super::{Broken, RawHtml, is_safe_url, options, reference_target, sanitize};
use crate::text::escape_html as escape;

/// The start tag of a table cell whose column is aligned: a class instead of
/// pulldown-cmark's `style="text-align: …"`, which a Content-Security-Policy
/// without `'unsafe-inline'` blocks. The theme styles the classes.
fn aligned_cell(head: bool, alignment: Alignment) -> Option<String> {
    let class = match alignment {
        Alignment::None => return None,
        Alignment::Left => "uitlijnen-links",
        Alignment::Center => "uitlijnen-midden",
        Alignment::Right => "uitlijnen-rechts",
    };
    let tag = if head { "th" } else { "td" };
    Some(format!("<{tag} class=\"{class}\">"))
}

fn shift(level: HeadingLevel, by: usize) -> HeadingLevel {
    let n = (level as usize + by).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// How the paragraphs of a progress text are cited in a review copy: every
/// paragraph outside a list item and every list item (at any depth) is
/// numbered from 1 in reading order, gets the id `{anker}_{n}` and shows
/// `{label}.{n}` ("15.2", "3/4.1", "pilot-x.3"). Anchors and ids of actions
/// hold no `_` (nor do the theme's own ids), so these ids are unique in a
/// page; a `.` would read better but is no valid id for html-validate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Alineas<'a> {
    /// What a reviewer writes: the action's label or, for an extra action,
    /// its id.
    pub label: &'a str,
    /// The action's (first) anchor, `actie-15`.
    pub anker: &'a str,
}

impl Alineas<'_> {
    /// The id and the visible reference of block `n`.
    pub(crate) fn of(&self, n: usize) -> (String, String) {
        (format!("{}_{n}", self.anker), format!("{}.{n}", self.label))
    }

    fn start(&self, tag: &str, n: usize) -> String {
        let (id, label) = self.of(n);
        format!(
            "<{tag} id=\"{}\" class=\"alinea\"><span class=\"alinea__ref\">{}</span> ",
            escape(&id),
            escape(&label)
        )
    }
}

/// [`render_with`](super::render_with), numbering paragraphs and list items
/// for citing when `alineas` is given.
pub(crate) fn render_cited(
    source: &str,
    heading_shift: usize,
    resolve: &dyn Fn(&str) -> Option<String>,
    raw_html: RawHtml,
    alineas: Option<&Alineas<'_>>,
) -> (String, Vec<Broken>) {
    let mut html = Html {
        heading_shift,
        resolve,
        sanitize_html: raw_html == RawHtml::Sanitize,
        alineas,
        items: 0,
        numbered: 0,
        has_raw_html: false,
        depth: Depth::default(),
        too_deep: false,
        dropped_images: 0,
        dropped_links: 0,
        broken: Vec::new(),
        next: None,
        code: None,
        table: Table::default(),
    };
    // The events are written as they come, not gathered first.
    let mut out = String::with_capacity(source.len() * 3 / 2);
    let events = Parser::new_ext(source, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            html.event(event, range.start);
            html.next.take()
        });
    pulldown_cmark::html::push_html(&mut out, events);
    html.finish(out)
}

/// The columns of the table being rendered: their alignments, whether in its
/// head, and the column of the next cell.
#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

impl Table {
    /// The event to write for a table event (cells of an aligned column as a
    /// start tag with a class), or the event back if it is none of the
    /// table's.
    fn event<'a>(&mut self, event: Event<'a>) -> Result<Event<'a>, Event<'a>> {
        Ok(match event {
            Event::Start(Tag::Table(table)) => {
                let written = Event::Start(Tag::Table(vec![Alignment::None; table.len()]));
                self.alignments = table;
                written
            }
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.column = 0;
                Event::Start(Tag::TableHead)
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                Event::End(TagEnd::TableHead)
            }
            Event::Start(Tag::TableRow) => {
                self.column = 0;
                Event::Start(Tag::TableRow)
            }
            Event::Start(Tag::TableCell) => {
                let alignment =
                    (self.alignments.get(self.column).copied()).unwrap_or(Alignment::None);
                match aligned_cell(self.in_head, alignment) {
                    Some(tag) => Event::Html(CowStr::from(tag)),
                    None => Event::Start(Tag::TableCell),
                }
            }
            Event::End(TagEnd::TableCell) => {
                self.column += 1;
                Event::End(TagEnd::TableCell)
            }
            other => return Err(other),
        })
    }
}

/// One text being rendered: the event to write next and what the events
/// before have opened.
struct Html<'a, 'r> {
    heading_shift: usize,
    resolve: &'r dyn Fn(&str) -> Option<String>,
    sanitize_html: bool,
    alineas: Option<&'r Alineas<'r>>,
    /// List items open around the current event.
    items: usize,
    /// Blocks numbered so far.
    numbered: usize,
    has_raw_html: bool,
    depth: Depth,
    too_deep: bool,
    /// Images and links left out whose end is still to come.
    dropped_images: usize,
    dropped_links: usize,
    broken: Vec<Broken>,
    /// The event to write for the one taken in, if any.
    next: Option<Event<'a>>,
    /// The language and the text so far of the code block being read.
    code: Option<(String, String)>,
    table: Table,
}

impl<'a> Html<'a, '_> {
    /// Takes in the event found at byte `offset` of the source.
    fn event(&mut self, event: Event<'a>, offset: usize) {
        if let Some((lang, text)) = &mut self.code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = highlight_once(text, lang);
                    self.emit(Event::Html(CowStr::from(html)));
                    self.code = None;
                }
                _ => {}
            }
            return;
        }
        let event = match self.table.event(event) {
            Ok(written) => return self.emit(written),
            Err(event) => event,
        };
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link(link_type, dest_url, title, id, offset),
            Event::End(TagEnd::Link) if self.dropped_links > 0 => {
                // Pairs with the innermost dropped start: links do not nest.
                self.dropped_links -= 1;
            }
            Event::Start(Tag::Image { dest_url, .. })
                if self.sanitize_html && !is_safe_url(&dest_url) =>
            {
                // The alt text stays, as text.
                self.dropped_images += 1;
            }
            Event::End(TagEnd::Image) if self.dropped_images > 0 => self.dropped_images -= 1,
            Event::Html(html) | Event::InlineHtml(html) if self.sanitize_html => {
                self.has_raw_html = true;
                self.too_deep = self.too_deep || self.depth.feed(&html);
                self.emit(Event::Html(html));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.emit(Event::Start(Tag::Heading {
                level: shift(level, self.heading_shift),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                let level = shift(level, self.heading_shift);
                self.emit(Event::End(TagEnd::Heading(level)));
            }
            event @ (Event::Start(Tag::Item | Tag::Paragraph) | Event::End(TagEnd::Item)) => {
                self.numbering(event);
            }
            other => self.emit(other),
        }
    }

    /// A link: a cross-reference resolved to its page (or left out, and
    /// recorded as broken, when it points nowhere); an unsafe link left out
    /// when sanitizing; any other as written.
    fn link(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        let dest_url = match reference_target(&dest_url) {
            Some(target) => match (self.resolve)(target) {
                Some(href) => CowStr::from(href),
                None => {
                    self.broken.push(Broken {
                        target: target.to_string(),
                        offset,
                    });
                    self.dropped_links += 1;
                    return;
                }
            },
            None if self.sanitize_html && !is_safe_url(&dest_url) => {
                self.dropped_links += 1;
                return;
            }
            None => dest_url,
        };
        self.emit(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }));
    }

    /// List items and paragraphs: numbered for citing when `alineas` is
    /// given (every list item, and every paragraph outside a list item).
    fn numbering(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Item) => {
                self.items += 1;
                match self.alineas {
                    Some(alineas) => {
                        self.numbered += 1;
                        let start = alineas.start("li", self.numbered);
                        self.emit(Event::Html(CowStr::from(start)));
                    }
                    None => self.emit(Event::Start(Tag::Item)),
                }
            }
            Event::End(TagEnd::Item) => {
                self.items = self.items.saturating_sub(1);
                self.emit(Event::End(TagEnd::Item));
            }
            Event::Start(Tag::Paragraph) if self.items == 0 && self.alineas.is_some() => {
                if let Some(alineas) = self.alineas {
                    self.numbered += 1;
                    let start = alineas.start("p", self.numbered);
                    self.emit(Event::Html(CowStr::from(start)));
                }
            }
            other => self.emit(other),
        }
    }

    /// Writes `event` for the one taken in (at most one per event).
    fn emit(&mut self, event: Event<'a>) {
        debug_assert!(self.next.is_none(), "one event written per event read");
        self.next = Some(event);
    }

    /// The HTML of the events (`html`), cleaned as the text asks, and the
    /// broken references.
    fn finish(self, mut html: String) -> (String, Vec<Broken>) {
        if crate::text::has_stray_control(&html) {
            // From a numeric character reference such as `&#1;`: the loader
            // removed those typed as they are.
            html.retain(|c| !c.is_control() || matches!(c, '\n' | '\t'));
        }
        if self.too_deep {
            // Reported by `scan` as an error; here only kept from the
            // sanitizer and made harmless.
            html = escape(&html);
        } else if self.has_raw_html {
            html = sanitize(&html);
        }
        (html, self.broken)
    }
}
