//! Writes a synthetic site for benchmarks: N actions over M actielijnen.
//!
//! ```sh
//! cargo run --release -p bijlage-genereer -- --acties 10000 --actielijnen 40 --uit /dev/shm/x
//! ```
//!
//! writes `/dev/shm/x/content/` (build it with
//! `bijlage build --content /dev/shm/x/content --output /dev/shm/x/public`)
//! and, with `--hugo`, the same pages as a Hugo site in `/dev/shm/x/hugo/`;
//! with `--vorige`, a previous edition in `/dev/shm/x/vorige/content/` (build
//! with `--previous /dev/shm/x/vorige/content`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use genereer::{Spec, programme, write};

#[derive(Parser)]
#[command(about = "Schrijft een synthetische site van N acties over M actielijnen")]
struct Args {
    /// Aantal actiebestanden.
    #[arg(long, default_value_t = 1000)]
    acties: usize,
    /// Aantal actielijnen.
    #[arg(long, default_value_t = 40)]
    actielijnen: usize,
    /// Zaad van de toevalsgenerator: dezelfde waarde geeft dezelfde bestanden.
    #[arg(long, default_value_t = 2025)]
    zaad: u64,
    /// De map waarin `content/` (en met --hugo `hugo/`) komt; moet leeg zijn of niet bestaan.
    #[arg(long, value_name = "MAP")]
    uit: PathBuf,
    /// Schrijf ook een gelijkwaardige Hugo-site in <uit>/hugo.
    #[arg(long)]
    hugo: bool,
    /// Hugo: ook een eigen pagina per actie (zoals Hugo-sites gewoonlijk doen).
    #[arg(long, requires = "hugo")]
    hugo_per_actie: bool,
    /// Hugo: ook één pagina met alle acties, zoals de bijlage in één bestand.
    #[arg(long, requires = "hugo")]
    hugo_bijlage: bool,
    /// Schrijf ook een vorige editie in <uit>/vorige/content (voor --previous).
    #[arg(long)]
    vorige: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.actielijnen == 0 {
        eprintln!("genereer: --actielijnen moet minstens 1 zijn");
        return ExitCode::FAILURE;
    }
    if std::fs::read_dir(&args.uit).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!(
            "genereer: {} is niet leeg; kies een lege of nieuwe map",
            args.uit.display()
        );
        return ExitCode::FAILURE;
    }
    let spec = Spec {
        acties: args.acties,
        actielijnen: args.actielijnen,
        zaad: args.zaad,
    };
    let programme = programme(&spec);
    if let Err(err) = write(&args.uit, &programme.bijlage_files()) {
        eprintln!("genereer: {}: {err}", args.uit.display());
        return ExitCode::FAILURE;
    }
    if args.vorige
        && let Err(err) = write(&args.uit.join("vorige"), &programme.previous_files())
    {
        eprintln!("genereer: {}: {err}", args.uit.join("vorige").display());
        return ExitCode::FAILURE;
    }
    if args.hugo {
        let css = bijlage::render::theme::load(None, "rijksoverheid")
            .ok()
            .and_then(|theme| {
                theme
                    .statics
                    .into_iter()
                    .find(|(path, _)| path == "css/bijlage.css")
            })
            .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        let files = programme.hugo_files(args.hugo_per_actie, args.hugo_bijlage, &css);
        if let Err(err) = write(&args.uit.join("hugo"), &files) {
            eprintln!("genereer: {}: {err}", args.uit.join("hugo").display());
            return ExitCode::FAILURE;
        }
    }
    let s = programme.summary();
    println!(
        "{} actiebestanden ({} concept, {} gecombineerd, {} extra) in {} actielijnen; \
         {} acties in een gewone build; {} verwijzingen, {} codeblokken",
        s.bestanden,
        s.concepten,
        s.gecombineerd,
        s.extra,
        s.per_actielijn.len(),
        s.acties(),
        s.verwijzingen,
        s.codeblokken
    );
    ExitCode::SUCCESS
}
