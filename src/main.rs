//! The `bijlage` command line: thin, it calls the library.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bijlage::error::{BuildError, Diagnostic};
use bijlage::wijzigingen::Vergelijking;
use bijlage::{BuildFlags, ContentSource, Options, Rendered, VorigeEditie};
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
        /// Bouw de reviewversie: concepten erin, elke pagina gemarkeerd als
        /// CONCEPT, met bronbestanden en alineanummers. Voor een interne
        /// preview; nooit voor publicatie.
        #[arg(long)]
        review: bool,
    },
    /// Schrijf de reviewversie: één HTML-bestand voor reviewers.
    ///
    /// Gemarkeerd als CONCEPT, met de commit van de content, alle concepten
    /// (altijd, ook zonder --drafts), de wijzigingen sinds de vorige editie,
    /// de bron van elke actie en alineanummers om te citeren. Opent los (als
    /// bijlage bij een e-mail) en print op A4.
    Review {
        #[command(flatten)]
        input: Input,
        /// Het bestand om te schrijven. Zonder deze optie: de naam van het
        /// bijlagebestand met `-concept`, bijvoorbeeld `bijlage-concept.html`.
        #[arg(long, value_name = "BESTAND")]
        output: Option<PathBuf>,
    },
    /// Controleer content en thema zonder iets te schrijven.
    Check {
        #[command(flatten)]
        input: Input,
    },
    /// Druk de bijlage af als getagde PDF (A4 liggend, bladwijzers, inhoudsopgave
    /// met paginanummers), met de Chromium van deze computer.
    Pdf {
        #[command(flatten)]
        input: Input,
        /// Het PDF-bestand. Zonder deze optie: de naam van het bijlagebestand met
        /// `.pdf` (bijlage.pdf) in de huidige map.
        #[arg(long, value_name = "BESTAND")]
        output: Option<PathBuf>,
        /// Het Chromium-programma. Zonder deze optie: chromium (of
        /// chromium-browser, google-chrome) op PATH.
        #[arg(long, value_name = "PAD")]
        chromium: Option<PathBuf>,
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
    /// Maak een werkboek (.xlsx) waarin actiehouders hun nieuwe status en
    /// voortgangstekst invullen.
    Export {
        /// De contentmap. Zonder deze optie: `content` als die bestaat, anders de
        /// meegeleverde editie van november 2025.
        #[arg(long, value_name = "MAP")]
        content: Option<PathBuf>,
        /// Het werkboek dat geschreven wordt. Zonder deze optie:
        /// `statusupdate-JJJJ-MM.xlsx` (de editie).
        #[arg(long, value_name = "BESTAND")]
        output: Option<PathBuf>,
        /// Alleen de acties van deze actielijn; mag vaker.
        #[arg(long, value_name = "N")]
        actielijn: Vec<u32>,
        /// Alleen deze acties: nummers of id's, gescheiden door komma's.
        #[arg(long, value_name = "3,15,…", value_delimiter = ',')]
        acties: Vec<String>,
        /// Neem ook acties met `concept: true` op.
        #[arg(long)]
        drafts: bool,
    },
    /// Neem ingevulde werkboeken (.xlsx, .ods) over in de content: status en
    /// voortgangstekst per actie. Schrijft niets als er iets mis is.
    Import {
        /// De ingevulde werkboeken.
        #[arg(required = true, value_name = "BESTAND")]
        files: Vec<PathBuf>,
        /// De contentmap die wordt bijgewerkt.
        #[arg(long, value_name = "MAP", default_value = "content")]
        content: PathBuf,
        /// Toon alleen wat er zou veranderen, tot op de regel; schrijf niets.
        #[arg(long)]
        dry_run: bool,
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
        review: false,
    }
}

