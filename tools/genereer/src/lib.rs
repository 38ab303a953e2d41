//! Synthetic content for benchmarks and the scale test: a valid site of any
//! number of actions over any number of actielijnen, with progress texts that
//! look like the real ones (paragraphs, lists, the odd table, links,
//! cross-references, now and then a code block), and the same pages as a Hugo
//! site for a side-by-side comparison.
//!
//! Deterministic: the same [`Spec`] gives byte-identical files. The
//! [`Summary`] says what was written, so a test can check a build against it.
//! Tooling, not product: a crate of its own (`tools/genereer`, never published),
//! used by its binary `genereer` (src/main.rs), `benches/pipeline.rs`, `scripts/bench.sh`
//! and `tests/testsuite/scale.rs`.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use bijlage::model::{JarenBron, Status};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Action files (entries); a combined entry "a/b" is one file.
    pub acties: usize,
    /// Actielijnen, at least 1.
    pub actielijnen: usize,
    pub zaad: u64,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            acties: 1000,
            actielijnen: 40,
            zaad: 2025,
        }
    }
}

/// What was generated: what a build of it must show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Action files written (drafts included).
    pub bestanden: usize,
    /// Of which drafts (`concept: true`), left out of a plain build.
    pub concepten: usize,
    /// Combined entries ("a/b") and extra actions (with `id`), drafts excluded.
    pub gecombineerd: usize,
    pub extra: usize,
    /// Counted actions per status (a combined entry once per number), drafts
    /// excluded: the dashboard's totals.
    pub per_status: [usize; 5],
    /// Entries (not drafts) per actielijn, in actielijn order.
    pub per_actielijn: Vec<usize>,
    /// Cross-references `[actie N](actie:N)` written.
    pub verwijzingen: usize,
    /// Fenced code blocks written.
    pub codeblokken: usize,
    /// Numbers listed in `nog_niet_gemonitord` (they have no page).
    pub niet_gemonitord: Vec<u32>,
}

impl Summary {
    /// The dashboard's total: counted actions of a plain build.
    pub fn acties(&self) -> usize {
        self.per_status.iter().sum()
    }

    /// Entries a plain build renders (one `<article>` each).
    pub fn entries(&self) -> usize {
        self.bestanden - self.concepten
    }
}

/// A generated file: path relative to the site root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: String,
}

/// Writes `files` under `root`, creating folders as needed.
pub fn write(root: &Path, files: &[File]) -> io::Result<()> {
    let mut made = std::collections::BTreeSet::new();
    for file in files {
        let target = root.join(&file.path);
        if let Some(dir) = target.parent()
            && made.insert(dir.to_path_buf())
        {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&target, &file.text)?;
    }
    Ok(())
}

mod hugo;
mod woorden;

use woorden::*;

/// One piece of a body: text, or a cross-reference to an action number.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Ref { nummer: u32, lijn: usize },
}

#[derive(Debug, Clone)]
enum GenNummer {
    Enkel(u32),
    Gecombineerd(u32, u32),
    Extra(String),
}

impl GenNummer {
    fn anchor(&self) -> String {
        match self {
            GenNummer::Enkel(n) | GenNummer::Gecombineerd(n, _) => format!("actie-{n}"),
            GenNummer::Extra(id) => format!("actie-{id}"),
        }
    }

    fn label(&self) -> String {
        match self {
            GenNummer::Enkel(n) => n.to_string(),
            GenNummer::Gecombineerd(a, b) => format!("{a}/{b}"),
            GenNummer::Extra(_) => "Extra actie".into(),
        }
    }

    fn count(&self) -> usize {
        match self {
            GenNummer::Gecombineerd(..) => 2,
            _ => 1,
        }
    }

    /// Sort weight within an actielijn, as the model orders: numbers first.
    fn weight(&self, extra_index: usize) -> u64 {
        match self {
            GenNummer::Enkel(n) | GenNummer::Gecombineerd(n, _) => u64::from(*n),
            GenNummer::Extra(_) => 1_000_000 + extra_index as u64,
        }
    }
}

#[derive(Debug, Clone)]
struct GenActie {
    lijn: usize,
    nummer: GenNummer,
    file: String,
    titel: String,
    status: Status,
    jaren: Vec<u16>,
    bron: JarenBron,
    toelichting: Option<String>,
    concept: bool,
    body: Vec<Piece>,
}

