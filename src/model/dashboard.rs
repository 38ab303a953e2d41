//! The dashboard: the actions counted per status, per actielijn and in
//! total, always computed from the actions (never typed).

use super::{Actielijn, Site, Status};

impl Actielijn {
    /// The actions of this actielijn counted per status; an entry for several
    /// numbers counts as that many.
    pub fn telling(&self) -> Telling {
        let mut telling = Telling::default();
        for actie in &self.acties {
            telling.per_status[actie.status.index()] += actie.nummer.count();
        }
        telling
    }
}

/// Counts per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Telling {
    /// The count for each status, indexed by [`Status::index`].
    pub per_status: [usize; 5],
}

impl Telling {
    /// The number of actions, of every status together.
    pub fn acties(&self) -> usize {
        self.per_status.iter().sum()
    }

    /// The count for one status.
    pub fn get(&self, status: Status) -> usize {
        self.per_status[status.index()]
    }
}

impl std::ops::AddAssign for Telling {
    fn add_assign(&mut self, other: Telling) {
        for (a, b) in self.per_status.iter_mut().zip(other.per_status) {
            *a += b;
        }
    }
}

/// The dashboard: counts in total and per actielijn, computed from the actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    /// The counts of the whole site.
    pub totaal: Telling,
    /// (actielijn number, its counts), in actielijn order.
    pub actielijnen: Vec<(u32, Telling)>,
}

impl Site {
    /// The dashboard of the site, computed from its actions.
    pub fn dashboard(&self) -> Dashboard {
        let actielijnen: Vec<(u32, Telling)> = self
            .actielijnen
            .iter()
            .map(|lijn| (lijn.nummer, lijn.telling()))
            .collect();
        let mut totaal = Telling::default();
        for (_, telling) in &actielijnen {
            totaal += *telling;
        }
        Dashboard {
            totaal,
            actielijnen,
        }
    }

    /// "44 acties in 6 actielijnen: 13 afgerond, 20 in uitvoering, …".
    pub fn summary(&self) -> String {
        let dashboard = self.dashboard();
        let parts: Vec<String> = Status::ALL
            .iter()
            .map(|s| format!("{} {}", dashboard.totaal.get(*s), s.phrase()))
            .collect();
        let concepten = match self.weggelaten_concepten.len() {
            0 => String::new(),
            1 => "; 1 concept niet opgenomen (--drafts neemt het op)".to_string(),
            n => format!("; {n} concepten niet opgenomen (--drafts neemt ze op)"),
        };
        format!(
            "{} {} in {} {}: {}{concepten}",
            dashboard.totaal.acties(),
            if dashboard.totaal.acties() == 1 {
                "actie"
            } else {
                "acties"
            },
            self.actielijnen.len(),
            if self.actielijnen.len() == 1 {
                "actielijn"
            } else {
                "actielijnen"
            },
            parts.join(", ")
        )
    }
}
