//! The site-wide data of `content/_index.md`: the edition, the legend, the
//! actions not monitored yet, the open-data catalogue record.

use super::{Bron, Status, Tekst};

/// Month and year of an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Editie {
    /// The year, four digits.
    pub jaar: u16,
    /// The month, 1 to 12.
    pub maand: u8,
}

/// The months in Dutch, lower case as inside a sentence.
pub(crate) const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Editie {
    /// Parses `2025-11`.
    pub fn parse(text: &str) -> Option<Editie> {
        let (jaar, maand) = text.trim().split_once('-')?;
        if jaar.len() != 4 || maand.is_empty() || maand.len() > 2 {
            return None;
        }
        let jaar: u16 = jaar.parse().ok()?;
        let maand: u8 = maand.parse().ok()?;
        (1..=12).contains(&maand).then_some(Editie { jaar, maand })
    }

    /// "november 2025": the name inside a sentence (Dutch writes month
    /// names in lower case).
    pub fn naam(self) -> String {
        format!("{} {}", MAANDEN[usize::from(self.maand - 1)], self.jaar)
    }

    /// "2025-11", as written in the front matter and the data files.
    pub fn key(self) -> String {
        format!("{}-{:02}", self.jaar, self.maand)
    }

    /// "November 2025": the name where it starts a heading or stands alone.
    pub fn label(self) -> String {
        let naam = MAANDEN[usize::from(self.maand - 1)];
        let mut chars = naam.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        format!(
            "{}{} {}",
            first.unwrap_or_default(),
            chars.as_str(),
            self.jaar
        )
    }
}

/// One line of the legend: a status with its label and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendaItem {
    /// The status this line explains.
    pub status: Status,
    /// The label readers see for the status (`label`).
    pub label: String,
    /// What the status means (`omschrijving`).
    pub omschrijving: String,
}

/// Actions of the plan that are not monitored yet, and when they start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NietGemonitord {
    /// The numbers of the actions not monitored yet.
    pub acties: Vec<u32>,
    /// The year they start.
    pub startjaar: u16,
    /// A sentence added to the note; None when there is none.
    pub toelichting: Option<String>,
}

impl NietGemonitord {
    /// "Acties 31, 34 en 42 gaan pas van start in 2026. Hoewel …"
    pub fn noot(&self) -> String {
        let numbers: Vec<String> = self.acties.iter().map(u32::to_string).collect();
        let mut text = if numbers.len() == 1 {
            format!(
                "Actie {} gaat pas van start in {}.",
                numbers[0], self.startjaar
            )
        } else {
            format!(
                "Acties {} gaan pas van start in {}.",
                join_nl(&numbers),
                self.startjaar
            )
        };
        if let Some(toelichting) = &self.toelichting {
            text.push(' ');
            text.push_str(toelichting);
        }
        text
    }
}

/// Joins items the Dutch way: "a", "a en b", "a, b en c".
pub(crate) fn join_nl<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} en {}", init.join(", "), last.as_ref())
        }
    }
}

/// The pages every site has besides its actielijnen (`actielijn-N.html`) and
/// its annex: the annex may not take one of these names.
pub(crate) const PAGE_NAMES: &[&str] = &["index.html", "wijzigingen.html"];

/// The site-wide data from `content/_index.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteMeta {
    /// The programme's name (`programma`).
    pub programma: String,
    /// The title of the annex (`titel`).
    pub titel: String,
    /// The edition this content is (`editie`).
    pub editie: Editie,
    /// The years of the plan, consecutive and ascending: the columns of every timeline.
    pub planjaren: Vec<u16>,
    /// The ministries that publish the annex, in the order written.
    pub uitgevers: Vec<String>,
    /// The programme's website; None when the site names none.
    pub website: Option<String>,
    /// The actions not monitored yet; None when every action is.
    pub nog_niet_gemonitord: Option<NietGemonitord>,
    /// What a filled year of the timeline means, for the legend (`tijdlijn.uitvoeringsjaar`).
    pub uitvoeringsjaar: String,
    /// What an empty year of the timeline means (`tijdlijn.geen_uitvoeringsjaar`).
    pub geen_uitvoeringsjaar: String,
    /// One item per status, in [`Status::ALL`] order.
    pub legenda: Vec<LegendaItem>,
    /// Optional introduction, in Markdown.
    pub tekst: Tekst,
    /// The name of the single-file annex.
    pub bijlage_bestand: String,
    /// The previous edition to compare with: a folder or a git revision.
    pub vorige_editie: Option<String>,
    /// Include the changes since the previous edition in the annex.
    pub wijzigingen_in_bijlage: bool,
    /// Raw HTML in Markdown is passed through as written (`ruwe_html: true`);
    /// by default it is sanitized.
    pub ruwe_html: bool,
    /// The catalogue record of the open data (DCAT-AP-DONL), when the site
    /// asks for one with `catalogus:`.
    pub catalogus: Option<Box<Catalogus>>,
    /// Where in the content the site's `_index.md` was read.
    pub bron: Bron,
}

/// What the catalogue record of the open data needs beyond the rest of the
/// site's front matter (`catalogus:` in `content/_index.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogus {
    /// Where the site is published, ending in `/`: the data files are at
    /// `{adres}data/…`.
    pub adres: String,
    /// What the data set holds, for the catalogue (`beschrijving`).
    pub beschrijving: String,
    /// The organisation responsible for the data (authority and publisher),
    /// as a URI from the DONL list of organisations.
    pub uitgever: String,
    /// Who answers questions about the data.
    pub contactpunt: Contactpunt,
    /// URIs from the DONL taxonomy of policy areas (at least one).
    pub thema: Vec<String>,
    /// The licence URI; CC0 1.0 unless the site says otherwise.
    pub licentie: String,
    /// Keywords for the catalogue; may be empty.
    pub trefwoorden: Vec<String>,
}

/// Who answers questions about the data: a name and an e-mail address or a
/// website (or both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contactpunt {
    /// The name of a person or a department.
    pub naam: String,
    /// The e-mail address; None when only a website is given.
    pub email: Option<String>,
    /// The website; None when only an e-mail address is given.
    pub website: Option<String>,
}

/// CC0 1.0 as data.overheid.nl lists it.
pub const CC0: &str = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl";

impl SiteMeta {
    /// The label the legend gives `status`, or the status's own label when the legend has none.
    pub fn legenda_label(&self, status: Status) -> &str {
        self.legenda
            .iter()
            .find(|item| item.status == status)
            .map_or(status.label(), |item| item.label.as_str())
    }
}
