//! What to do about each [`Problem`]: the help line under its message,
//! grouped by what the editor has to look at.

use super::{Problem, suggest};
use crate::model::{STATUS_KEYS, Status};

impl Problem {
    /// What is allowed, or how to fix it.
    pub fn help(&self) -> Option<String> {
        self.yaml_help()
            .or_else(|| self.key_help())
            .or_else(|| self.value_help())
            .or_else(|| self.folder_help())
            .or_else(|| self.text_help())
            .or_else(|| self.build_help())
            .or_else(|| self.spreadsheet_help())
    }

    /// How to write the YAML of a page's front matter.
    fn yaml_help(&self) -> Option<String> {
        Some(match self {
            Problem::NotUtf8 => "sla het bestand op als UTF-8".into(),
            Problem::EmptyFile | Problem::NoFrontMatter => {
                "een pagina begint met een regel `---`, dan de YAML-sleutels, dan weer `---`".into()
            }
            Problem::UnclosedFrontMatter => "sluit de front matter af met een regel `---`".into(),
            Problem::Indentation { above: 0, .. } => {
                "laat deze regel beginnen zonder spaties ervoor, zoals de regel erboven; gebruik spaties, geen tabs".into()
            }
            Problem::Indentation { above, .. } => format!(
                "laat deze regel met {above} {} beginnen, net als de regel erboven (of met evenveel spaties als het blok waar ze bij hoort); gebruik spaties, geen tabs",
                if *above == 1 { "spatie" } else { "spaties" }
            ),
            Problem::NumberTooLarge { .. } => {
                "een actienummer of jaartal heeft maar een paar cijfers, zoals 31 of 2026".into()
            }
            Problem::InvisibleCharacter { .. } => {
                "verwijder het teken en typ op die plek een gewone spatie (of niets)".into()
            }
            Problem::CurlyQuotes { suggestion, .. } => {
                format!("typ gewone rechte aanhalingstekens (\"), zo: {suggestion}")
            }
            Problem::CurlyQuotesShown { suggestion, .. } => format!(
                "horen ze niet in de tekst, typ dan gewone rechte aanhalingstekens: {suggestion}"
            ),
            Problem::UnclosedQuote => {
                "sluit de tekst af met hetzelfde aanhalingsteken; een \" in de tekst schrijf je als \\\"".into()
            }
            Problem::DuplicateKey { .. } => {
                "elke sleutel mag één keer voorkomen: verwijder of hernoem een van de twee".into()
            }
            Problem::Yaml(message) if message.contains("dubbele punt") => {
                "zet een tekst met een dubbele punt, # of aanhalingstekens erin tussen aanhalingstekens, bijvoorbeeld titel: \"Aanpak: regionaal\"".into()
            }
            Problem::NotAMapping => "schrijf per regel `sleutel: waarde`".into(),
            Problem::TooDeep { .. } => {
                "zoveel lagen komen in een gewone tekst niet voor: controleer of er tags of haakjes niet gesloten zijn".into()
            }
            Problem::ControlCharacter { .. } => {
                "zo'n teken komt meestal mee bij kopiëren uit een ander programma; typ de tekst op die plek opnieuw".into()
            }
            _ => return None,
        })
    }

    /// Which keys a front matter has and what their values are.
    fn key_help(&self) -> Option<String> {
        Some(match self {
            Problem::UnknownKey { key, allowed } => {
                let mut text = format!("toegestaan: {}", allowed.join(", "));
                if let Some(best) = suggest(key, allowed) {
                    text = format!("bedoelde je `{best}`? {text}");
                }
                text
            }
            Problem::WrongType {
                expected,
                suggestion,
                ..
            } => match suggestion {
                Some(suggestion) => format!("bedoelde je `{suggestion}`? verwacht: {expected}"),
                None => format!("verwacht: {expected}"),
            },
            Problem::WrongValue {
                expected,
                suggestion,
                ..
            } => match suggestion {
                Some(suggestion) => format!("bedoelde je `{suggestion}`? verwacht: {expected}"),
                None => format!("verwacht: {expected}"),
            },
            Problem::UnknownSubKey { allowed, key, .. } => {
                let names: Vec<&str> = allowed.iter().map(String::as_str).collect();
                let mut text = format!("toegestaan: {}", names.join(", "));
                if let Some(best) = suggest(key, &names) {
                    text = format!("bedoelde je `{best}`? {text}");
                }
                text
            }
            Problem::MissingSubKey { parent, key } => {
                format!(
                    "voeg onder `{parent}` een regel `{key}: …` toe, even ver ingesprongen als de andere sleutels daar"
                )
            }
            Problem::MissingKey { key } => {
                format!("voeg een regel `{key}: …` toe tussen de twee regels `---`")
            }
            Problem::Empty { key } if key.contains("jaren") => {
                "noem minstens één jaar, bijvoorbeeld [2025]".into()
            }
            Problem::Empty { key } => {
                format!(
                    "schrijf een tekst tussen aanhalingstekens, bijvoorbeeld {key}: \"Een titel\""
                )
            }
            _ => return None,
        })
    }

