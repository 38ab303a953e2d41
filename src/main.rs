//! The `bijlage` command line: thin, it calls the library.

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use bijlage::error::BuildError;
use bijlage::{Comparison, ContentSource, Options, Rendered};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bijlage",
    version,
    about = "Bouwt het Monitoringsoverzicht (Bijlage 1) van het Actieplan programma Samen tegen mensenhandel"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Input {
    /// De contentmap. Zonder deze optie: `content` als die bestaat, anders de
    /// meegeleverde editie van november 2025.
    #[arg(long, value_name = "MAP")]
    content: Option<PathBuf>,
    /// Het thema: een map in themes/ naast de contentmap, of een meegeleverd thema.
    #[arg(long, value_name = "NAAM", default_value = "rijksoverheid")]
    theme: String,
    /// Neem ook acties met `concept: true` op.
    #[arg(long)]
    drafts: bool,
    /// Vergelijk met de vorige editie: een contentmap of een git-revisie (tag,
    /// branch, commit). Zonder deze optie: `vorige_editie` uit content/_index.md.
    #[arg(long, value_name = "MAP|REVISIE")]
    previous: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Bouw de website in de uitvoermap.
    Build {
        #[command(flatten)]
        input: Input,
        /// De uitvoermap; wordt in zijn geheel vervangen.
        #[arg(long, value_name = "MAP", default_value = "public")]
        output: PathBuf,
    },
    /// Controleer content en thema zonder iets te schrijven.
    Check {
        #[command(flatten)]
        input: Input,
    },
    /// Toon de site in de browser: bouwt in het geheugen, herbouwt bij elke
    /// wijziging en laat open browsers herladen. Concepten staan erin.
    Serve {
        /// De contentmap. Zonder deze optie: `content` als die bestaat, anders de
        /// meegeleverde editie van november 2025.
        #[arg(long, value_name = "MAP")]
        content: Option<PathBuf>,
        /// Het thema: een map in themes/ naast de contentmap, of een meegeleverd thema.
        #[arg(long, value_name = "NAAM", default_value = "rijksoverheid")]
        theme: String,
        /// Toon acties met `concept: true`, gemarkeerd als CONCEPT (standaard bij serve).
        #[arg(long, overrides_with = "no_drafts")]
        drafts: bool,
        /// Toon de site zoals `bijlage build` haar publiceert: zonder concepten.
        #[arg(long, overrides_with = "drafts")]
        no_drafts: bool,
        /// De poort; 0 kiest een vrije poort.
        #[arg(long, value_name = "N", default_value_t = 1111)]
        port: u16,
        /// Het adres om op te luisteren. Alles behalve loopback (127.0.0.1, ::1)
        /// maakt de preview zichtbaar voor anderen.
        #[arg(long, value_name = "ADRES", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        bind: IpAddr,
        /// Vergelijk met de vorige editie: een contentmap of een git-revisie.
        /// Zonder deze optie: `vorige_editie` uit content/_index.md.
        #[arg(long, value_name = "MAP|REVISIE")]
        previous: Option<String>,
    },
}

fn options(input: Input) -> Options {
    let content = match input.content {
        Some(dir) => ContentSource::Dir(dir),
        None if PathBuf::from("content").is_dir() => ContentSource::Dir(PathBuf::from("content")),
        None => {
            eprintln!("bijlage: geen map `content`; de meegeleverde editie wordt gebruikt");
            ContentSource::Embedded
        }
    };
    Options {
        content,
        theme: input.theme,
        drafts: input.drafts,
        previous: input.previous,
    }
}

/// Says whether a comparison with the previous edition was made.
fn report_comparison(rendered: &Rendered) {
    match &rendered.comparison {
        Comparison::None => {}
        Comparison::Made {
            bron,
            vorige,
            changes,
        } => {
            let status = changes.status_changes().count();
            println!(
                "vergeleken met {} ({bron}): {status} statuswijziging(en), {} toegevoegd, {} verwijderd, {} anders gewijzigd",
                vorige.meta.editie.label(),
                changes.toegevoegd.len(),
                changes.verwijderd.len(),
                changes.gewijzigd.len() - status,
            );
        }
        Comparison::Failed {
            bron,
            reason,
            diagnostics,
            sources,
        } => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", bijlage::report::render(diagnostics, sources, color));
            eprintln!(
                "bijlage: de vorige editie ({bron}) laadt niet: {reason}. \
                 Er is GEEN vergelijking gemaakt; de uitvoer heeft geen wijzigingenoverzicht."
            );
        }
    }
}

fn fail(err: BuildError) -> ExitCode {
    match err {
        BuildError::Invalid {
            diagnostics,
            sources,
        } => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", bijlage::report::render(&diagnostics, &sources, color));
            eprintln!(
                "bijlage: {} {}; er is niets geschreven",
                diagnostics.len(),
                if diagnostics.len() == 1 {
                    "fout"
                } else {
                    "fouten"
                }
            );
        }
        BuildError::Io { path, source } => {
            eprintln!(
                "bijlage: {}: {source}; de vorige uitvoer is ongewijzigd",
                path.display()
            );
        }
    }
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { input, output } => match bijlage::build(&options(input), &output) {
            Ok(rendered) => {
                println!("{}", rendered.site.summary());
                report_comparison(&rendered);
                ExitCode::SUCCESS
            }
            Err(err) => fail(err),
        },
        Command::Check { input } => match bijlage::render(&options(input)) {
            Ok(rendered) => {
                println!("{}", rendered.site.summary());
                report_comparison(&rendered);
                ExitCode::SUCCESS
            }
            Err(err) => fail(err),
        },
        Command::Serve {
            content,
            theme,
            drafts: _,
            no_drafts,
            port,
            bind,
            previous,
        } => {
            let config = bijlage::serve::Config {
                options: options(Input {
                    content,
                    theme,
                    drafts: !no_drafts,
                    previous,
                }),
                addr: SocketAddr::new(bind, port),
            };
            match bijlage::serve::run(config) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("bijlage: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
