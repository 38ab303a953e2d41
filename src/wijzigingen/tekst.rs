//! How a progress text changed, compared as readers read it: a word-level
//! diff of the rendered text that keeps every space, or the whole text when
//! it was largely rewritten.

use crate::render::markdown::plain_text;

/// One piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text in both.
    Same(String),
    /// Text only in the new edition.
    Added(String),
    /// Text only in the previous edition.
    Removed(String),
}

/// How a progress text changed, as readers read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TextChange {
    /// A word-level diff: most of the text stayed.
    Diff(Vec<Piece>),
    /// Largely rewritten: the old and the new text, to show one above the
    /// other, rather than a diff of fragments.
    Rewritten { was: String, nu: String },
}

/// Below this share of unchanged characters (of the longer text, spaces not
/// counted) a text counts as rewritten.
const REWRITTEN_BELOW: f64 = 0.5;

/// The change between two progress texts in Markdown, compared as the text
/// readers read (see [`plain_text`]).
pub(crate) fn text_change(was: &str, nu: &str) -> TextChange {
    let (was, nu) = (plain_text(was), plain_text(nu));
    let pieces = word_diff(&was, &nu);
    let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let same: usize = pieces
        .iter()
        .map(|p| match p {
            Piece::Same(text) => letters(text),
            _ => 0,
        })
        .sum();
    let longest = letters(&was).max(letters(&nu)).max(1);
    // One passage changed (removed, added or replaced) with the rest kept
    // reads well as a diff however long the passage is; a text rewritten
    // with a word kept here and there is a diff full of fragments.
    let runs = pieces
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            !matches!(p, Piece::Same(_)) && (*i == 0 || matches!(pieces[i - 1], Piece::Same(_)))
        })
        .count();
    let one_passage = same > 0 && runs == 1;
    if !one_passage && (same as f64) < REWRITTEN_BELOW * longest as f64 {
        TextChange::Rewritten { was, nu }
    } else {
        TextChange::Diff(pieces)
    }
}

/// A word-level diff of two texts. Every space of both texts is kept: a
/// change never starts or ends with whitespace, which stays in the
/// unchanged pieces around it.
pub(crate) fn word_diff(was: &str, nu: &str) -> Vec<Piece> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_words(was, nu);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let piece = match change.tag() {
            similar::ChangeTag::Equal => Piece::Same(text.to_string()),
            similar::ChangeTag::Insert => Piece::Added(text.to_string()),
            similar::ChangeTag::Delete => Piece::Removed(text.to_string()),
        };
        // Join runs of the same kind, so that a changed phrase is one piece.
        match (pieces.last_mut(), piece) {
            (Some(Piece::Same(a)), Piece::Same(b))
            | (Some(Piece::Added(a)), Piece::Added(b))
            | (Some(Piece::Removed(a)), Piece::Removed(b)) => a.push_str(&b),
            (_, piece) => pieces.push(piece),
        }
    }
    merge_changed_runs(pieces)
}

/// Folds a run of changes separated only by spaces into one deletion and one
/// insertion: "[− loopt nog][+ is afgerond]", not "[− loopt][+ is] [− nog]…".
fn merge_changed_runs(pieces: Vec<Piece>) -> Vec<Piece> {
    let is_change = |p: &Piece| !matches!(p, Piece::Same(_));
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        if let Piece::Same(text) = &pieces[i] {
            match out.last_mut() {
                Some(Piece::Same(last)) => {
                    // Whitespace already kept from the change before.
                    let text = if last.ends_with(char::is_whitespace) {
                        text.trim_start()
                    } else {
                        text.as_str()
                    };
                    last.push_str(text);
                }
                _ => out.push(pieces[i].clone()),
            }
            i += 1;
            continue;
        }
        // Extend the run over changes and whitespace-only equal pieces that
        // are followed by another change.
        let mut end = i;
        let mut j = i;
        while j < pieces.len() {
            match &pieces[j] {
                Piece::Same(text)
                    if text.trim().is_empty()
                        && j + 1 < pieces.len()
                        && is_change(&pieces[j + 1]) =>
                {
                    j += 1
                }
                piece if is_change(piece) => {
                    end = j;
                    j += 1;
                }
                _ => break,
            }
        }
        let (mut removed, mut added) = (String::new(), String::new());
        for piece in &pieces[i..=end] {
            match piece {
                Piece::Removed(text) => removed.push_str(text),
                Piece::Added(text) => added.push_str(text),
                Piece::Same(space) => {
                    removed.push_str(space);
                    added.push_str(space);
                }
            }
        }
        // Whitespace at either end of the change stays outside it, so that
        // "verzameling [+ is] …" keeps the space on both sides.
        let lead = |s: &str| s.len() - s.trim_start().len();
        let tail = |s: &str| s.len() - s.trim_end().len();
        let before = if lead(&removed) >= lead(&added) {
            &removed[..lead(&removed)]
        } else {
            &added[..lead(&added)]
        }
        .to_string();
        let after = if tail(&removed) >= tail(&added) {
            &removed[removed.len() - tail(&removed)..]
        } else {
            &added[added.len() - tail(&added)..]
        }
        .to_string();
        push_same(&mut out, before);
        let (removed, added) = (removed.trim(), added.trim());
        if !removed.is_empty() {
            out.push(Piece::Removed(removed.to_string()));
        }
        if !added.is_empty() {
            out.push(Piece::Added(added.to_string()));
        }
        push_same(&mut out, after);
        i = end + 1;
    }
    out
}

