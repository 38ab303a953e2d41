//! Reading what Chromium printed (pages, named destinations, tagging, the
//! outline) and finishing the PDF (bookmarks, language, dates).

use std::collections::BTreeMap;

use lopdf::{Document, Object, ObjectId};

use super::PdfError;

/// The language written into the PDF's catalogue.
pub(crate) const LANG: &str = "nl-NL";

/// What the printer made: its pages, and the page of each named destination.
#[derive(Debug)]
pub struct Layout {
    /// How many pages were printed.
    pub pages: u32,
    /// The page of each named destination (an anchor of the annex).
    pub destinations: BTreeMap<String, u32>,
    /// Whether the PDF is tagged (structure for screen readers).
    pub tagged: bool,
    /// Whether it has an outline (bookmarks).
    pub outline: bool,
}

/// Reads the page count and the named destinations (`/Dests` in the
/// catalogue, as Chromium writes them, or the `/Names` tree) of a PDF.
pub fn layout(doc: &Document) -> Result<Layout, PdfError> {
    let pages = doc.get_pages();
    let number: BTreeMap<ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let catalog = doc
        .catalog()
        .map_err(|e| PdfError::Unreadable(e.to_string()))?;
    let mut destinations = BTreeMap::new();
    let mut add = |name: &[u8], dest: &Object| {
        let dest = doc.dereference(dest).map(|(_, o)| o).ok();
        // A destination is an array [page …] or a dictionary with /D.
        let array = match dest {
            Some(Object::Array(a)) => Some(a),
            Some(Object::Dictionary(d)) => d
                .get(b"D")
                .ok()
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, o)| o.as_array().ok()),
            _ => None,
        };
        if let Some(page) = array
            .and_then(|a| a.first())
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| number.get(&id))
        {
            destinations.insert(String::from_utf8_lossy(name).into_owned(), *page);
        }
    };
    if let Ok(dests) = catalog
        .get(b"Dests")
        .and_then(|d| doc.dereference(d))
        .and_then(|(_, o)| o.as_dict())
    {
        for (name, dest) in dests.iter() {
            add(name, dest);
        }
    }
    if let Ok(tree) = catalog
        .get(b"Names")
        .and_then(|n| doc.dereference(n))
        .and_then(|(_, o)| o.as_dict())
        .and_then(|n| n.get(b"Dests"))
        .and_then(|d| doc.dereference(d))
        .map(|(_, o)| o)
    {
        walk_names(doc, tree, 0, &mut add);
    }
    let tagged = catalog
        .get(b"MarkInfo")
        .and_then(|m| doc.dereference(m))
        .and_then(|(_, o)| o.as_dict())
        .and_then(|m| m.get(b"Marked"))
        .and_then(|m| m.as_bool())
        .unwrap_or(false)
        && catalog.has(b"StructTreeRoot");
    Ok(Layout {
        pages: pages.len() as u32,
        destinations,
        tagged,
        outline: catalog.has(b"Outlines"),
    })
}

/// A name tree: `/Names [name dest …]` in the leaves, `/Kids` above them.
fn walk_names(doc: &Document, node: &Object, depth: usize, add: &mut impl FnMut(&[u8], &Object)) {
    let Ok(node) = node.as_dict() else { return };
    if depth > 32 {
        return;
    }
    if let Ok(names) = node.get(b"Names").and_then(|n| n.as_array()) {
        for pair in names.chunks(2) {
            if let [name, dest] = pair {
                if let Ok(name) = name.as_str() {
                    add(name, dest);
                }
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(|k| k.as_array()) {
        for kid in kids {
            if let Ok((_, kid)) = doc.dereference(kid) {
                walk_names(doc, kid, depth + 1, add);
            }
        }
    }
}

/// The finishing touches Chromium leaves out: the bookmarks' spaces (see
/// [`print`]), the language as `nl-NL` (the
/// page says `nl`) in the catalogue and on the structure elements that carry
/// it, and, when `SOURCE_DATE_EPOCH` is set, that moment as the creation and
/// modification date, so that two runs give the same file.
pub(super) fn finish(doc: &mut Document, headings: &[String]) -> Result<(), PdfError> {
    let squash = |t: &str| t.split_whitespace().collect::<String>();
    let known: BTreeMap<String, &String> = headings.iter().map(|h| (squash(h), h)).collect();
    let lang = Object::string_literal(LANG);
    doc.catalog_mut()
        .map_err(|e| PdfError::Unreadable(e.to_string()))?
        .set("Lang", lang.clone());
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            // A bookmark: a /Title with a /Parent and a destination.
            let bookmark = dict.has(b"Parent") && (dict.has(b"Dest") || dict.has(b"A"));
            if let (true, Ok(title)) = (bookmark, dict.get(b"Title")) {
                if let Ok(text) = lopdf::decode_text_string(title) {
                    if let Some(heading) = known.get(&squash(&text)) {
                        if text != **heading {
                            dict.set("Title", lopdf::text_string(heading));
                        }
                    }
                }
            }
            let structure =
                dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"StructElem".as_slice());
            if structure && dict.has(b"Lang") {
                dict.set("Lang", lang.clone());
            }
        }
    }
    let date = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(pdf_date);
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference()).ok();
    if let (Some(date), Some(info)) = (date, info) {
        if let Ok(Object::Dictionary(info)) = doc.get_object_mut(info) {
            info.set("CreationDate", date.clone());
            info.set("ModDate", date);
        }
    }
    Ok(())
}

/// A PDF date (`D:YYYYMMDDHHmmSS+00'00'`) of a Unix time, in UTC, as lopdf
/// writes a `time` date; `None` for a time `time` cannot hold.
pub(crate) fn pdf_date(unix: i64) -> Option<Object> {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .map(Object::from)
}
