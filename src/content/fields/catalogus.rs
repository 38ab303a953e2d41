//! `catalogus:` in the site's front matter: what the catalogue record of the
//! open data (DCAT-AP-DONL) needs. Optional as a whole; once it is there,
//! every field data.overheid.nl requires must be there too, each missing one
//! reported at the line of `catalogus`.

use serde::Deserialize;

use super::Fields;
use crate::error::{Location, Problem};
use crate::model::{CC0, Catalogus, Contactpunt};

const KEY: &str = "catalogus";
const EXPECTED: &str = "adres, beschrijving, uitgever, contactpunt (naam en email of website), \
     thema (lijst), en optioneel licentie en trefwoorden (lijst)";
const URL: &str = "een webadres dat begint met https:// of http://";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogusFm {
    adres: Option<String>,
    beschrijving: Option<String>,
    uitgever: Option<String>,
    contactpunt: Option<ContactpuntFm>,
    thema: Option<Vec<String>>,
    licentie: Option<String>,
    trefwoorden: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactpuntFm {
    naam: Option<String>,
    email: Option<String>,
    website: Option<String>,
}

fn filled(text: Option<String>) -> Option<String> {
    text.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn is_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

impl Fields<'_> {
    /// Where `key` nested under `catalogus` is (`contactpunt.naam`: the
    /// `naam:` under `contactpunt:`); when it is absent, its deepest parent
    /// that is there.
    fn catalogus_at(&self, key: &str) -> Location {
        let lines = self.block(KEY);
        let mut at = self.offset(KEY);
        let mut from = 0;
        let mut indent = 0;
        for part in key.split('.') {
            let mut found = None;
            for (i, (offset, text)) in lines.iter().enumerate().skip(from + 1) {
                let depth = text.len() - text.trim_start().len();
                if !text.trim().is_empty() && depth <= indent {
                    break;
                }
                if text.trim_start().starts_with(&format!("{part}:")) {
                    found = Some((i, offset + depth, depth));
                    break;
                }
            }
            let Some((i, offset, depth)) = found else {
                break;
            };
            at = offset;
            from = i;
            indent = depth;
        }
        Location::at(self.file, at)
    }

    fn catalogus_missing(&mut self, key: &'static str, expected: &'static str) {
        let location = self.catalogus_at(key);
        self.push(location, Problem::CatalogueMissing { key, expected });
    }

    fn catalogus_bad(&mut self, key: &'static str, found: &str, expected: &'static str) {
        let location = self.catalogus_at(key);
        self.push(
            location,
            Problem::CatalogueBadValue {
                key,
                found: found.to_string(),
                expected,
            },
        );
    }

    /// A required web address under `catalogus`.
    fn catalogus_url(
        &mut self,
        key: &'static str,
        value: Option<String>,
        expected: &'static str,
    ) -> Option<String> {
        let Some(value) = filled(value) else {
            self.catalogus_missing(key, expected);
            return None;
        };
        if is_url(&value) {
            Some(value)
        } else {
            self.catalogus_bad(key, &value, expected);
            None
        }
    }

    /// `catalogus.contactpunt`: a name, and an e-mail address or a website.
    fn catalogus_contactpunt(&mut self, contactpunt: Option<ContactpuntFm>) -> Option<Contactpunt> {
        match contactpunt {
            None => {
                self.catalogus_missing(
                    "contactpunt",
                    "daaronder `naam:` en `email:` of `website:`",
                );
                None
            }
            Some(cp) => {
                let naam = filled(cp.naam);
                if naam.is_none() {
                    self.catalogus_missing(
                        "contactpunt.naam",
                        "de naam van wie vragen over de data beantwoordt",
                    );
                }
                let email = filled(cp.email);
                let website = filled(cp.website);
                let mut ok = naam.is_some();
                if let Some(email) = &email
                    && (!email.contains('@') || email.contains(char::is_whitespace))
                {
                    self.catalogus_bad(
                        "contactpunt.email",
                        email,
                        "een e-mailadres zoals opendata@minjenv.nl",
                    );
                    ok = false;
                }
                if let Some(site) = &website
                    && !is_url(site)
                {
                    self.catalogus_bad("contactpunt.website", site, URL);
                    ok = false;
                }
                if email.is_none() && website.is_none() {
                    self.catalogus_missing(
                        "contactpunt.email",
                        "een e-mailadres (of een regel `website: …` met een webadres)",
                    );
                    ok = false;
                }
                naam.filter(|_| ok).map(|naam| Contactpunt {
                    naam,
                    email,
                    website,
                })
            }
        }
    }

    /// `catalogus.thema`: one theme or more, each a web address.
    fn catalogus_thema(&mut self, thema: Option<Vec<String>>) -> Option<Vec<String>> {
        let thema: Vec<String> = thema
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| filled(Some(t)))
            .collect();
        let mut thema_ok = !thema.is_empty();
        if thema.is_empty() {
            self.catalogus_missing(
                "thema",
                "een lijst met ten minste één thema uit de taxonomie beleidsagenda, bijvoorbeeld [\"http://standaarden.overheid.nl/owms/terms/Openbare_orde_en_veiligheid\"]",
            );
        }
        for t in &thema {
            if !is_url(t) {
                self.catalogus_bad("thema", t, URL);
                thema_ok = false;
            }
        }
        Some(thema).filter(|_| thema_ok)
    }

    /// `catalogus:`, when the site asks for a catalogue record.
    pub(super) fn catalogus(&mut self) -> Option<Box<Catalogus>> {
        let fm: CatalogusFm = self.get(KEY, EXPECTED)?;
        let adres = self
            .catalogus_url(
                "adres",
                fm.adres,
                "het webadres waar de site staat, beginnend met https://, bijvoorbeeld \"https://www.rijksoverheid.nl/documenten/monitoringsoverzicht/\"",
            )
            .map(|a| if a.ends_with('/') { a } else { format!("{a}/") });
        let beschrijving = filled(fm.beschrijving);
        if beschrijving.is_none() {
            self.catalogus_missing(
                "beschrijving",
                "een tekst van een paar zinnen over wat de data bevatten",
            );
        }
        let uitgever = self.catalogus_url(
            "uitgever",
            fm.uitgever,
            "het webadres van de organisatie in de organisatielijst van data.overheid.nl, bijvoorbeeld \"http://standaarden.overheid.nl/owms/terms/Ministerie_van_Justitie_en_Veiligheid\"",
        );
        let contactpunt = self.catalogus_contactpunt(fm.contactpunt);
        let thema = self.catalogus_thema(fm.thema);
        let licentie = match filled(fm.licentie) {
            None => Some(CC0.to_string()),
            Some(l) if is_url(&l) => Some(l),
            Some(l) => {
                self.catalogus_bad("licentie", &l, URL);
                None
            }
        };
        Some(Box::new(Catalogus {
            adres: adres?,
            beschrijving: beschrijving?,
            uitgever: uitgever?,
            contactpunt: contactpunt?,
            thema: thema?,
            licentie: licentie?,
            trefwoorden: fm
                .trefwoorden
                .unwrap_or_default()
                .into_iter()
                .filter_map(|t| filled(Some(t)))
                .collect(),
        }))
    }
}
