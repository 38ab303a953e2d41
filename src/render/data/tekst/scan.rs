//! The one pass over the tags of the renderer's HTML (see the parent
//! module): the calls a walk of html5ever's tree makes, or `None`.

use super::{Tekst, breaks};

/// An element open in [`scan`], with what its children so far were.
struct Open<'h> {
    name: &'h str,
    /// Its last child is an element (a cell after a cell gets " | ").
    last_element: bool,
    /// Its last element child is a `sup` (a footnote's label).
    after_sup: bool,
}

/// The elements [`scan`] reads; any other makes it give up.
fn known(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "div"
            | "section"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "th"
            | "td"
            | "a"
            | "em"
            | "strong"
            | "b"
            | "i"
            | "u"
            | "s"
            | "del"
            | "ins"
            | "code"
            | "span"
            | "sup"
            | "sub"
            | "small"
            | "mark"
            | "abbr"
            | "kbd"
            | "samp"
            | "var"
            | "cite"
            | "q"
            | "dfn"
    ) || void(name)
}

/// Elements without content.
fn void(name: &str) -> bool {
    matches!(name, "br" | "img" | "hr" | "input" | "wbr")
}

/// Elements whose start tag ends an open `p` (html5ever would close it).
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "div"
            | "section"
            | "table"
            | "hr"
    )
}

/// The table's own elements: inside them only the next level of the table
/// and whitespace.
fn table_child(parent: &str) -> Option<&'static [&'static str]> {
    match parent {
        "table" => Some(&["thead", "tbody", "tfoot"]),
        "thead" | "tbody" | "tfoot" => Some(&["tr"]),
        "tr" => Some(&["th", "td"]),
        _ => None,
    }
}

/// Whether html5ever would open `name` as a child of the innermost open
/// element, as written: no end tag implied, nothing moved.
fn opens_as_written(name: &str, stack: &[Open<'_>]) -> bool {
    let Some(parent) = stack.last() else {
        return false;
    };
    let open = |names: &[&str]| stack.iter().any(|o| names.contains(&o.name));
    if !known(name) {
        return false;
    }
    if let Some(children) = table_child(parent.name) {
        return children.contains(&name);
    }
    if matches!(name, "thead" | "tbody" | "tfoot" | "tr" | "th" | "td") {
        return false;
    }
    if closes_p(name) && open(&["p"]) {
        return false;
    }
    // A list item closes an open one up to its list.
    let item_in_item = |items: &[&str], lists: &[&str]| {
        stack
            .iter()
            .rev()
            .take_while(|o| !lists.contains(&o.name))
            .any(|o| items.contains(&o.name))
    };
    match name {
        "li" => !item_in_item(&["li"], &["ul", "ol"]),
        "dt" | "dd" => !item_in_item(&["dt", "dd"], &["dl"]),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => !open(&["h1", "h2", "h3", "h4", "h5", "h6"]),
        "a" => !open(&["a"]),
        _ => true,
    }
}

/// HTML's whitespace inside a tag.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c')
}