    /// What a value of the monitoring may be: statuses, years, numbers and ids, the legend, the catalogue.
    fn value_help(&self) -> Option<String> {
        Some(match self {
            Problem::UnknownStatus { found } => {
                let mut text = format!("toegestaan: {}", STATUS_KEYS.join(", "));
                if let Some(best) = suggest(found, STATUS_KEYS) {
                    text = format!("bedoelde je `{best}`? {text}");
                } else if let Some(key) = Status::from_label(found).map(Status::key) {
                    text = format!(
                        "bedoelde je `{key}`? Hier hoort de sleutel van de status, niet het label uit de legenda; {text}"
                    );
                }
                text
            }
            Problem::UnknownYearSource { .. } => {
                "toegestaan: actieplan (tabel van het actieplan), titel (de titel noemt de jaren), periode (de gedrukte periode)".into()
            }
            Problem::YearOutsidePlan { first, last, .. } => {
                format!("toegestaan: de jaren {first} tot en met {last} (zie `planjaren` in content/_index.md)")
            }
            Problem::BadEdition { .. } => "schrijf jaar en maand, bijvoorbeeld \"2025-11\"".into(),
            Problem::BadNumber { suggestion, .. } => {
                let allowed = "toegestaan: een geheel getal vanaf 1, of een gecombineerde actie als \"3/4\" (oplopende, verschillende nummers)";
                match suggestion {
                    Some(suggestion) => format!("bedoelde je `{suggestion}`? {allowed}"),
                    None => allowed.to_string(),
                }
            }
            Problem::DuplicateNumber { .. } => {
                "elk actienummer hoort bij precies één actiepagina".into()
            }
            Problem::DuplicateId { .. } => "elk id hoort bij precies één actiepagina".into(),
            Problem::DuplicateActielijn { .. } => {
                "elk actielijnnummer hoort bij precies één actielijnmap".into()
            }
            Problem::UnmonitoredHasPage { number, .. } => format!(
                "haal {number} weg uit `nog_niet_gemonitord` in content/_index.md, of verwijder de actiepagina"
            ),
            Problem::MissingId | Problem::BadId { .. } => {
                "een id bestaat uit kleine letters, cijfers en streepjes en begint met een letter, bijvoorbeeld `pilot-preventie-ronselen`".into()
            }
            Problem::IdWithNumber => "een genummerde actie wordt herkend aan haar nummer: laat `id` weg".into(),
            Problem::LegendMissingStatus { .. } | Problem::LegendDuplicateStatus { .. } => {
                format!("de legenda noemt elke status precies één keer: {}", STATUS_KEYS.join(", "))
            }
            Problem::PlanYearsNotConsecutive => "bijvoorbeeld [2024, 2025, 2026, 2027]".into(),
            Problem::CatalogueMissing { key, expected } => {
                let mut parts = key.rsplit('.');
                let name = parts.next().unwrap_or(key);
                let parent = parts.next().unwrap_or("catalogus");
                format!(
                    "zet onder `{parent}:` in content/_index.md een regel `{name}: …` met {expected} (zonder `catalogus:` maakt bijlage geen catalogus)"
                )
            }
            Problem::CatalogueBadValue { expected, .. } => format!("verwacht: {expected}"),
            _ => return None,
        })
    }

    /// Where the content's files belong.
    fn folder_help(&self) -> Option<String> {
        Some(match self {
            Problem::ContentDir { .. } => {
                "geef met `--content` de map die `_index.md` en de actielijnmappen bevat".into()
            }
            Problem::MissingSiteIndex => {
                "maak content/_index.md met programma, titel, editie, planjaren en legenda".into()
            }
            Problem::SymlinkLoop { .. } => {
                "verwijder de link, of laat hem wijzen naar een andere map binnen de site".into()
            }
            Problem::LinkOutsideSite { .. } => {
                "bijlage leest alleen bestanden binnen de site en het thema: kopieer het bestand naar de site, of verwijder de link".into()
            }
            Problem::IgnoredFile => {
                "hernoem het naar `.md` als het een pagina is, of haal het uit de contentmap; bestanden waarvan de naam met `.` begint worden stil overgeslagen".into()
            }
            Problem::ActionOutsideActielijn | Problem::FolderWithoutIndex { .. } => {
                "zet actiebestanden in een actielijnmap met een `_index.md`, bijvoorbeeld content/actielijn-1/".into()
            }
            Problem::NestedFolder => "zet actiebestanden direct in de actielijnmap".into(),
            _ => return None,
        })
    }

