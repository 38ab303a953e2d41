//! Page titles that fit a browser tab and a search result: the page first,
//! then the edition, at most `MAX` characters (html-validate's
//! `long-title`). The template function `paginatitel(pagina, site, editie)`.

use std::collections::HashMap;

/// The longest title, in characters.
pub(crate) const MAX: usize = 70;

/// The title of a page: `pagina` first, then the site and the edition.
///
/// Tried in order, the first that fits: "Actielijn 2: … · Monitoringsoverzicht
/// november 2025" (the site's title without its "Bijlage 1"), then the page
/// and the edition only, then the page cut at a word with "…" and the
/// edition. An empty `pagina` is the document itself: its full title and
/// the edition. The edition is written in lower case, as inside a sentence.
pub(crate) fn paginatitel(pagina: &str, site: &str, editie: &str) -> String {
    fitted(pagina, site, editie, MAX)
}

/// [`paginatitel`] in at most `max` characters.
fn fitted(pagina: &str, site: &str, editie: &str, max: usize) -> String {
    let editie = editie.to_lowercase();
    let pagina = pagina.trim();
    if pagina.is_empty() {
        return cut(&format!("{site} {editie}"), max);
    }
    let kort = strip_annex_number(site);
    let full = format!("{pagina} · {kort} {editie}");
    if full.chars().count() <= max {
        return full;
    }
    let short = format!("{pagina} · {editie}");
    if short.chars().count() <= max {
        return short;
    }
    let tail = format!(" · {editie}");
    let room = max.saturating_sub(tail.chars().count());
    format!("{}{tail}", cut(pagina, room))
}

/// "Bijlage 1 Monitoringsoverzicht" → "Monitoringsoverzicht".
fn strip_annex_number(site: &str) -> &str {
    let Some(rest) = site.strip_prefix("Bijlage ") else {
        return site;
    };
    match rest.split_once(' ') {
        Some((n, name)) if n.chars().all(|c| c.is_ascii_digit()) && !name.is_empty() => name,
        _ => site,
    }
}

/// `text` cut to at most `room` characters at a word, with "…" when cut.
fn cut(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.chars().count() + 1 > room {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        out = text.chars().take(room.saturating_sub(1)).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', ' ']).to_string();
    format!("{out}…")
}

/// The template function; `voor` (e.g. "CONCEPT" in a review copy) goes
/// first, within the same 70 characters.
pub(crate) fn function(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let arg = |name: &str| args.get(name).and_then(|v| v.as_str()).unwrap_or_default();
    let voor = arg("voor").trim();
    if voor.is_empty() {
        return Ok(tera::Value::String(paginatitel(
            arg("pagina"),
            arg("site"),
            arg("editie"),
        )));
    }
    let room = MAX.saturating_sub(voor.chars().count() + 3);
    Ok(tera::Value::String(format!(
        "{voor} · {}",
        fitted(arg("pagina"), arg("site"), arg("editie"), room)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "Bijlage 1 Monitoringsoverzicht";

    #[test]
    fn the_page_comes_first_then_the_edition() {
        assert_eq!(
            paginatitel("Overzicht", SITE, "November 2025"),
            "Overzicht · Monitoringsoverzicht november 2025"
        );
        assert_eq!(
            paginatitel("", SITE, "November 2025"),
            "Bijlage 1 Monitoringsoverzicht november 2025"
        );
    }

    #[test]
    fn long_pages_drop_the_site_then_words() {
        assert_eq!(
            paginatitel(
                "Actielijn 2: Vergroten van de meldingsbereidheid",
                SITE,
                "November 2025"
            ),
            "Actielijn 2: Vergroten van de meldingsbereidheid · november 2025"
        );
        let cut = paginatitel(
            "Actielijn 3: Betere bescherming en vaststelling van slachtofferschap",
            SITE,
            "November 2025",
        );
        assert_eq!(
            cut,
            "Actielijn 3: Betere bescherming en vaststelling van… · november 2025"
        );
        assert!(cut.chars().count() <= MAX);
        let one_word = paginatitel(&"x".repeat(100), SITE, "Mei 2026");
        assert_eq!(one_word.chars().count(), MAX);
        assert!(one_word.ends_with("… · mei 2026"), "{one_word}");
    }

    #[test]
    fn a_prefix_fits_in_the_same_room() {
        let args = HashMap::from([
            ("voor".to_string(), tera::Value::from("CONCEPT")),
            (
                "pagina".to_string(),
                tera::Value::from("Actielijn 2: Vergroten van de meldingsbereidheid"),
            ),
            ("site".to_string(), tera::Value::from(SITE)),
            ("editie".to_string(), tera::Value::from("November 2025")),
        ]);
        let title = function(&args).unwrap();
        let title = title.as_str().unwrap();
        assert!(title.starts_with("CONCEPT · Actielijn 2: "), "{title}");
        assert!(title.chars().count() <= MAX, "{title}");
    }

    #[test]
    fn only_a_leading_annex_number_is_dropped() {
        assert_eq!(strip_annex_number("Bijlage 12 Overzicht"), "Overzicht");
        assert_eq!(
            strip_annex_number("Bijlage bij de brief"),
            "Bijlage bij de brief"
        );
        assert_eq!(strip_annex_number("Monitor"), "Monitor");
    }
}
