//! The generated programme as bijlage reads it, and the previous edition
//! derived from it.

use std::fmt::Write as _;

use bijlage::model::Status;

use super::woorden::*;
use super::{File, GenActie, GenLijn, GenNummer, Programme, Summary, render_body, years};

const LEGENDA: &str = r#"legenda:
  - sleutel: afgerond
    label: "Afgerond"
    omschrijving: "De actie is afgerond."
  - sleutel: in-uitvoering
    label: "In uitvoering"
    omschrijving: "De actie is momenteel in uitvoering."
  - sleutel: vertraging
    label: "In uitvoering, vertraging"
    omschrijving: "De actie is in uitvoering, maar loopt vertraging op."
  - sleutel: doorlopend
    label: "Doorlopend"
    omschrijving: "De actie heeft een doorlopend karakter, zonder duidelijke einddatum."
  - sleutel: niet-gestart
    label: "Nog niet gestart"
    omschrijving: "De actie is gepland, maar nog niet begonnen."
"#;

impl Programme {
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The site as bijlage reads it: `content/_index.md`,
    /// `content/actielijn-N/_index.md` and one file per action.
    pub fn bijlage_files(&self) -> Vec<File> {
        let mut files = Vec::with_capacity(self.acties.len() + self.lijnen.len() + 1);
        files.push(File {
            path: "content/_index.md".into(),
            text: self.site_index(),
        });
        files.extend(self.lijnen.iter().map(lijn_index));
        files.extend(self.acties.iter().map(actie_file));
        files
    }

    /// `content/_index.md`: the site's front matter and a line of text.
    fn site_index(&self) -> String {
        let mut site = format!(
            "---\nprogramma: \"Rijksbreed programma tegen uitbuiting (synthetisch)\"\n\
             titel: \"Bijlage 1 Monitoringsoverzicht\"\neditie: \"2026-05\"\n\
             planjaren: {}\nuitgevers:\n  - \"Ministerie van Justitie en Veiligheid\"\n  \
             - \"Ministerie van Sociale Zaken en Werkgelegenheid\"\n\
             website: \"https://www.rijksoverheid.nl\"\n",
            years(&PLANJAREN)
        );
        if !self.niet_gemonitord.is_empty() {
            let nummers: Vec<String> = self.niet_gemonitord.iter().map(u32::to_string).collect();
            let _ = write!(
                site,
                "nog_niet_gemonitord:\n  acties: [{}]\n  startjaar: 2027\n  \
                 toelichting: \"Ze maken deel uit van het programma, maar worden nog niet gemonitord.\"\n",
                nummers.join(", ")
            );
        }
        site.push_str(
            "tijdlijn:\n  uitvoeringsjaar: \"De actie wordt in dit jaar uitgevoerd.\"\n  \
             geen_uitvoeringsjaar: \"De actie wordt in dit jaar niet uitgevoerd.\"\n",
        );
        site.push_str(LEGENDA);
        site.push_str(
            "---\nDit overzicht is gegenereerd voor prestatiemetingen: de tekst is synthetisch.\n",
        );
        site
    }

    /// A previous edition of the same programme, for comparisons
    /// (`--previous`): the files of [`Programme::bijlage_files`] with the
    /// edition of half a year before, every 9th action in another status,
    /// every 11th with a sentence more in its progress text, every 50th
    /// missing (new now) and one extra action that is gone now.
    pub fn previous_files(&self) -> Vec<File> {
        let mut files = Vec::with_capacity(self.acties.len() + self.lijnen.len() + 2);
        let mut action = 0usize;
        for mut file in self.bijlage_files() {
            if file.path == "content/_index.md" {
                file.text = file
                    .text
                    .replacen("editie: \"2026-05\"", "editie: \"2025-11\"", 1);
                files.push(file);
                continue;
            }
            if file.path.ends_with("/_index.md") {
                files.push(file);
                continue;
            }
            action += 1;
            if action.is_multiple_of(50) {
                continue;
            }
            if action.is_multiple_of(9) {
                for (i, status) in Status::ALL.iter().enumerate() {
                    let line = format!("\nstatus: {}\n", status.key());
                    if file.text.contains(&line) {
                        let other = Status::ALL[(i + 1) % Status::ALL.len()];
                        file.text =
                            file.text
                                .replacen(&line, &format!("\nstatus: {}\n", other.key()), 1);
                        break;
                    }
                }
            }
            if action.is_multiple_of(11) {
                file.text.push_str(
                    "\nIn de vorige editie stond hier nog een zin die nu is vervallen.\n",
                );
            }
            files.push(file);
        }
        files.push(File {
            path: "content/actielijn-1/vervallen-proef.md".into(),
            text: "---\nid: vervallen-proef\ntitel: \"Een proef die is beëindigd\"\n\
                   status: afgerond\njaren: [2024]\njaren_bron: actieplan\n---\n\
                   De proef is afgerond en komt in deze editie niet meer voor.\n"
                .into(),
        });
        files
    }
}

/// `content/actielijn-N/_index.md`: the actielijn's titles, goals and effects.
fn lijn_index(lijn: &GenLijn) -> File {
    let mut text = format!(
        "---\nnummer: {}\nkorte_titel: \"{}\"\ntitel: \"{}\"\noperationele_doelen:\n  punten:\n",
        lijn.nummer, lijn.korte_titel, lijn.titel
    );
    for (kop, tekst) in &lijn.doelen {
        match kop {
            Some(kop) => {
                let _ = writeln!(text, "    - kop: \"{kop}\"\n      tekst: \"{tekst}\"");
            }
            None => {
                let _ = writeln!(text, "    - \"{tekst}\"");
            }
        }
    }
    text.push_str("beoogde_effecten:\n  punten:\n");
    for effect in &lijn.effecten {
        let _ = writeln!(text, "    - \"{effect}\"");
    }
    text.push_str("---\n");
    text.push_str(&lijn.tekst);
    File {
        path: format!("content/actielijn-{}/_index.md", lijn.nummer),
        text,
    }
}

/// The file of one action: its front matter and its progress text.
fn actie_file(actie: &GenActie) -> File {
    let mut text = String::from("---\n");
    match &actie.nummer {
        GenNummer::Enkel(n) => {
            let _ = writeln!(text, "nummer: {n}");
        }
        GenNummer::Gecombineerd(a, b) => {
            let _ = writeln!(text, "nummer: \"{a}/{b}\"");
        }
        GenNummer::Extra(id) => {
            let _ = writeln!(text, "id: {id}");
        }
    }
    let _ = write!(
        text,
        "titel: \"{}\"\nstatus: {}\njaren: {}\njaren_bron: {}\n",
        actie.titel,
        actie.status.key(),
        years(&actie.jaren),
        actie.bron.key()
    );
    if let Some(t) = &actie.toelichting {
        let _ = writeln!(text, "jaren_toelichting: \"{t}\"");
    }
    if actie.concept {
        text.push_str("concept: true\n");
    }
    text.push_str("---\n");
    text.push_str(&render_body(&actie.body, &|n, _| format!("actie:{n}")));
    File {
        path: format!("content/{}", actie.file),
        text,
    }
}
