//! Finding the system's Chromium and printing a page with it.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::{PdfError, io_err};

/// Programs tried on `PATH` when no `--chromium` is given.
pub(crate) const CHROMIUM_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long one print may take.
const PRINT_TIMEOUT: Duration = Duration::from_secs(180);

/// The Chromium to use: `given` if any, else the first of `CHROMIUM_NAMES`
/// on `PATH`.
pub fn find_chromium(given: Option<&Path>) -> Result<PathBuf, PdfError> {
    if let Some(path) = given {
        let found = if path.components().count() == 1 {
            on_path(path.as_os_str())
        } else {
            Some(path.to_path_buf()).filter(|p| p.is_file())
        };
        return found.ok_or_else(|| PdfError::NotAProgram(path.to_path_buf()));
    }
    CHROMIUM_NAMES
        .iter()
        .find_map(|name| on_path(name.as_ref()))
        .ok_or(PdfError::NoChromium)
}

fn on_path(name: &std::ffi::OsStr) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Prints `html` (a self-contained page) to PDF with `chromium`, using
/// `work` for the page, the profile and the PDF.
pub(super) fn print_once(chromium: &Path, html: &str, work: &Path) -> Result<Vec<u8>, PdfError> {
    let page = work.join("bijlage.html");
    let pdf = work.join("bijlage.pdf");
    std::fs::write(&page, html).map_err(io_err(&page))?;
    let _ = std::fs::remove_file(&pdf);
    let mut child = spawn(chromium, &page, &pdf, work)?;
    // Read stderr on a thread, so that a chatty Chromium never blocks on a full pipe.
    let stderr = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = io::Read::read_to_string(&mut pipe, &mut text);
            text
        })
    });
    let status = wait(chromium, &mut child)?;
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    match std::fs::read(&pdf) {
        Ok(bytes) if status.success() && !bytes.is_empty() => Ok(bytes),
        _ => Err(PdfError::Chromium {
            program: chromium.to_path_buf(),
            reason: format!(
                "{status}; {}",
                last_lines(&stderr, 5).unwrap_or("geen foutmelding".into())
            ),
        }),
    }
}

/// Starts headless `chromium` printing `page` to `pdf`, with its profile in
/// `work` and its stderr piped.
fn spawn(chromium: &Path, page: &Path, pdf: &Path, work: &Path) -> Result<Child, PdfError> {
    Command::new(chromium)
        // The page is bijlage's own file, with no script and nothing from
        // another host (tests/testsuite/annex.rs). `--blink-settings=scriptEnabled=false`
        // would be safer still, but then headless Chromium prints nothing.
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profiel").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied => {
                PdfError::NotAProgram(chromium.to_path_buf())
            }
            _ => PdfError::Chromium {
                program: chromium.to_path_buf(),
                reason: err.to_string(),
            },
        })
}

/// Waits for `child` to end, at most [`PRINT_TIMEOUT`]; then kills it.
fn wait(chromium: &Path, child: &mut Child) -> Result<ExitStatus, PdfError> {
    let deadline = Instant::now() + PRINT_TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Chromium {
                    program: chromium.to_path_buf(),
                    reason: format!(
                        "na {} seconden nog niet klaar; afgebroken",
                        PRINT_TIMEOUT.as_secs()
                    ),
                });
            }
            Err(err) => {
                return Err(PdfError::Chromium {
                    program: chromium.to_path_buf(),
                    reason: err.to_string(),
                });
            }
        }
    }
}

fn last_lines(text: &str, n: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    (!lines.is_empty()).then(|| lines[lines.len().saturating_sub(n)..].join(" / "))
}

/// `file://` URL of an absolute path, with what a URL cannot hold escaped.
pub(super) fn file_url(path: &Path) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    format!(
        "file://{}",
        utf8_percent_encode(&path.to_string_lossy(), PATH)
    )
}
