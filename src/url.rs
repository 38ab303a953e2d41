//! The one rule for URLs that reach the output, from Markdown links and
//! images as from front-matter fields (`website`): what may be linked to,
//! and what would make a page load something from another host.

/// Is `url` safe to link to: relative, an anchor, or http(s), mailto or tel?
/// Whitespace and control characters are ignored, as browsers do.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Is `url` an image address on another host (`https://…`, `//host/…`)?
/// Such an image makes the page request something from elsewhere.
pub(crate) fn is_remote(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    // Browsers read `\` as `/` here: `/\host`, `\\host` are `//host`.
    let mut start = lower.chars().take(2);
    let protocol_relative = start.clone().count() == 2 && start.all(|c| c == '/' || c == '\\');
    protocol_relative
        || lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("ftp:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_means_another_host() {
        for url in [
            "https://x.nl/a.png",
            "//x.nl/a.png",
            "/\\x.nl/a.png",
            " HTTP://x",
            "\\\\x",
        ] {
            assert!(is_remote(url), "{url}");
        }
        for url in ["img/a.png", "/img/a.png", "#a", "a//b.png"] {
            assert!(!is_remote(url), "{url}");
        }
    }
}