/// Appends unchanged text, joining it to an unchanged piece before it.
fn push_same(out: &mut Vec<Piece>, text: String) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Piece::Same(last)) => {
            // One space is enough where the diff had it on both sides.
            if !(last.ends_with(char::is_whitespace) && text.trim().is_empty()) {
                last.push_str(&text);
            }
        }
        _ => out.push(Piece::Same(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The joined text of the pieces an edition reads.
    fn side(pieces: &[Piece], added: bool) -> String {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Same(t) => Some(t.as_str()),
                Piece::Added(t) if added => Some(t.as_str()),
                Piece::Removed(t) if !added => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_lone_insertion_or_deletion_keeps_the_spaces_beside_it() {
        let was = "De verzameling van gegevens loopt.";
        let nu = "De verzameling is van gegevens loopt.";
        let pieces = word_diff(was, nu);
        assert_eq!(
            pieces,
            vec![
                Piece::Same("De verzameling ".into()),
                Piece::Added("is".into()),
                Piece::Same(" van gegevens loopt.".into()),
            ]
        );
        let pieces = word_diff(nu, was);
        assert_eq!(
            pieces,
            vec![
                Piece::Same("De verzameling ".into()),
                Piece::Removed("is".into()),
                Piece::Same(" van gegevens loopt.".into()),
            ]
        );
        // Read either side back, spaces collapsed as HTML does: the text as it was.
        let squash = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squash(side(&pieces, false)), nu);
        assert_eq!(squash(side(&pieces, true)), was);
    }

    #[test]
    fn a_passage_added_or_removed_is_a_diff_however_long() {
        let change = text_change(
            "Actie 17 valt samen met actie 15. Verkenning loopt 3 maanden langer dan gepland door latere start hoofdonderzoeker.",
            "Actie 17 valt samen met [actie 15](actie:15).",
        );
        assert_eq!(
            change,
            TextChange::Diff(vec![
                Piece::Same("Actie 17 valt samen met actie 15. ".into()),
                Piece::Removed(
                    "Verkenning loopt 3 maanden langer dan gepland door latere start hoofdonderzoeker."
                        .into()
                ),
            ])
        );
    }

    #[test]
    fn a_rewritten_text_is_shown_whole() {
        let change = text_change(
            "Enquête uitgezet onder drie beroepsgroepen. Rapport eind Q2 verwacht.",
            "De meting is afgerond en het definitieve rapport wordt meegestuurd.",
        );
        assert_eq!(
            change,
            TextChange::Rewritten {
                was: "Enquête uitgezet onder drie beroepsgroepen. Rapport eind Q2 verwacht.".into(),
                nu: "De meting is afgerond en het definitieve rapport wordt meegestuurd.".into(),
            }
        );
    }

    #[test]
    fn word_diff_marks_insertions_and_deletions() {
        let pieces = word_diff("De meting loopt nog.", "De meting is afgerond.");
        assert_eq!(
            pieces,
            vec![
                Piece::Same("De meting ".into()),
                Piece::Removed("loopt nog.".into()),
                Piece::Added("is afgerond.".into()),
            ]
        );
    }
}
