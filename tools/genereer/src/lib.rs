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
mod content;
mod inhoud;

use inhoud::{body, jaren, pick, sentence, slug, status};

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
/// Builds the programme of `spec`: actielijnen, numbered and extra actions,
/// their texts and what a build must show.
pub fn programme(spec: &Spec) -> Programme {
    let mut rng = fastrand::Rng::with_seed(spec.zaad);
    let m = spec.actielijnen.max(1);
    let mut summary = Summary {
        per_actielijn: vec![0; m],
        ..Summary::default()
    };
    let sizes = sizes(&mut rng, spec.acties, m);
    let lijnen: Vec<GenLijn> = (1..=m).map(|nummer| lijn(&mut rng, nummer)).collect();

    // Numbers run on across actielijnen; a few are skipped (not monitored yet).
    let mut nummers = Nummers {
        next: 1,
        niet_gemonitord: Vec::new(),
    };
    let mut acties: Vec<GenActie> = Vec::with_capacity(spec.acties);
    for (li, &size) in sizes.iter().enumerate() {
        let lijn = li + 1;
        let mut extras = 0;
        for k in 0..size {
            acties.push(actie(&mut rng, lijn, k, &mut extras, &mut nummers));
        }
    }
    texts(&mut rng, &mut acties, &mut summary);
    summary.niet_gemonitord = nummers.niet_gemonitord.clone();
    Programme {
        lijnen,
        acties,
        niet_gemonitord: nummers.niet_gemonitord,
        summary,
    }
}

/// The number of entries of each of the `m` actielijnen, `acties` in all:
/// spread unevenly, as in a real plan.
fn sizes(rng: &mut fastrand::Rng, acties: usize, m: usize) -> Vec<usize> {
    let weights: Vec<u64> = (0..m).map(|_| 50 + rng.u64(..100)).collect();
    let total: u64 = weights.iter().sum();
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| (acties as u64 * w / total) as usize)
        .collect();
    let short = acties - sizes.iter().sum::<usize>();
    for i in 0..short {
        sizes[i % m] += 1;
    }
    sizes
}

/// Actielijn `nummer`: its titles, goals, effects and (now and then) a text.
fn lijn(rng: &mut fastrand::Rng, nummer: usize) -> GenLijn {
    let topic = pick(rng, TITLE_TOPICS);
    GenLijn {
        nummer,
        korte_titel: format!("Actielijn over {topic}"),
        titel: format!("Investeren in {topic} in alle regio's (actielijn {nummer})"),
        doelen: (0..1 + rng.usize(..3))
            .map(|i| {
                (
                    (i % 2 == 0).then(|| format!("Eind {}", pick(rng, &PLANJAREN))),
                    sentence(rng),
                )
            })
            .collect(),
        effecten: (0..1 + rng.usize(..3)).map(|_| sentence(rng)).collect(),
        tekst: if rng.bool() {
            format!("{}\n", sentence(rng))
        } else {
            String::new()
        },
    }
}

/// The action numbers handed out so far: the next one, and those skipped
/// (listed as not monitored yet).
struct Nummers {
    next: u32,
    niet_gemonitord: Vec<u32>,
}

/// Entry `k` of actielijn `lijn`, without its text yet: a number (or two, or
/// an id as the `extras`-th extra action), a title, status, years, a draft
/// now and then.
fn actie(
    rng: &mut fastrand::Rng,
    lijn: usize,
    k: usize,
    extras: &mut usize,
    nummers: &mut Nummers,
) -> GenActie {
    let next = &mut nummers.next;
    if rng.u32(..250) == 0 {
        nummers.niet_gemonitord.push(*next);
        *next += 1;
    }
    let nummer = match rng.u32(..100) {
        0..3 if k > 0 => {
            *extras += 1;
            GenNummer::Extra(format!("extra-{lijn}-{extras}"))
        }
        3..6 => {
            *next += 2;
            GenNummer::Gecombineerd(*next - 2, *next - 1)
        }
        _ => {
            *next += 1;
            GenNummer::Enkel(*next - 1)
        }
    };
    let heads = format!("{} {}", pick(rng, TITLE_HEADS), pick(rng, TITLE_TOPICS));
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
    GenActie {
        lijn,
        nummer,
        file: format!("actielijn-{lijn}/{file}"),
        titel: heads,
        status: status(rng),
        jaren: jaren(rng),
        bron: *pick(rng, &JarenBron::ALL),
        toelichting,
        concept: rng.u32(..250) == 0,
        body: Vec::new(),
    }
}

/// Gives every action its progress text, and counts what a build must show.
/// Cross-references point at numbers of actions that a plain build has.
fn texts(rng: &mut fastrand::Rng, acties: &mut [GenActie], summary: &mut Summary) {
    let refs: Vec<(u32, usize)> = acties
        .iter()
        .filter(|a| !a.concept)
        .filter_map(|a| match a.nummer {
            GenNummer::Enkel(n) => Some((n, a.lijn)),
            GenNummer::Gecombineerd(_, b) => Some((b, a.lijn)),
            GenNummer::Extra(_) => None,
        })
        .collect();
    for actie in acties {
        actie.body = body(rng, &refs, summary);
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
