//! What a theme's templates can call besides tera's own: the functions
//! `inline_static`, `data_uri`, `range` (bounded) and `paginatitel`, the
//! filter `css_string`, and the escape function of every `.html`/`.svg`
//! template. Each is a named item, registered in one place
//! ([`register`]) and tested on its own.

use std::collections::HashMap;
use std::sync::Arc;

use super::theme::Theme;
use super::{bounds, titel};

/// Escapes text for HTML text and double-quoted attributes. Unlike tera's
/// default it leaves `/` alone, so titles such as "3/4" stay readable in the
/// source.
pub(super) fn escape(text: &str) -> String {
    // Byte by byte, copying the runs between the characters it replaces:
    // every printed value passes here. The characters replaced are ASCII;
    // control characters are C0 (below 0x20), DEL and C1 (U+0080–U+009F,
    // in UTF-8 0xC2 0x80–0x9F), as `char::is_control`.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            // Control characters (a NUL from a YAML escape `"\0"`) never
            // reach the HTML; the loader already warned about those typed.
            b'\n' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            0x00..=0x1F | 0x7F => ("", 1),
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => ("", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        i += len;
        start = i;
    }
    out.push_str(&text[start..]);
    out
}

/// Registers every function and filter of this module, and the escape
/// function, on a theme's tera environment.
pub(super) fn register(tera: &mut tera::Tera, theme: &Theme) {
    tera.autoescape_on(vec![".html", ".svg"]);
    tera.set_escape_fn(escape);
    tera.register_function("range", bounds::range);
    tera.register_function("paginatitel", titel::function);
    let statics = Arc::new(theme.statics.clone());
    tera.register_function("inline_static", InlineStatic(Arc::clone(&statics)));
    tera.register_function("data_uri", DataUri(statics));
    tera.register_filter("css_string", css_string);
}

/// The theme's static files, by their path in `static/`.
type Statics = Arc<Vec<(String, Vec<u8>)>>;

/// The static file named by the argument `pad`: only the theme's own.
fn lookup(
    statics: &Statics,
    args: &HashMap<String, tera::Value>,
) -> tera::Result<(String, Vec<u8>)> {
    let pad = args
        .get("pad")
        .and_then(tera::Value::as_str)
        .ok_or_else(|| {
            tera::Error::msg("`pad` ontbreekt: geef het pad van een bestand in static/")
        })?
        .to_string();
    statics
        .iter()
        .find(|(name, _)| *name == pad)
        .map(|(_, bytes)| (pad.clone(), bytes.clone()))
        .ok_or_else(|| tera::Error::msg(format!("`{pad}` staat niet in static/ van het thema")))
}

/// `inline_static(pad=…)`: the text of a static file of the theme (to
/// inline CSS).
struct InlineStatic(Statics);

impl tera::Function for InlineStatic {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let (pad, bytes) = lookup(&self.0, args)?;
        String::from_utf8(bytes)
            .map(tera::Value::String)
            .map_err(|_| tera::Error::msg(format!("`{pad}` is geen UTF-8-tekst")))
    }
}

/// `data_uri(pad=…)`: a static file of the theme as a data URI (to inline
/// images and fonts).
struct DataUri(Statics);

impl tera::Function for DataUri {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        use base64::Engine;
        let (pad, bytes) = lookup(&self.0, args)?;
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        Ok(tera::Value::String(format!(
            "data:{};base64,{data}",
            mime(&pad)
        )))
    }
}

/// The media type of a static file, by its extension.
fn mime(pad: &str) -> &'static str {
    match pad.rsplit('.').next().unwrap_or_default() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "css" => "text/css",
        _ => "application/octet-stream",
    }
}

/// The filter `css_string`: a string for CSS `content: …`, quoted and
/// escaped (no line break, and no `<` that could end a `<style>`).
fn css_string(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = value.as_str().unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("\\3c "),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(tera::Value::String(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Function;

    fn statics() -> Statics {
        Arc::new(vec![
            ("stijl.css".to_string(), b"body{}".to_vec()),
            ("logo.png".to_string(), vec![0x89, b'P', b'N', b'G']),
            ("kapot.css".to_string(), vec![0xff, 0xfe]),
        ])
    }

    fn args(pad: &str) -> HashMap<String, tera::Value> {
        HashMap::from([("pad".to_string(), tera::Value::String(pad.to_string()))])
    }

    #[test]
    fn escape_leaves_slashes_and_drops_control_characters() {
        assert_eq!(
            escape("3/4 <b> & \"x\" 'y'"),
            "3/4 &lt;b&gt; &amp; &quot;x&quot; &#39;y&#39;"
        );
        assert_eq!(escape("a\u{0}b\tc\n"), "ab\tc\n");
        // Every character as `char::is_control` decides, in any text.
        let all: String = (0..0x800u32).filter_map(char::from_u32).collect();
        let expected: String = all
            .chars()
            .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect();
        assert_eq!(escape(&all), expected);
        assert_eq!(escape("\u{9f}é\u{a0}\u{7f}x"), "é\u{a0}x");
    }

    #[test]
    fn inline_static_gives_the_text_of_the_themes_own_file() {
        let f = InlineStatic(statics());
        assert_eq!(
            f.call(&args("stijl.css")).ok(),
            Some(tera::Value::String("body{}".into()))
        );
        let missing = f.call(&args("../../etc/passwd")).unwrap_err().to_string();
        assert!(missing.contains("staat niet in static/"), "{missing}");
        let binary = f.call(&args("kapot.css")).unwrap_err().to_string();
        assert!(binary.contains("geen UTF-8-tekst"), "{binary}");
        let none = f.call(&HashMap::new()).unwrap_err().to_string();
        assert!(none.contains("`pad` ontbreekt"), "{none}");
    }

    #[test]
    fn data_uri_names_the_media_type() {
        let f = DataUri(statics());
        assert_eq!(
            f.call(&args("logo.png")).ok(),
            Some(tera::Value::String("data:image/png;base64,iVBORw==".into()))
        );
        assert_eq!(mime("lettertype.woff2"), "font/woff2");
        assert_eq!(mime("onbekend.xyz"), "application/octet-stream");
    }

    #[test]
    fn css_string_cannot_leave_its_quotes_or_the_style_element() {
        let v = css_string(
            &tera::Value::String("a\"b\\c\n</style>".into()),
            &HashMap::new(),
        );
        assert_eq!(
            v.ok(),
            Some(tera::Value::String("\"a\\\"b\\\\c \\3c /style>\"".into()))
        );
    }
}
