//! The single-file annex's variant of rendered HTML: links kept inside the
//! file and nothing loaded from another host.

use std::borrow::Cow;

use super::markdown;

/// The annex's variant of `html`, when it differs from the site's: links
/// kept inside the file ([`annex_links`]), images from another host made
/// plain links ([`annex_images`]).
pub(super) fn annex_variant(html: &str) -> Option<String> {
    let images = annex_images(html);
    match (annex_links(&images), &images) {
        (Cow::Owned(changed), _) => Some(changed),
        (Cow::Borrowed(_), Cow::Owned(changed)) => Some(changed.clone()),
        (Cow::Borrowed(_), Cow::Borrowed(_)) => None,
    }
}

/// For the single-file annex, which must load nothing from elsewhere: an
/// image from another host (`<img src="https://…">`) becomes a link to it,
/// with its alt text. The site itself keeps the image, with a warning (see
/// `checks`). The tags are read as a browser reads them
/// ([`markdown::remote_images_in_html`]), so raw HTML passed through as
/// written (`ruwe_html: true`) is covered in any spelling; the values are
/// kept as written (a `"` in them escaped, and `<`, `>` in the alt text).
pub fn annex_images(html: &str) -> Cow<'_, str> {
    if !has_img_tag(html) {
        // Most texts have no image: not read tag by tag.
        return Cow::Borrowed(html);
    }
    let images = markdown::remote_images_in_html(html);
    if images.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for image in images {
        out.push_str(&html[last..image.tag.start]);
        let src = html[image.src_written].replace('"', "&quot;");
        let alt = image
            .alt_written
            .map(|alt| &html[alt])
            .filter(|alt| !alt.trim().is_empty())
            .unwrap_or("afbeelding")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        out.push_str(&format!("<a href=\"{src}\">{alt}</a>"));
        last = image.tag.end;
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// Whether `html` has a tag that starts with `<im` (`<img`, `<image`) in
/// any spelling anywhere: without one it has no image at all.
fn has_img_tag(html: &str) -> bool {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| {
        bytes
            .get(at + 1..at + 3)
            .is_some_and(|n| n.eq_ignore_ascii_case(b"im"))
    })
}

/// Rewrites links for the single-file annex: a link to an actielijn page
/// (`actielijn-2.html`) or into one (`actielijn-2.html#actie-15`) becomes an
/// in-page link (`#actielijn-2`, `#actie-15`). Everything else is left alone.
pub fn annex_links(html: &str) -> Cow<'_, str> {
    const NEEDLE: &str = "href=\"actielijn-";
    // The searcher made once, not per text.
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(NEEDLE));
    if FINDER.find(html.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(NEEDLE) {
        out.push_str(&rest[..i]);
        let after = &rest[i + NEEDLE.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &after[digits..];
        if digits > 0
            && let Some(anchor) = tail.strip_prefix(".html#")
        {
            out.push_str("href=\"#");
            rest = anchor;
        } else if digits > 0
            && let Some(end) = tail.strip_prefix(".html\"")
        {
            out.push_str("href=\"#actielijn-");
            out.push_str(&after[..digits]);
            out.push('"');
            rest = end;
        } else {
            out.push_str(NEEDLE);
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_images_from_another_host_become_links() {
        assert_eq!(
            annex_images(
                "<p><img src=\"https://x.nl/a.png\" alt=\"Kaart\" /> en <img src=\"img/b.png\" alt=\"\"></p>"
            ),
            "<p><a href=\"https://x.nl/a.png\">Kaart</a> en <img src=\"img/b.png\" alt=\"\"></p>"
        );
        assert!(matches!(
            annex_images("<img src=\"b.png\">"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            annex_images("<p>geen beeld</p>"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            annex_images("<ImAgE src=\"https://x.nl/c.png\">"),
            "<a href=\"https://x.nl/c.png\">afbeelding</a>"
        );
    }

    #[test]
    fn annex_images_written_in_any_spelling_become_links() {
        assert_eq!(
            annex_images("<p>\n  <IMG alt=\"Kaart <b>\"\n    SRC='//x.nl/b.png?a=\"1\"'>\n</p>"),
            "<p>\n  <a href=\"//x.nl/b.png?a=&quot;1&quot;\">Kaart &lt;b&gt;</a>\n</p>"
        );
        assert_eq!(
            annex_images("<img src=https&#58;//x.nl/c.png alt=''>x"),
            "<a href=\"https&#58;//x.nl/c.png\">afbeelding</a>x"
        );
        assert!(matches!(
            annex_images("<!-- <img src=\"https://x.nl/a.png\"> -->"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn annex_links_stay_in_the_file() {
        assert_eq!(
            annex_links(
                "<a href=\"actielijn-12.html#actie-40\">x</a> <a href=\"actielijn-3.html\">y</a>"
            ),
            "<a href=\"#actie-40\">x</a> <a href=\"#actielijn-3\">y</a>"
        );
        assert_eq!(
            annex_links("<a href=\"#actie-1\">x</a>"),
            "<a href=\"#actie-1\">x</a>"
        );
        assert_eq!(
            annex_links("href=\"actielijn-x.html\""),
            "href=\"actielijn-x.html\""
        );
    }

    #[test]
    fn annex_variant_only_when_something_changes() {
        assert_eq!(annex_variant("<p>tekst</p>"), None);
        assert_eq!(
            annex_variant("<a href=\"actielijn-3.html\">y</a>").as_deref(),
            Some("<a href=\"#actielijn-3\">y</a>")
        );
    }
}
