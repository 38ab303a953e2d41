//! Fenced code highlighted by syntect, with CSS classes (`hl-keyword`, …)
//! instead of inline styles; each distinct block highlighted once.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::text::escape_html as escape;

/// The prefix of the CSS classes syntect emits (`hl-keyword`, …).
pub(crate) const HIGHLIGHT_PREFIX: &str = "hl-";

pub(crate) fn syntaxes() -> &'static SyntaxSet {
    // Loaded on first use only: most editions have no code at all.
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
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
pub(super) fn highlight_once(code: &str, lang: &str) -> String {
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