/// A start tag without its `<`: the element's name, where the tag ends and
/// whether it ends in `/>`. `None` for anything but a plain tag with
/// well-formed attributes.
fn start_tag(tag: &str) -> Option<(&str, usize, bool)> {
    let bytes = tag.as_bytes();
    let name_len = bytes
        .iter()
        .position(|b| !b.is_ascii_lowercase() && !b.is_ascii_digit())
        .unwrap_or(bytes.len());
    if !bytes.first()?.is_ascii_lowercase() {
        return None;
    }
    let mut i = name_len;
    loop {
        let before = i;
        while bytes.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        match *bytes.get(i)? {
            b'>' => return Some((&tag[..name_len], i + 1, false)),
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                return Some((&tag[..name_len], i + 2, true));
            }
            _ if i == before => return None,
            _ => {}
        }
        let start = i;
        while let Some(&b) = bytes.get(i) {
            if is_space(b) || matches!(b, b'=' | b'>' | b'/') {
                break;
            }
            if matches!(b, b'"' | b'\'' | b'<') {
                return None;
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        while bytes.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while bytes.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        match *bytes.get(i)? {
            quote @ (b'"' | b'\'') => {
                i += 1 + tag[i + 1..].find(quote as char)? + 1;
                if !matches!(*bytes.get(i)?, b'>' | b'/') && !is_space(bytes[i]) {
                    return None;
                }
            }
            _ => {
                while let Some(&b) = bytes.get(i) {
                    if is_space(b) || b == b'>' {
                        break;
                    }
                    if matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`') {
                        return None;
                    }
                    i += 1;
                }
            }
        }
    }
}

/// The character a numeric reference stands for, when html5ever reads it
/// as that character.
fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let n = match digits.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            u32::from_str_radix(hex, 16).ok()?
        }
        None if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse().ok()?
        }
        _ => return None,
    };
    (matches!(n, 0x9 | 0xA | 0x20..=0x7E) || n >= 0xA0)
        .then(|| char::from_u32(n))
        .flatten()
}

/// Text with its character references read: the ones the renderer and
/// ammonia write; `None` for any other.
fn decode(raw: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !raw.contains('&') {
        return Some(raw.into());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let semi = after.find(';')?;
        let name = &after[..semi];
        out.push(match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            _ => numeric(name)?,
        });
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Some(out.into())
}

/// What an element adds before its content.
fn enter(out: &mut Tekst, name: &str, after_label: bool, after_element: bool) {
    if after_label {
        if !out.out.ends_with(' ') {
            out.push(" ");
        }
    } else {
        out.brk(breaks(name).0);
    }
    match name {
        "li" => out.push("- "),
        "td" | "th" if after_element => out.push(" | "),
        "sup" => out.push("["),
        _ => {}
    }
    out.pre += usize::from(name == "pre");
}

/// What an element adds after its content.
fn leave(out: &mut Tekst, name: &str) {
    out.pre -= usize::from(name == "pre");
    if name == "sup" {
        out.push("]");
    }
    out.brk(breaks(name).1);
}

/// [`plain_text`] in one pass over the tags, for HTML that html5ever reads
/// as written; `None` for any other (see the module's documentation).
pub(super) fn scan(html: &str) -> Option<String> {
    if memchr::memchr2(b'\r', b'\0', html.as_bytes()).is_some() {
        return None;
    }
    let mut out = Tekst::default();
    let mut stack = vec![Open {
        name: "html",
        last_element: false,
        after_sup: false,
    }];
    // Just after `<pre>`: html5ever drops a newline there.
    let mut pre_opened = false;
    let mut rest = html;
    while !rest.is_empty() {
        let top = stack.last()?.name;
        let just_pre = std::mem::take(&mut pre_opened);
        if let Some(tag) = rest.strip_prefix('<') {
            if let Some(end) = tag.strip_prefix('/') {
                let len = end.find('>')?;
                let name = end[..len].trim_end_matches(|c: char| is_space(c as u8));
                if name != top || stack.len() == 1 {
                    return None;
                }
                stack.pop();
                leave(&mut out, name);
                rest = &end[len + 1..];
                continue;
            }
            let (name, len, self_closing) = start_tag(tag)?;
            if !opens_as_written(name, &stack) {
                return None;
            }
            let parent = stack.last_mut()?;
            let (after_label, after_element) =
                (name == "p" && parent.after_sup, parent.last_element);
            parent.last_element = true;
            parent.after_sup = name == "sup";
            enter(&mut out, name, after_label, after_element);
            if void(name) {
                leave(&mut out, name);
            } else if self_closing {
                return None;
            } else {
                pre_opened = name == "pre";
                stack.push(Open {
                    name,
                    last_element: false,
                    after_sup: false,
                });
            }
            rest = &tag[len..];
        } else {
            let len = rest.find('<').unwrap_or(rest.len());
            let text = decode(&rest[..len])?;
            rest = &rest[len..];
            if just_pre && text.starts_with('\n')
                || table_child(top).is_some() && !text.bytes().all(is_space)
            {
                return None;
            }
            stack.last_mut()?.last_element = false;
            out.text(&text);
        }
    }
    (stack.len() == 1).then(|| out.out.trim().to_string())
}