    /// What the Markdown of a text may link to and contain.
    fn text_help(&self) -> Option<String> {
        Some(match self {
            Problem::RemoteImage { .. } => {
                "de site laadt niets van andere servers: zet de afbeelding in static/ van het thema, of maak er een gewone link van; in de bijlage wordt het een link".into()
            }
            Problem::EmptyProgress { .. } => {
                "schrijf de voortgang onder de tweede regel `---`".into()
            }
            Problem::RawHtml => {
                "scripts, event-handlers (zoals onclick) en javascript:-links worden verwijderd; zet `ruwe_html: true` in content/_index.md om ruwe HTML ongewijzigd over te nemen".into()
            }
            Problem::UnsafeLink { .. } => {
                "toegestaan: links naar http(s), mailto:, tel:, een anker (#…) of een relatief pad; `ruwe_html: true` in content/_index.md laat alles door".into()
            }
            Problem::BrokenReference { .. } => {
                "verwijs naar een bestaande actie, bijvoorbeeld [actie 15](actie:15)".into()
            }
            Problem::ReferenceToDraft { .. } => {
                "publiceer de actie (haal `concept: true` weg), of verwijs er pas naar als ze gepubliceerd wordt; `--drafts` bouwt met concepten".into()
            }
            _ => return None,
        })
    }

    /// The output folder, the theme, the review copy and the editions compared.
    fn build_help(&self) -> Option<String> {
        Some(match self {
            Problem::OutputCollision { .. } => {
                "kies voor `bijlage_bestand` een naam die geen andere pagina heeft (niet index.html, actielijn-N.html, wijzigingen.html of edities.html)".into()
            }
            Problem::OutputProtected { .. } => {
                "kies een eigen uitvoermap, bijvoorbeeld `--output public`".into()
            }
            Problem::OutputNotADir { .. } => "kies een map als uitvoer".into(),
            Problem::Output(_) => {
                "kies met `--output` een map waarin je mag schrijven, bijvoorbeeld `--output public` in je eigen map".into()
            }
            Problem::ReviewUnmarked { .. } => {
                "een eigen template in templates/ of in het thema laat de markering weg: neem de regels met `review` over uit themes/rijksoverheid/templates (bijlage.html, base.html)".into()
            }
            Problem::ReviewFile { .. } => {
                "kies een bestand buiten de content- en themamappen, bijvoorbeeld `--output bijlage-concept.html`".into()
            }
            Problem::OutputForeign { .. } => {
                "kies een lege of nieuwe map, of geef `--force` om de map toch te vervangen".into()
            }
            Problem::Template { .. } => {
                "de Engelse melding komt van tera, de template-engine".into()
            }
            Problem::ThemeNotFound { available, .. } => {
                format!("beschikbare thema's: {}", available.join(", "))
            }
            Problem::PreviousNotFound { known, .. } => {
                let geen = "`--previous geen` bouwt zonder vergelijking";
                if known.is_empty() {
                    format!("er zijn geen eerdere edities (geen map in edities/, geen git-tag); {geen}")
                } else {
                    format!("bestaande edities: {}; {geen}", known.join(", "))
                }
            }
            Problem::EditionNotLater { .. } => {
                "zet `editie` op de maand van deze editie, of vergelijk met een eerdere editie (`vorige_editie`, `--previous`)".into()
            }
            Problem::PastEditionInvalid { .. } => {
                "`bijlage check --content <die map>/content` toont de fouten".into()
            }
            _ => return None,
        })
    }

    /// The workbook of the spreadsheet round trip and its answers.
    fn spreadsheet_help(&self) -> Option<String> {
        Some(match self {
            Problem::WorkbookUnreadable(_) => {
                "sla het werkboek op als .xlsx (Excel) of .ods (LibreOffice) en probeer opnieuw".into()
            }
            Problem::SheetMissing { .. } | Problem::ColumnMissing { .. } => {
                "gebruik een werkboek dat `bijlage export` maakte, en laat zijn bladen en kopregel staan".into()
            }
            Problem::WrongEdition { expected, .. } => format!(
                "maak met `bijlage export` een werkboek voor editie {expected} en neem de antwoorden daarin over"
            ),
            Problem::AnswerStatus {
                suggestion,
                allowed,
                ..
            } => match suggestion {
                Some(best) => format!("bedoelde je `{best}`? kies een van: {allowed}"),
                None => format!("kies een van: {allowed}"),
            },
            Problem::AnswerNumber { suggestion, .. } => {
                let text = "laat de kolom Nummer staan zoals `bijlage export` hem schreef";
                match suggestion {
                    Some(best) => format!("bedoelde je `{best}`? {text}"),
                    None => text.into(),
                }
            }
            Problem::AnswerConflict { .. } => {
                "geef één antwoord per actie: haal een van de twee weg of maak ze gelijk".into()
            }
            Problem::AnswerStale { .. } => {
                "het antwoord ging uit van een oudere stand; het vervangt wat er nu staat: controleer het overzicht hieronder".into()
            }
            Problem::ContentChangedSinceExport => {
                "dat is goed zolang niemand anders dezelfde acties heeft gewijzigd; controleer het overzicht hieronder".into()
            }
            Problem::StatusLineNotFound => {
                "schrijf de status op één regel `status: sleutel` in de front matter".into()
            }
            Problem::UnknownActielijn { available, .. } => {
                format!("kies een van de actielijnen {available}")
            }
            Problem::UnknownSelection { suggestion, .. } => {
                let text = "noem acties met hun nummer of het id van een extra actie, gescheiden door komma's";
                match suggestion {
                    Some(best) => format!("bedoelde je `{best}`? {text}"),
                    None => text.into(),
                }
            }
            _ => return None,
        })
    }
}
