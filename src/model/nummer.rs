//! How an action is numbered: one number, a combined entry (`3/4`) or the
//! id of an extra action.

use std::fmt;

use super::join_nl;

/// How an action is numbered.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Nummer {
    /// One action: `nummer: 15`.
    Enkel(u32),
    /// One page that counts as several actions: `nummer: "3/4"`.
    Gecombineerd(Vec<u32>),
    /// An extra action outside the plan's numbering, with a stable id.
    Extra(String),
}

impl Nummer {
    /// Parses a combined number such as `3/4`: two or more numbers from 1 up,
    /// strictly ascending. A single number gives [`Nummer::Enkel`].
    pub fn parse(text: &str) -> Option<Nummer> {
        let mut numbers = Vec::new();
        for part in text.split('/') {
            let part = part.trim();
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u32 = part.parse().ok()?;
            if n == 0 || numbers.last().is_some_and(|&last| n <= last) {
                return None;
            }
            numbers.push(n);
        }
        match numbers.len() {
            1 => Some(Nummer::Enkel(numbers[0])),
            _ => Some(Nummer::Gecombineerd(numbers)),
        }
    }

    /// The plan numbers this entry stands for (none for an extra action).
    pub fn numbers(&self) -> &[u32] {
        match self {
            Nummer::Enkel(n) => std::slice::from_ref(n),
            Nummer::Gecombineerd(ns) => ns,
            Nummer::Extra(_) => &[],
        }
    }

    /// How many actions this entry counts as in the dashboard.
    pub fn count(&self) -> usize {
        match self {
            Nummer::Extra(_) => 1,
            other => other.numbers().len(),
        }
    }

    /// The in-page anchors of this entry, one per number.
    pub fn anchors(&self) -> Vec<String> {
        match self {
            Nummer::Extra(id) => vec![format!("actie-{id}")],
            other => other
                .numbers()
                .iter()
                .map(|n| format!("actie-{n}"))
                .collect(),
        }
    }

    /// Whether this is an extra action (an id, no number).
    pub fn is_extra(&self) -> bool {
        matches!(self, Nummer::Extra(_))
    }

    /// The entry as the open data and the spreadsheets name it: `15`,
    /// `3 en 4` (not `3/4`, which a spreadsheet reads as a date), or the id
    /// of an extra action.
    pub fn label(&self) -> String {
        match self {
            Nummer::Extra(id) => id.clone(),
            other => {
                let numbers: Vec<String> = other.numbers().iter().map(u32::to_string).collect();
                join_nl(&numbers)
            }
        }
    }

    /// Order within an actielijn: numbered entries by their first number, then
    /// the extras by id.
    pub(super) fn sort_key(&self) -> (bool, u32, &str) {
        match self {
            Nummer::Extra(id) => (true, 0, id),
            other => (false, other.numbers()[0], ""),
        }
    }
}

impl fmt::Display for Nummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Nummer::Enkel(n) => write!(f, "{n}"),
            Nummer::Gecombineerd(ns) => {
                let parts: Vec<String> = ns.iter().map(u32::to_string).collect();
                write!(f, "{}", parts.join("/"))
            }
            Nummer::Extra(_) => write!(f, "Extra actie"),
        }
    }
}

/// Is `id` a stable id of an extra action: lower-case ASCII letters, digits and
/// single hyphens, starting with a letter.
pub(crate) fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
