//! The sanitizer: ammonia with the rules for what Markdown and the
//! highlighter produce.

use std::sync::OnceLock;

/// The ammonia configuration: its defaults, plus the attributes Markdown and
/// the highlighter produce.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .link_rel(None)
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .add_tag_attributes("span", ["class"])
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("pre", ["class", "data-taal"])
            .add_tag_attributes("sup", ["class"])
            .add_tag_attributes("div", ["class", "id"])
            .add_tag_attributes("li", ["id", "class"])
            // Paragraph references of a review copy (`render_cited`).
            .add_tag_attributes("p", ["id", "class"])
            .add_tag_attributes("ol", ["start"])
            // Column alignment is a class (see `aligned_cell`), never a
            // style attribute, which a strict Content-Security-Policy blocks.
            .add_tag_attributes("th", ["class"])
            .add_tag_attributes("td", ["class"]);
        builder
    })
}

/// Cleans an HTML fragment with the sanitizer's rules.
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}
