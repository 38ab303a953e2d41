//! Text typed in Excel, made clean Markdown: Windows line ends, non-breaking
//! spaces, curly quotes and "•" bullets are what a cell usually holds.

/// What `normaliseer` changed, to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Aanpassing {
    /// Windows line ends made `\n`.
    Regeleinden,
    /// Non-breaking spaces made spaces.
    HardeSpaties,
    /// Curly quotes made straight.
    Aanhalingstekens,
    /// Bullets from Word made a Markdown list.
    Opsomming,
    /// Single line breaks between paragraphs made blank lines.
    Alineas,
    /// Invisible characters removed.
    OnzichtbareTekens,
}

impl Aanpassing {
    /// What was changed, in Dutch, for the summary.
    pub fn omschrijving(self) -> &'static str {
        match self {
            Aanpassing::Regeleinden => "Windows-regeleinden",
            Aanpassing::HardeSpaties => "harde spaties → gewone spaties",
            Aanpassing::Aanhalingstekens => "gekrulde aanhalingstekens → rechte",
            Aanpassing::Opsomming => "•-opsomming → Markdown-lijst",
            Aanpassing::Alineas => "losse regels → alinea's",
            Aanpassing::OnzichtbareTekens => "onzichtbare tekens verwijderd",
        }
    }
}

/// Bullets people type or paste from Word.
const BULLETS: [char; 5] = ['•', '◦', '▪', '·', '‣'];

/// A list item already written as Markdown: `- `, `* `, `+ ` or `1. `.
fn is_markdown_item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// `text` as clean Markdown, with what was changed. Each line of the cell is
/// a paragraph (a line break in a cell is what a new paragraph looks like
/// in Excel); consecutive bullet lines form one list.
pub(crate) fn normaliseer(text: &str) -> (String, Vec<Aanpassing>) {
    let mut changes = Vec::new();
    let note = |a: Aanpassing, changes: &mut Vec<Aanpassing>| {
        if !changes.contains(&a) {
            changes.push(a);
        }
    };
    if text.contains('\r') {
        note(Aanpassing::Regeleinden, &mut changes);
    }
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    clean.push('\n');
                }
            }
            '\u{a0}' | '\u{202f}' | '\u{2007}' => {
                note(Aanpassing::HardeSpaties, &mut changes);
                clean.push(' ');
            }
            '“' | '”' | '„' | '‟' | '″' => {
                note(Aanpassing::Aanhalingstekens, &mut changes);
                clean.push('"');
            }
            '‘' | '’' | '‚' | '‛' | '′' => {
                note(Aanpassing::Aanhalingstekens, &mut changes);
                clean.push('\'');
            }
            '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{200e}' | '\u{200f}' => {
                note(Aanpassing::OnzichtbareTekens, &mut changes);
            }
            other => clean.push(other),
        }
    }

    // Blocks: a paragraph is one line, a list is a run of item lines.
    let mut out = String::with_capacity(clean.len());
    let mut previous: Option<bool> = None; // Some(is list item) of the last line written
    let mut blank_before = true;
    for line in clean.lines() {
        let line = line.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        let (item, text) = match trimmed.strip_prefix(BULLETS) {
            Some(rest) => {
                note(Aanpassing::Opsomming, &mut changes);
                (true, format!("- {}", rest.trim_start()))
            }
            None if is_markdown_item(trimmed) => (true, trimmed.to_string()),
            None => (false, trimmed.to_string()),
        };
        match previous {
            None => {}
            Some(true) if item => out.push('\n'),
            Some(was_item) => {
                if !blank_before && !item && !was_item {
                    note(Aanpassing::Alineas, &mut changes);
                }
                out.push_str("\n\n");
            }
        }
        out.push_str(&text);
        previous = Some(item);
        blank_before = false;
    }
    changes.sort();
    (out, changes)
}

/// An answer cell's text for matching (a status label, a number): spaces of
/// any kind collapsed, trimmed.
pub(crate) fn enkel(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_text_becomes_markdown() {
        let (text, changes) = normaliseer(
            "De \u{201c}pilot\u{201d} is gestart.\r\n\u{2022} eerste punt\r\n\u{2022}\u{a0}tweede\u{2019}s punt\r\nTot slot.",
        );
        assert_eq!(
            text,
            "De \"pilot\" is gestart.\n\n- eerste punt\n- tweede's punt\n\nTot slot."
        );
        assert_eq!(
            changes,
            vec![
                Aanpassing::Regeleinden,
                Aanpassing::HardeSpaties,
                Aanpassing::Aanhalingstekens,
                Aanpassing::Opsomming,
            ]
        );
    }

    #[test]
    fn clean_markdown_is_left_alone() {
        let md = "Eerste alinea.\n\n- een\n- twee\n\nTweede alinea.";
        assert_eq!(normaliseer(md), (md.to_string(), vec![]));
    }

    #[test]
    fn lines_become_paragraphs_and_that_is_said() {
        let (text, changes) = normaliseer("Regel een.\nRegel twee.\n\n\n");
        assert_eq!(text, "Regel een.\n\nRegel twee.");
        assert_eq!(changes, vec![Aanpassing::Alineas]);
    }

    #[test]
    fn matching_text_collapses_spaces() {
        assert_eq!(
            enkel("  In\u{a0}uitvoering,   vertraging "),
            "In uitvoering, vertraging"
        );
    }
}