#[derive(Debug, Clone)]
struct GenLijn {
    nummer: usize,
    korte_titel: String,
    titel: String,
    doelen: Vec<(Option<String>, String)>,
    effecten: Vec<String>,
    tekst: String,
}

/// The generated programme, before it is written in either format.
#[derive(Debug, Clone)]
pub struct Programme {
    lijnen: Vec<GenLijn>,
    acties: Vec<GenActie>,
    niet_gemonitord: Vec<u32>,
    summary: Summary,
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn sentence(rng: &mut fastrand::Rng) -> String {
    format!(
        "{} {} {}{}",
        pick(rng, SUBJECTS),
        pick(rng, VERBS),
        pick(rng, OBJECTS),
        pick(rng, TAILS)
    )
}

fn status(rng: &mut fastrand::Rng) -> Status {
    match rng.u32(..100) {
        0..30 => Status::Afgerond,
        30..75 => Status::InUitvoering,
        75..86 => Status::Vertraging,
        86..97 => Status::Doorlopend,
        _ => Status::NietGestart,
    }
}

fn jaren(rng: &mut fastrand::Rng) -> Vec<u16> {
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

fn body(rng: &mut fastrand::Rng, refs: &[(u32, usize)], summary: &mut Summary) -> Vec<Piece> {
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

fn slug(text: &str) -> String {
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

/// Builds the programme of `spec`: actielijnen, numbered and extra actions,
/// their texts and what a build must show.
pub fn programme(spec: &Spec) -> Programme {
    let mut rng = fastrand::Rng::with_seed(spec.zaad);
    let m = spec.actielijnen.max(1);
    let mut summary = Summary {
        per_actielijn: vec![0; m],
        ..Summary::default()
    };

    // Spread the entries over the actielijnen, unevenly, as in a real plan.
    let weights: Vec<u64> = (0..m).map(|_| 50 + rng.u64(..100)).collect();
    let total: u64 = weights.iter().sum();
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| (spec.acties as u64 * w / total) as usize)
        .collect();
    let short = spec.acties - sizes.iter().sum::<usize>();
    for i in 0..short {
        sizes[i % m] += 1;
    }

    let lijnen: Vec<GenLijn> = (1..=m)
        .map(|nummer| {
            let topic = pick(&mut rng, TITLE_TOPICS);
            GenLijn {
                nummer,
                korte_titel: format!("Actielijn over {topic}"),
                titel: format!("Investeren in {topic} in alle regio's (actielijn {nummer})"),
                doelen: (0..1 + rng.usize(..3))
                    .map(|i| {
                        (
                            (i % 2 == 0).then(|| format!("Eind {}", pick(&mut rng, &PLANJAREN))),
                            sentence(&mut rng),
                        )
                    })
                    .collect(),
                effecten: (0..1 + rng.usize(..3))
                    .map(|_| sentence(&mut rng))
                    .collect(),
                tekst: if rng.bool() {
                    format!("{}\n", sentence(&mut rng))
                } else {
                    String::new()
                },
            }
        })
        .collect();

    // Numbers run on across actielijnen; a few are skipped (not monitored yet).
    let mut next = 1u32;
    let mut acties: Vec<GenActie> = Vec::with_capacity(spec.acties);
    let mut niet_gemonitord = Vec::new();
    for (li, &size) in sizes.iter().enumerate() {
        let lijn = li + 1;
        let mut extras = 0;
        for k in 0..size {
            if rng.u32(..250) == 0 {
                niet_gemonitord.push(next);
                next += 1;
            }
            let nummer = match rng.u32(..100) {
                0..3 if k > 0 => {
                    extras += 1;
                    GenNummer::Extra(format!("extra-{lijn}-{extras}"))
                }
                3..6 => {
                    next += 2;
                    GenNummer::Gecombineerd(next - 2, next - 1)
                }
                _ => {
                    next += 1;
                    GenNummer::Enkel(next - 1)
                }
            };
            let heads = format!(
                "{} {}",
                pick(&mut rng, TITLE_HEADS),
                pick(&mut rng, TITLE_TOPICS)
            );
            let file = match &nummer {
                GenNummer::Enkel(n) => format!("{n:05}-{}.md", slug(&heads)),
                GenNummer::Gecombineerd(a, b) => format!("{a:05}-{b:05}-{}.md", slug(&heads)),
                GenNummer::Extra(id) => format!("{id}.md"),
            };
            let toelichting = (rng.u32(..4) == 0).then(|| {
                format!(
                    "Actieplan, tabel actielijn {lijn}: planactie {}.",
                    1 + rng.u32(..200)
                )
            });
            acties.push(GenActie {
                lijn,
                nummer,
                file: format!("actielijn-{lijn}/{file}"),
                titel: heads,
                status: status(&mut rng),
                jaren: jaren(&mut rng),
                bron: *pick(&mut rng, &JarenBron::ALL),
                toelichting,
                concept: rng.u32(..250) == 0,
                body: Vec::new(),
            });
        }
    }

    // Cross-references point at numbers of actions that a plain build has.
    let refs: Vec<(u32, usize)> = acties
        .iter()
        .filter(|a| !a.concept)
        .filter_map(|a| match a.nummer {
            GenNummer::Enkel(n) => Some((n, a.lijn)),
            GenNummer::Gecombineerd(_, b) => Some((b, a.lijn)),
            GenNummer::Extra(_) => None,
        })
        .collect();
    for actie in &mut acties {
        actie.body = body(&mut rng, &refs, &mut summary);
        summary.bestanden += 1;
        if actie.concept {
            summary.concepten += 1;
            continue;
        }
        match actie.nummer {
            GenNummer::Gecombineerd(..) => summary.gecombineerd += 1,
            GenNummer::Extra(_) => summary.extra += 1,
            GenNummer::Enkel(_) => {}
        }
        summary.per_status[actie.status.index()] += actie.nummer.count();
        summary.per_actielijn[actie.lijn - 1] += 1;
    }
    summary.niet_gemonitord = niet_gemonitord.clone();
    Programme {
        lijnen,
        acties,
        niet_gemonitord,
        summary,
    }
}

fn years(jaren: &[u16]) -> String {
    let items: Vec<String> = jaren.iter().map(u16::to_string).collect();
    format!("[{}]", items.join(", "))
}

fn render_body(body: &[Piece], link: &dyn Fn(u32, usize) -> String) -> String {
    let mut text = String::new();
    for piece in body {
        match piece {
            Piece::Text(t) => text.push_str(t),
            Piece::Ref { nummer, lijn } => {
                let _ = write!(text, "[actie {nummer}]({})", link(*nummer, *lijn));
            }
        }
    }
    text
}

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
        files.push(File {
            path: "content/_index.md".into(),
            text: site,
        });

        for lijn in &self.lijnen {
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
            files.push(File {
                path: format!("content/actielijn-{}/_index.md", lijn.nummer),
                text,
            });
        }

        for actie in &self.acties {
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
            files.push(File {
                path: format!("content/{}", actie.file),
                text,
            });
        }
        files
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_spec_gives_the_same_files() {
        let spec = Spec {
            acties: 300,
            actielijnen: 7,
            zaad: 7,
        };
        let a = programme(&spec).bijlage_files();
        let b = programme(&spec).bijlage_files();
        assert_eq!(a, b);
        let other = programme(&Spec { zaad: 8, ..spec }).bijlage_files();
        assert_ne!(a, other);
    }

    #[test]
    fn writes_every_entry_once() {
        let spec = Spec {
            acties: 500,
            actielijnen: 9,
            zaad: 1,
        };
        let programme = programme(&spec);
        let summary = programme.summary();
        let files = programme.bijlage_files();
        // Site, actielijnen, actions.
        assert_eq!(files.len(), 1 + 9 + 500);
        assert_eq!(summary.bestanden, 500);
        assert_eq!(summary.per_actielijn.len(), 9);
        assert_eq!(
            summary.per_actielijn.iter().sum::<usize>(),
            summary.entries()
        );
        let paths: std::collections::BTreeSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths.len(), files.len(), "paths are unique");
        // Everything a realistic text has, at this size.
        assert!(summary.gecombineerd > 0 && summary.extra > 0);
        assert!(summary.verwijzingen > 0 && summary.codeblokken > 0);
        let hugo = programme.hugo_files(false, false, "");
        let hugo_pages = hugo
            .iter()
            .filter(|f| f.path.starts_with("content/"))
            .count();
        assert_eq!(hugo_pages, 1 + 9 + 500);
    }
}
