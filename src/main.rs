//! The `bijlage` command line: thin, it calls the library.

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use bijlage::error::{BuildError, Diagnostic};
use bijlage::{BuildFlags, Comparison, ContentSource, Options, Rendered};
use clap::{Parser, Subcommand, ValueEnum};

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
    /// Hoe fouten en waarschuwingen worden getoond: `human` (voor mensen, op
    /// stderr) of `json` (voor pijplijnen, op stdout).
    #[arg(long, value_enum, value_name = "VORM", default_value = "human")]
    format: Format,
    /// Vergelijk met de vorige editie: een contentmap of een git-revisie (tag,
    /// branch, commit). Zonder deze optie: `vorige_editie` uit content/_index.md.
    #[arg(long, value_name = "MAP|REVISIE")]
    previous: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
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
        /// Vervang de uitvoermap ook als er bestanden in staan die bijlage niet
        /// schreef. Weigert nog steeds de content-, thema- of thuismap.
        #[arg(long)]
        force: bool,
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

fn options(input: &Input) -> Options {
    let content = match &input.content {
        Some(dir) => ContentSource::Dir(dir.clone()),
        None if PathBuf::from("content").is_dir() => ContentSource::Dir(PathBuf::from("content")),
        None => {
            if input.format == Format::Human {
                bijlage::errln!(
                    "bijlage: geen map `content`; de meegeleverde editie wordt gebruikt"
                );
            }
            ContentSource::Embedded
        }
    };
    Options {
        content,
        theme: input.theme.clone(),
        drafts: input.drafts,
        previous: input.previous.clone(),
    }
}

/// Says whether a comparison with the previous edition was made. In JSON
/// format stdout holds only the JSON report, so this goes to stderr.
fn report_comparison(format: Format, rendered: &Rendered) {
    match &rendered.comparison {
        Comparison::None => {}
        Comparison::Made {
            bron,
            vorige,
            changes,
        } => {
            let status = changes.status_changes().count();
            let line = format!(
                "vergeleken met {} ({bron}): {status} statuswijziging(en), {} toegevoegd, {} verwijderd, {} anders gewijzigd",
                vorige.meta.editie.label(),
                changes.toegevoegd.len(),
                changes.verwijderd.len(),
                changes.gewijzigd.len() - status,
            );
            match format {
                Format::Human => bijlage::outln!("{line}"),
                Format::Json => bijlage::errln!("bijlage: {line}"),
            }
        }
        Comparison::Failed {
            bron,
            reason,
            diagnostics,
            sources,
        } => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            bijlage::err!("{}", bijlage::report::render(diagnostics, sources, color));
            bijlage::errln!(
                "bijlage: de vorige editie ({bron}) laadt niet: {reason}. \
                 Er is GEEN vergelijking gemaakt; de uitvoer heeft geen wijzigingenoverzicht."
            );
        }
    }
}

/// "1 fout", "2 waarschuwingen".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Shows `diagnostics` in the chosen format; with `summary` when the run
/// succeeded. `done` says what happened to the output, for people.
fn show(
    format: Format,
    diagnostics: &[Diagnostic],
    sources: &[(String, String)],
    summary: Option<String>,
    done: &str,
) {
    match format {
        Format::Json => bijlage::out!("{}", bijlage::report::json(diagnostics, summary)),
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            bijlage::err!("{}", bijlage::report::render(diagnostics, sources, color));
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            let mut counts = Vec::new();
            if errors > 0 {
                counts.push(count(errors, "fout", "fouten"));
            }
            if warnings > 0 {
                counts.push(count(warnings, "waarschuwing", "waarschuwingen"));
            }
            if !counts.is_empty() {
                bijlage::errln!("bijlage: {}; {done}", counts.join(" en "));
            }
            if let Some(summary) = summary {
                bijlage::outln!("{summary}");
            }
        }
    }
}

fn fail(format: Format, err: BuildError, done: &str) -> ExitCode {
    match err {
        BuildError::Invalid {
            diagnostics,
            sources,
        } => show(format, &diagnostics, &sources, None, done),
        BuildError::Io { path, source } => {
            let problem = bijlage::error::Problem::Output(bijlage::error::io_message(&source));
            let diagnostic = Diagnostic::new(
                bijlage::error::Location::file(path.display().to_string()),
                problem,
            );
            show(
                format,
                &[diagnostic],
                &[],
                None,
                "de vorige uitvoer is ongewijzigd",
            );
        }
    }
    ExitCode::FAILURE
}

/// A run that succeeded: its warnings, the summary line and the comparison.
fn succeed(format: Format, rendered: &Rendered, done: &str) -> ExitCode {
    show(
        format,
        &rendered.warnings,
        &rendered.source_texts(),
        Some(rendered.site.summary()),
        done,
    );
    report_comparison(format, rendered);
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            input,
            output,
            force,
        } => {
            let flags = BuildFlags { force };
            match bijlage::build_with(&options(&input), &output, flags) {
                Ok(rendered) => succeed(input.format, &rendered, "de site is wel gebouwd"),
                Err(err) => fail(
                    input.format,
                    err,
                    "er is niets geschreven; de vorige uitvoer is ongewijzigd",
                ),
            }
        }
        Command::Check { input } => match bijlage::render(&options(&input)) {
            Ok(rendered) => succeed(input.format, &rendered, "de content is verder in orde"),
            Err(err) => fail(input.format, err, "er is niets geschreven"),
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
                options: options(&Input {
                    content,
                    theme,
                    drafts: !no_drafts,
                    format: Format::Human,
                    previous,
                }),
                addr: SocketAddr::new(bind, port),
            };
            match bijlage::serve::run(config) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    bijlage::errln!("bijlage: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
