//! The random parts of the programme: sentences, statuses, years, and the
//! progress texts (paragraphs, lists, the odd table, cross-references, now
//! and then a code block).

use std::fmt::Write as _;

use bijlage::model::Status;

use super::woorden::*;
use super::{Piece, Summary};

pub(super) fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

pub(super) fn sentence(rng: &mut fastrand::Rng) -> String {
    format!(
        "{} {} {}{}",
        pick(rng, SUBJECTS),
        pick(rng, VERBS),
        pick(rng, OBJECTS),
        pick(rng, TAILS)
    )
}

pub(super) fn status(rng: &mut fastrand::Rng) -> Status {
    match rng.u32(..100) {
        0..30 => Status::Afgerond,
        30..75 => Status::InUitvoering,
        75..86 => Status::Vertraging,
        86..97 => Status::Doorlopend,
        _ => Status::NietGestart,
    }
}

pub(super) fn jaren(rng: &mut fastrand::Rng) -> Vec<u16> {
    let start = rng.usize(..PLANJAREN.len());
    let len = 1 + rng.usize(..(PLANJAREN.len() - start).min(4));
    let mut jaren: Vec<u16> = PLANJAREN[start..start + len].to_vec();
    // Now and then a gap: 2024, 2026.
    if jaren.len() >= 3 && rng.u32(..8) == 0 {
        jaren.remove(1);
    }
    jaren
}

/// A paragraph of sentences with inline links and cross-references.
fn paragraph(
    rng: &mut fastrand::Rng,
    refs: &[(u32, usize)],
    body: &mut Vec<Piece>,
    summary: &mut Summary,
) {
    let mut text = String::new();
    for i in 0..2 + rng.usize(..4) {
        if i > 0 {
            text.push(' ');
        }
        let s = sentence(rng);
        match rng.u32(..12) {
            0 => {
                let (label, url) = pick(rng, LINKS);
                let _ = write!(text, "{s} Zie [{label}]({url}).");
            }
            1 if !refs.is_empty() => {
                let &(nummer, lijn) = pick(rng, refs);
                text.push_str(&s);
                text.push_str(" Dit sluit aan bij ");
                body.push(Piece::Text(std::mem::take(&mut text)));
                body.push(Piece::Ref { nummer, lijn });
                text.push('.');
                summary.verwijzingen += 1;
            }
            2 => {
                let _ = write!(text, "**{s}**");
            }
            _ => text.push_str(&s),
        }
    }
    text.push_str("\n\n");
    body.push(Piece::Text(text));
}

pub(super) fn body(
    rng: &mut fastrand::Rng,
    refs: &[(u32, usize)],
    summary: &mut Summary,
) -> Vec<Piece> {
    let mut body = Vec::new();
    paragraph(rng, refs, &mut body, summary);
    if rng.u32(..6) == 0 {
        body.push(Piece::Text(format!("### {}\n\n", pick(rng, HEADINGS))));
    }
    if rng.u32(..3) == 0 {
        let mut list = String::new();
        let ordered = rng.bool();
        for i in 0..2 + rng.usize(..4) {
            if ordered {
                let _ = writeln!(list, "{}. {}", i + 1, pick(rng, OBJECTS));
            } else {
                let _ = writeln!(list, "- {}", pick(rng, OBJECTS));
            }
        }
        list.push('\n');
        body.push(Piece::Text(list));
    }
    for _ in 0..rng.usize(..3) {
        paragraph(rng, refs, &mut body, summary);
    }
    if rng.u32(..8) == 0 {
        let mut table = String::from("| Kwartaal | Meldingen | Trainingen |\n|---|---:|---:|\n");
        for q in 1..=4 {
            let _ = writeln!(
                table,
                "| 2025-Q{q} | {} | {} |",
                rng.u32(10..900),
                rng.u32(0..60)
            );
        }
        table.push('\n');
        body.push(Piece::Text(table));
    }
    if rng.u32(..40) == 0 {
        let (lang, code) = pick(rng, CODE);
        body.push(Piece::Text(format!(
            "Het gegevensformaat:\n\n```{lang}\n{code}```\n\n"
        )));
        summary.codeblokken += 1;
    }
    if rng.u32(..15) == 0 {
        body.push(Piece::Text(
            "De rapportage volgt ~~in het najaar~~ eind dit jaar.[^1]\n\n[^1]: Onder voorbehoud van de begroting.\n".into(),
        ));
    }
    body
}

pub(super) fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(40).collect()
}
