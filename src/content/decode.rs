//! A page's bytes to its text: UTF-8 required, a BOM dropped, CRLF turned
//! into LF, stray control characters removed with a warning.

use crate::error::{Diagnostic, Location, Problem};

/// Decodes a file's bytes: UTF-8 required, a BOM dropped, CRLF turned into LF.
/// The error carries the byte offset of the first invalid byte in the text
/// as shown (with replacement characters and LF line endings).
pub fn decode(bytes: Vec<u8>) -> Result<String, (Problem, usize)> {
    decode_at(bytes).map_err(|bad| (Problem::NotUtf8, bad.offset))
}

/// A file that is not UTF-8: where the first invalid byte is, and the text
/// with replacement characters to show the line.
pub(super) struct NotUtf8 {
    /// Byte offset in `lossy`.
    pub(super) offset: usize,
    pub(super) lossy: String,
}

/// Like [`decode`], with the position of the first invalid byte.
pub(super) fn decode_at(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let offset = String::from_utf8_lossy(valid).replace("\r\n", "\n").len();
        let lossy = String::from_utf8_lossy(err.as_bytes()).replace("\r\n", "\n");
        NotUtf8 { offset, lossy }
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// Is `c` a control character that has no place in a text: C0 other than
/// tab and newline, DEL, C1? (A carriage return is gone after decoding.)
fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// At most this many control characters are named per file; the rest are
/// removed without a message of their own.
const CONTROLS_NAMED: usize = 10;

/// `text` without stray control characters (NUL and the like, often pasted
/// in from another program), with a warning at the place of each: they are
/// removed before anything else reads the text, so they never reach the
/// YAML parser or the HTML.
pub(super) fn strip_controls(text: String, display: &str, diags: &mut Vec<Diagnostic>) -> String {
    if !crate::text::has_stray_control(&text) {
        return text;
    }
    let mut named = 0;
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        if is_stray_control(c) {
            if named < CONTROLS_NAMED {
                named += 1;
                diags.push(Diagnostic::warning(
                    // Where it was in the text as shown, without the
                    // removed ones.
                    Location::at(display, clean.len()),
                    Problem::ControlCharacter {
                        code: format!("U+{:04X}", u32::from(c)),
                    },
                ));
            }
            continue;
        }
        clean.push(c);
    }
    clean
}