/// Says whether a comparison with the previous edition was made. In JSON
/// format stdout holds only the JSON report, so this goes to stderr.
fn report_comparison(format: Format, rendered: &Rendered) {
    match &rendered.vorige_editie {
        VorigeEditie::Geen => {}
        VorigeEditie::Vergeleken(Vergelijking {
            bron,
            vorige,
            wijzigingen: changes,
        }) => {
            let status = changes.status_changes().count();
            let line = format!(
                "vergeleken met {} ({bron}): {status} statuswijziging(en), {} toegevoegd, {} verwijderd, {} anders gewijzigd",
                vorige.meta.editie.naam(),
                changes.toegevoegd.len(),
                changes.verwijderd.len(),
                changes.gewijzigd.len() - status,
            );
            match format {
                Format::Human => bijlage::outln!("{line}"),
                Format::Json => bijlage::errln!("bijlage: {line}"),
            }
        }
        VorigeEditie::Onleesbaar {
            bron,
            reason,
            diagnostics,
            sources,
        } => {
            let color = bijlage::text::stderr_color();
            bijlage::err!("{}", bijlage::report::render(diagnostics, sources, color));
            bijlage::errln!(
                "bijlage: de vorige editie ({bron}) laadt niet: {reason}. \
                 Er is GEEN vergelijking gemaakt; de uitvoer heeft geen wijzigingenoverzicht."
            );
        }
    }
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
        Format::Json => bijlage::out!("{}", bijlage::report::json(diagnostics, sources, summary)),
        Format::Human => {
            let color = bijlage::text::stderr_color();
            bijlage::err!("{}", bijlage::report::render(diagnostics, sources, color));
            let counts = bijlage::report::counts(diagnostics);
            if !counts.is_empty() {
                bijlage::errln!("bijlage: {counts}; {done}");
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
            let problem =
                bijlage::error::Problem::Output(bijlage::error::io_write_message(&source));
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

/// `bijlage pdf`: render, print, write; Chromium is looked for first, so
/// that a missing one is said before any work is done.
fn pdf(input: &Input, output: Option<PathBuf>, chromium: Option<PathBuf>) -> ExitCode {
    let chromium = match bijlage::pdf::find_chromium(chromium.as_deref()) {
        Ok(path) => path,
        Err(err) => {
            bijlage::errln!("bijlage: {err}");
            return ExitCode::FAILURE;
        }
    };
    let rendered = match bijlage::render(&options(input)) {
        Ok(rendered) => rendered,
        Err(err) => return fail(input.format, err, "er is geen PDF gemaakt"),
    };
    let output = output.unwrap_or_else(|| bijlage::pdf::default_output(&rendered));
    let made = bijlage::pdf::print_annex(&rendered, &chromium)
        .and_then(|pdf| bijlage::pdf::write(&output, &pdf.bytes).map(|()| pdf));
    match made {
        Ok(pdf) => {
            let code = succeed(input.format, &rendered, "de PDF is wel gemaakt");
            let line = format!(
                "{}: {} pagina's; de paginanummers van de inhoudsopgave kloppen ({} keer afgedrukt)",
                output.display(),
                pdf.pages,
                pdf.prints
            );
            match input.format {
                Format::Human => bijlage::outln!("{line}"),
                Format::Json => bijlage::errln!("bijlage: {line}"),
            }
            code
        }
        Err(err) => {
            bijlage::errln!("bijlage: {err}");
            bijlage::errln!("bijlage: er is geen PDF geschreven");
            ExitCode::FAILURE
        }
    }
}

/// `bijlage export`.
fn export(
    content: Option<PathBuf>,
    output: Option<PathBuf>,
    selectie: bijlage::spreadsheet::export::Selectie,
) -> ExitCode {
    let source = match content {
        Some(dir) => ContentSource::Dir(dir),
        None if PathBuf::from("content").is_dir() => ContentSource::Dir(PathBuf::from("content")),
        None => {
            bijlage::errln!("bijlage: geen map `content`; de meegeleverde editie wordt gebruikt");
            ContentSource::Embedded
        }
    };
    match bijlage::spreadsheet::export::export(&source, &selectie, output.as_deref()) {
        Ok(done) => {
            show(
                Format::Human,
                &done.warnings,
                &done.sources,
                None,
                "het werkboek is wel gemaakt",
            );
            bijlage::outln!(
                "{} geschreven: {} {} van editie {}",
                done.path.display(),
                done.rows,
                if done.rows == 1 { "rij" } else { "rijen" },
                done.editie
            );
            ExitCode::SUCCESS
        }
        Err(err) => fail(Format::Human, err, "er is geen werkboek geschreven"),
    }
}

/// `bijlage import`.
fn import(files: &[PathBuf], content: &std::path::Path, dry_run: bool) -> ExitCode {
    use bijlage::spreadsheet::import;
    match import::recover(content) {
        Ok(restored) if restored.is_empty() => {}
        Ok(restored) => bijlage::errln!(
            "bijlage: een eerdere import is onderbroken; deze bestanden zijn teruggezet zoals ze waren: {}",
            restored.join(", ")
        ),
        Err(err) => {
            bijlage::errln!(
                "bijlage: een eerdere import is onderbroken en kon niet worden teruggezet ({}); \
                 zie {} en herstel met `git checkout {}`",
                bijlage::error::io_message(&err),
                content.join(import::JOURNAL).display(),
                content.display()
            );
            return ExitCode::FAILURE;
        }
    }
    let plan = match import::plan(files, content) {
        Ok(plan) => plan,
        Err(err) => return fail(Format::Human, err, "er is niets gewijzigd in de content"),
    };
    show(
        Format::Human,
        &plan.warnings,
        &[],
        None,
        "de import gaat door",
    );
    bijlage::out!("{}", plan.summary(|s| s.label().to_string()));
    if dry_run {
        bijlage::out!("{}", plan.diff());
        bijlage::outln!("--dry-run: er is niets geschreven");
        return ExitCode::SUCCESS;
    }
    if plan.wijzigingen.is_empty() {
        bijlage::outln!("niets te schrijven");
        return ExitCode::SUCCESS;
    }
    match import::apply(&plan) {
        Ok(()) => {
            bijlage::outln!(
                "{} {} bijgewerkt in {}",
                plan.wijzigingen.len(),
                if plan.wijzigingen.len() == 1 {
                    "actiebestand"
                } else {
                    "actiebestanden"
                },
                content.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            bijlage::errln!(
                "bijlage: schrijven mislukt ({}); alle actiebestanden zijn teruggezet zoals ze waren",
                bijlage::error::io_message(&err)
            );
            ExitCode::FAILURE
        }
    }
}

/// `bijlage build`: the site into `output`, atomically.
fn build(input: &Input, output: &Path, force: bool, review: bool) -> ExitCode {
    let options = Options {
        review,
        ..options(input)
    };
    match bijlage::build_with(&options, output, BuildFlags { force }) {
        Ok(rendered) => {
            let code = succeed(input.format, &rendered, "de site is wel gebouwd");
            // The process ends next, and the system takes its memory back
            // at once: freeing the model, the sources and a previous
            // edition one allocation at a time took a core for 30 ms at
            // 10,000 actions (150 ms at 50,000) after the output was in
            // place. `rendered` holds data only (no file, no lock).
            std::mem::forget(rendered);
            code
        }
        Err(err) => fail(
            input.format,
            err,
            "er is niets geschreven; de vorige uitvoer is ongewijzigd",
        ),
    }
}

/// `bijlage review`: the single-file review copy.
fn review(input: &Input, output: Option<&Path>) -> ExitCode {
    match bijlage::review(&options(input), output) {
        Ok((rendered, path)) => {
            let code = succeed(
                input.format,
                &rendered,
                "het reviewbestand is wel geschreven",
            );
            let line = format!("reviewbestand geschreven: {}", path.display());
            match input.format {
                Format::Human => bijlage::outln!("{line}"),
                Format::Json => bijlage::errln!("bijlage: {line}"),
            }
            code
        }
        Err(err) => fail(
            input.format,
            err,
            "er is niets geschreven; een eerder reviewbestand is ongewijzigd",
        ),
    }
}

/// `bijlage serve`: the preview server, until it is stopped.
fn serve(input: Input, addr: SocketAddr) -> ExitCode {
    let config = bijlage::serve::Config {
        options: options(&input),
        addr,
    };
    match bijlage::serve::run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            bijlage::errln!("bijlage: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Two arenas of the C allocator for all threads (glibc): with an arena
/// per thread, what the worker threads free (the views, the texts' HTML)
/// is not reused by the thread that makes the pages' contexts, and the
/// build's peak stood a third above what it holds; with one arena the
/// threads wait for each other's allocations (see Cargo.toml).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn two_malloc_arenas() {
    // SAFETY: `mallopt` only sets a tunable of the allocator; it runs
    // first in `main`, before any other thread is started.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn two_malloc_arenas() {}

fn main() -> ExitCode {
    two_malloc_arenas();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            input,
            output,
            force,
            review,
        } => build(&input, &output, force, review),
        Command::Review { input, output } => review(&input, output.as_deref()),
        Command::Check { input } => match bijlage::render(&options(&input)) {
            Ok(rendered) => succeed(input.format, &rendered, "de content is verder in orde"),
            Err(err) => fail(input.format, err, "er is niets geschreven"),
        },
        Command::Pdf {
            input,
            output,
            chromium,
        } => pdf(&input, output, chromium),
        Command::Serve {
            content,
            theme,
            drafts: _,
            no_drafts,
            port,
            bind,
            previous,
        } => serve(
            Input {
                content,
                theme,
                drafts: !no_drafts,
                format: Format::Human,
                previous,
            },
            SocketAddr::new(bind, port),
        ),
        Command::Export {
            content,
            output,
            actielijn,
            acties,
            drafts,
        } => export(
            content,
            output,
            bijlage::spreadsheet::export::Selectie {
                drafts,
                actielijnen: actielijn,
                acties,
            },
        ),
        Command::Import {
            files,
            content,
            dry_run,
        } => import(&files, &content, dry_run),
    }
}
