//! The editions a build knows: the current one, the previous one it compares
//! with, and the past editions kept beside the content in
//! `edities/<JJJJ-MM>/content/`. Their dashboards side by side are the
//! progress over the editions (`edities.html`, `data/edities.json`).

use std::path::Path;

use crate::content::ContentSource;
use crate::model::{Editie, Site, Telling};

/// The folder beside the content folder that holds the past editions, one
/// folder per edition.
pub const MAP: &str = "edities";

/// The value of `--previous` (or `vorige_editie`) that turns the comparison
/// off.
pub const GEEN: &str = "geen";

/// The counts of one actielijn in one edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LijnTelling {
    /// Its number.
    pub nummer: u32,
    /// Its short title, as the dashboard names it.
    pub korte_titel: String,
    /// Its actions counted by status.
    pub telling: Telling,
}

/// One edition's dashboard, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditieTelling {
    /// The edition (year and month).
    pub editie: Editie,
    /// Where a past edition came from: `edities/2025-07`,
    /// `editie-2025-07:content`; empty for the edition being built.
    pub bron: String,
    /// The edition being built.
    pub huidig: bool,
    /// Every action of the edition counted by status.
    pub totaal: Telling,
    /// The counts per actielijn, in their order.
    pub actielijnen: Vec<LijnTelling>,
}

impl EditieTelling {
    /// The counts of `site`, found at `bron`; `huidig` for the edition being built.
    pub fn new(site: &Site, bron: &str, huidig: bool) -> EditieTelling {
        let dashboard = site.dashboard();
        EditieTelling {
            editie: site.meta.editie,
            bron: bron.to_string(),
            huidig,
            totaal: dashboard.totaal,
            actielijnen: site
                .actielijnen
                .iter()
                .zip(&dashboard.actielijnen)
                .map(|(lijn, (_, telling))| LijnTelling {
                    nummer: lijn.nummer,
                    korte_titel: lijn.korte_titel.clone(),
                    telling: *telling,
                })
                .collect(),
        }
    }
}

/// Orders editions by month and keeps one per month: the first given wins,
/// so pass the current edition first, then the previous one.
pub(crate) fn in_order(mut edities: Vec<EditieTelling>) -> Vec<EditieTelling> {
    let mut seen = std::collections::BTreeSet::new();
    edities.retain(|e| seen.insert(e.editie));
    edities.sort_by_key(|e| e.editie);
    edities
}

/// The past editions beside a content folder on disk: `(name, source)` for
/// every folder `<root>/edities/<name>/` that holds a content folder
/// (`content/` with `_index.md`, or `_index.md` itself), sorted by name.
pub fn on_disk(root: &Path) -> Vec<(String, ContentSource)> {
    let Ok(entries) = std::fs::read_dir(root.join(MAP)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, ContentSource)> = entries
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|entry| {
            let dir = entry.path();
            let content = if dir.join("content").join("_index.md").is_file() {
                dir.join("content")
            } else if dir.join("_index.md").is_file() {
                dir
            } else {
                return None;
            };
            let name = format!("{MAP}/{}", entry.file_name().to_string_lossy());
            Some((name, ContentSource::Dir(content)))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editie(jaar: u16, maand: u8, bron: &str) -> EditieTelling {
        EditieTelling {
            editie: Editie { jaar, maand },
            bron: bron.into(),
            huidig: false,
            totaal: Telling::default(),
            actielijnen: Vec::new(),
        }
    }

    #[test]
    fn editions_are_ordered_by_month_and_the_first_of_a_month_wins() {
        let ordered = in_order(vec![
            editie(2025, 11, ""),
            editie(2025, 7, "edities/2025-07"),
            editie(2024, 11, "edities/2024-11"),
            editie(2025, 11, "edities/2025-11"),
        ]);
        let bronnen: Vec<&str> = ordered.iter().map(|e| e.bron.as_str()).collect();
        assert_eq!(bronnen, vec!["edities/2024-11", "edities/2025-07", ""]);
    }
}
