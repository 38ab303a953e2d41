//! Where rendered files go ([`Sink`]: a staging folder, or [`Memory`]),
//! and the whole site rendered into one.

use super::super::theme::Theme;
use super::super::{Environment, OutputFile, Vergelijking, environment};
use super::{Input, prepare_into};
use crate::error::Diagnostic;
use crate::model::Site;

/// Why [`render_site_to`] failed.
#[derive(Debug)]
pub enum RenderError {
    /// The templates could not render the site, or a reference is broken.
    Invalid(Vec<Diagnostic>),
    /// The sink could not take a file.
    Io(std::io::Error),
}

/// Where rendered files go, from any worker thread, as they are rendered:
/// a page is written through [`Sink::create`] while tera renders it, and
/// handed back to [`Sink::finish`] when it is complete.
pub trait Sink: Sync {
    /// What a file is written through.
    type Writer: std::io::Write + Send;
    /// A writer for the file at `path`.
    fn create(&self, path: &str) -> std::io::Result<Self::Writer>;
    /// The file at `path` is complete.
    fn finish(&self, path: &str, writer: Self::Writer) -> std::io::Result<()>;

    /// Writes a whole file.
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        let mut writer = self.create(&file.path)?;
        std::io::Write::write_all(&mut writer, &file.bytes)?;
        self.finish(&file.path, writer)
    }
}

/// The open data goes into a sink as it is made.
impl<S: Sink> super::super::data::Put for S {
    fn put(&self, file: OutputFile) -> std::io::Result<()> {
        Sink::put(self, file)
    }
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut writer = self.create(path)?;
        write(&mut writer)?;
        self.finish(path, writer)
    }
}

/// A sink that keeps the files in memory.
#[derive(Default)]
pub struct Memory(std::sync::Mutex<Vec<OutputFile>>);

impl Memory {
    /// The files, sorted by path.
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    type Writer = Vec<u8>;
    fn create(&self, _: &str) -> std::io::Result<Vec<u8>> {
        Ok(Vec::new())
    }
    fn finish(&self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(OutputFile {
                path: path.to_string(),
                bytes,
            });
        Ok(())
    }
}

/// Renders the whole website: pages, static files of the theme and open
/// data, sorted by path, in memory.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    vergelijking: Option<&Vergelijking>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let tera = Environment::new(environment(theme).map_err(|d| vec![d])?);
    render_site_with(&Input {
        site,
        theme,
        tera: &tera,
        vergelijking,
        review: None,
        alle_edities: &[],
        kept: None,
    })
}

/// [`render_site`]; with `review`, the review copy: every page marked as a
/// concept, with the source of every action and numbered paragraphs; with
/// the dashboards of every edition the build knows (`alle_edities`, oldest
/// first), two or more, the progress over the editions (`edities.html`,
/// `data/edities.json`).
pub fn render_site_with(input: &Input<'_>) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let memory = Memory::default();
    match render_site_to(input, &memory) {
        Ok(()) => Ok(memory.into_files()),
        Err(RenderError::Invalid(diagnostics)) => Err(diagnostics),
        Err(RenderError::Io(_)) => unreachable!("collecting files in memory cannot fail"),
    }
}

/// Renders the whole website into `sink`: each page as soon as it is
/// rendered (no page is held until the end), then the theme's static files
/// and the open data. On an error the sink may have taken some files.
pub fn render_site_to<S: Sink>(input: &Input<'_>, sink: &S) -> Result<(), RenderError> {
    // The theme's static files and the open data go to their files as soon
    // as they are made, before the pages' contexts; `data/acties.json` and
    // `data/acties.csv` (every text twice, a third of the output) as they
    // are made, a few hundred actions at a time: their bytes are never held
    // whole. The pages need only the open data's view (names and sizes).
    let input = Input {
        kept: None,
        ..*input
    };
    let mut pages = prepare_into(&input, Some(sink))?;
    for file in pages.take_files()? {
        sink.put(file).map_err(RenderError::Io)?;
    }
    let rendered = pages.render(|_| true, sink);
    // The contexts are many small values: freeing them takes a core for a
    // while (30 ms at 10,000 actions). Another thread does it while the
    // build swaps its output in; if no thread can be started, this one.
    let _ = std::thread::Builder::new().spawn(move || drop(pages));
    rendered
}
