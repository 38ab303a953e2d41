//! `bijlage serve`: a live preview for editors and reviewers.
//!
//! The site is rendered in memory (`crate::render`) and served from a map
//! of path to bytes, so only files of the built site can ever be served. The
//! content folder, the site's `templates/` and the theme (when on disk) are
//! watched; a burst of changes rebuilds once, and open browsers reload through
//! a Server-Sent Events stream.
//!
//! What only the preview has is added to the pages as they are served, never
//! by the theme: a stylesheet link before `</head>` and a script before
//! `</body>` (`/__bijlage/live.js`: the reload, the review toolbar). `bijlage
//! build` output therefore cannot contain them.
//!
//! When a rebuild fails, the last good pages stay: every page is served as it
//! last was, with an overlay that shows the diagnostics (file, line, column,
//! the line itself, message, help) and can be closed to read the page
//! beneath. A page that never built shows the diagnostics alone (status 500),
//! and `/__bijlage/fout` always shows the current problems.

pub mod guard;
pub mod watch;

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use percent_encoding::percent_decode_str;
use tokio::sync::watch as channel;

use crate::content::{ContentSource, SourceFile};
use crate::error::BuildError;
use crate::render::{Change, Memory, Pages, RenderError};
use crate::{Options, report};

/// The prefix of everything the preview adds; no output file lives there.
pub(crate) const PREFIX: &str = "__bijlage/";

const LIVE_JS: &str = include_str!("live.js");
const SERVE_CSS: &str = include_str!("serve.css");

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Config {
    pub options: Options,
    pub addr: SocketAddr,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "poort {} is al in gebruik, waarschijnlijk door een andere `bijlage serve`; stop die, of kies een andere poort, bijvoorbeeld `--port 0` voor een vrije poort",
        .addr.port()
    )]
    PortInUse { addr: SocketAddr },
    #[error("kan niet luisteren op {addr}: {}", crate::error::io_message(.source))]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("kan {} niet volgen op wijzigingen: {source}", .path.display())]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
    #[error("de server is gestopt: {0}")]
    Io(#[from] std::io::Error),
}

/// The warning for an address beyond this computer, if it is one.
pub(crate) fn exposure_warning(addr: &SocketAddr) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    Some(format!(
        "LET OP: de preview luistert op {addr}, niet alleen op deze computer. Iedereen die \
         dit adres kan bereiken, ziet de site met concepten en bronbestanden. Gebruik \
         --bind 127.0.0.1 om alleen lokaal te serveren."
    ))
}

/// The address to open in a browser: an unspecified address (`0.0.0.0`,
/// `::`) is reached locally through loopback.
pub(crate) fn browse_url(addr: &SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// The folders whose changes rebuild the site: the content folder, the
/// site's `templates/` and the theme's folder, those that exist.
pub(crate) fn watched_dirs(options: &Options) -> Vec<PathBuf> {
    let root = options.site_root();
    let mut dirs = Vec::new();
    if let ContentSource::Dir(dir) = &options.content {
        dirs.push(dir.clone());
    }
    dirs.push(root.join("templates"));
    dirs.push(root.join("themes").join(&options.theme));
    dirs.retain(|d| d.is_dir());
    dirs
}

/// Folders the build reads that may be created while serving: the site's
/// `templates/` and the theme's folder.
pub(crate) fn later_dirs(options: &Options) -> Vec<PathBuf> {
    let root = options.site_root();
    vec![
        root.join("templates"),
        root.join("themes").join(&options.theme),
    ]
}

/// Turns the path of a request into the key of a served file, or `None` for
/// a path that is not acceptable (400): not starting with `/`, not UTF-8
/// after percent-decoding, with `.` or `..` segments, empty segments (`//`),
/// backslashes or control characters. A path ending in `/` means its
/// `index.html`.
pub fn resolve(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let directory = decoded.is_empty() || decoded.ends_with('/');
    let mut segments: Vec<&str> = decoded.split('/').collect();
    if directory {
        segments.pop();
    }
    if segments
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return None;
    }
    let mut path = segments.join("/");
    if directory {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// A page of the last good render, rendered once: when the rebuild makes
/// it (the pages a browser is likely to show next), or when it is first
/// asked for. `Err` holds the diagnostics of a template error, as HTML.
type Slot = Arc<OnceLock<Result<Bytes, String>>>;

/// The last successful render.
struct Good {
    /// The files besides the pages rendered on request, as written.
    files: HashMap<String, Bytes>,
    /// The pages, ready to render, and a slot for each.
    pages: Option<Arc<Pages>>,
    slots: HashMap<String, Slot>,
    /// Every source file in order: for review mode, and to tell whether
    /// anything changed.
    sources: Vec<SourceFile>,
}

/// What a rebuild did, for the log line.
#[derive(Default)]
struct Work {
    /// Pages rendered before the reload, and pages in all.
    rendered: usize,
    pages: usize,
    /// Content files read, Markdown texts rendered or scanned.
    read: usize,
    texts: usize,
}

/// Renders the pages of `pages` that `chosen` picks, into their slots.
fn render_into_slots(
    pages: &Pages,
    slots: &HashMap<String, Slot>,
    chosen: impl Fn(&str) -> bool,
) -> Result<usize, BuildError> {
    let memory = Memory::default();
    match pages.render(chosen, &memory) {
        Ok(()) => {}
        Err(RenderError::Invalid(diagnostics)) => {
            return Err(BuildError::Invalid {
                diagnostics,
                sources: pages.template_sources(),
            });
        }
        Err(RenderError::Io(err)) => return Err(BuildError::io(Path::new("."), err)),
    }
    let files = memory.into_files();
    let count = files.len();
    for file in files {
        if let Some(slot) = slots.get(&file.path) {
            let _ = slot.set(Ok(Bytes::from(file.bytes)));
        }
    }
    Ok(count)
}

/// The page at `path` of `pages`, rendered on its own.
fn render_one(pages: &Pages, path: &str) -> Result<Bytes, String> {
    let memory = Memory::default();
    match pages.render(|p| p == path, &memory) {
        Ok(()) => Ok(memory
            .into_files()
            .into_iter()
            .next()
            .map(|f| Bytes::from(f.bytes))
            .unwrap_or_default()),
        Err(RenderError::Invalid(diagnostics)) => Err(failure_text(&BuildError::Invalid {
            diagnostics,
            sources: pages.template_sources(),
        })
        .0),
        Err(RenderError::Io(err)) => Err(escape(&err.to_string())),
    }
}

impl Good {
    /// The good render of `rendered`. After a change (`old`), the pages
    /// whose context did not change keep what they were; of the others
    /// the start page and the pages whose own part changed (the actielijn of
    /// the saved action) are rendered now, except the one with every action
    /// (the annex), and the rest when they are asked for. The first render,
    /// and every render after a template changed, renders every page: a
    /// template error is found at once.
    fn new(
        rendered: crate::Rendered,
        old: Option<&Good>,
    ) -> Result<(Good, bool, Work), BuildError> {
        let files: HashMap<String, Bytes> = rendered
            .files
            .into_iter()
            .map(|f| (f.path, Bytes::from(f.bytes)))
            .collect();
        let mut work = Work::default();
        let mut same = old.is_some_and(|old| old.files == files && old.sources == rendered.sources);
        let mut slots = HashMap::new();
        let pages = rendered.pages.map(Arc::new);
        if let Some(pages) = &pages {
            let annex = rendered.site.meta.bijlage_bestand.as_str();
            let changes = old
                .and_then(|old| Some((old, old.pages.as_ref()?)))
                .and_then(|(old, before)| Some((old, pages.changes_since(before)?)));
            let mut eager = std::collections::HashSet::new();
            match changes {
                Some((old, changes)) => {
                    for (path, change) in changes {
                        let kept = old.slots.get(path).filter(|_| change == Change::Same);
                        let slot = kept.cloned().unwrap_or_default();
                        let now = match change {
                            Change::Same => false,
                            Change::Shared => path == "index.html",
                            Change::Own => path != annex,
                        };
                        if change != Change::Same {
                            same = false;
                        }
                        if now || (path == "index.html" && slot.get().is_none()) {
                            eager.insert(path.to_string());
                        }
                        slots.insert(path.to_string(), slot);
                    }
                }
                None => {
                    same = false;
                    for path in pages.paths() {
                        eager.insert(path.to_string());
                        slots.insert(path.to_string(), Slot::default());
                    }
                }
            }
            work.pages = slots.len();
            work.rendered = render_into_slots(pages, &slots, |p| eager.contains(p))?;
        }
        Ok((
            Good {
                files,
                pages,
                slots,
                sources: rendered.sources,
            },
            same,
            work,
        ))
    }
}

/// The state of the builds, changed by one rebuild at a time.
#[derive(Default)]
struct Builds {
    good: Option<Arc<Good>>,
    /// The diagnostics of the failing build, as HTML.
    failure: Option<String>,
    generation: u64,
}

/// What the server answers from, replaced as a whole after every rebuild.
#[derive(Default)]
struct Snapshot {
    generation: u64,
    good: Option<Arc<Good>>,
    failure: Option<String>,
}

struct App {
    options: Options,
    /// What a rebuild keeps from the one before (one rebuild at a time).
    kept: Mutex<crate::Kept>,
    builds: Mutex<Builds>,
    snapshot: RwLock<Arc<Snapshot>>,
    reload: channel::Sender<u64>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

use crate::text::escape_html as escape;

/// Finds `needle` (ASCII, lower case) in `haystack` case-insensitively, last
/// occurrence first.
fn rfind_tag(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The failure overlay. `closable` when there is a good page beneath.
fn failure_overlay(diagnostics_html: &str, closable: bool) -> String {
    let button = if closable {
        "<button type=\"button\" class=\"bijlage-fout__sluiten\" data-bijlage-sluit>Laatste \
         goede versie bekijken</button>\n"
    } else {
        ""
    };
    format!(
        "<section class=\"bijlage-fout\" id=\"bijlage-fout\" role=\"alert\" \
         aria-labelledby=\"bijlage-fout-kop\">\n<div class=\"bijlage-fout__kader\">\n\
         <h2 id=\"bijlage-fout-kop\">Bouwfout: de laatste wijziging is niet te zien</h2>\n\
         <p>bijlage kon de site niet opnieuw bouwen. Herstel het bestand en sla het op; de \
         pagina laadt dan vanzelf opnieuw.{}</p>\n{diagnostics_html}{button}</div>\n</section>\n",
        if closable {
            " Tot dan blijft de laatste goede versie van de pagina bereikbaar."
        } else {
            ""
        }
    )
}

/// Adds the preview's stylesheet, the failure overlay and the live script
/// to a page.
fn inject(page: &str, generation: u64, failure: Option<&str>, closable: bool) -> String {
    let mut out = String::with_capacity(page.len() + 512);
    let head = "<link rel=\"stylesheet\" href=\"/__bijlage/serve.css\">\n";
    let mut tail = String::new();
    if let Some(diagnostics) = failure {
        tail.push_str(&failure_overlay(diagnostics, closable));
    }
    tail.push_str(&format!(
        "<script src=\"/__bijlage/live.js\" data-generatie=\"{generation}\"></script>\n"
    ));
    let (before_head, rest) = match rfind_tag(page, "</head>") {
        Some(at) => page.split_at(at),
        None => ("", page),
    };
    out.push_str(before_head);
    if !before_head.is_empty() {
        out.push_str(head);
    }
    match rfind_tag(rest, "</body>") {
        Some(at) => {
            out.push_str(&rest[..at]);
            out.push_str(&tail);
            out.push_str(&rest[at..]);
        }
        None => {
            out.push_str(rest);
            out.push_str(&tail);
        }
    }
    if before_head.is_empty() {
        out.insert_str(0, head);
    }
    out
}

/// A page of the preview itself (error, not found).
fn own_page(title: &str, body: &str, generation: u64) -> String {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} | bijlage serve</title>\n</head>\n<body class=\"bijlage-eigen\">\n\
         <main>\n{body}</main>\n</body>\n</html>\n",
        escape(title)
    );
    inject(&page, generation, None, false)
}

impl Snapshot {
    fn new(builds: &Builds) -> Snapshot {
        Snapshot {
            generation: builds.generation,
            good: builds.good.clone(),
            failure: builds.failure.clone(),
        }
    }

    /// A file as served: a page with the preview's additions.
    fn serve(&self, path: &str, bytes: &Bytes) -> Bytes {
        match (path.ends_with(".html"), std::str::from_utf8(bytes)) {
            (true, Ok(page)) => {
                Bytes::from(inject(page, self.generation, self.failure.as_deref(), true))
            }
            _ => bytes.clone(),
        }
    }
}

fn failure_text(err: &BuildError) -> (String, String) {
    match err {
        BuildError::Invalid {
            diagnostics,
            sources,
        } => {
            let color = crate::text::stderr_color();
            (
                format!(
                    "<p class=\"meldingen__telling\">{}</p>\n{}",
                    report::counts(diagnostics),
                    report::render_html(diagnostics, sources)
                ),
                format!(
                    "{}bijlage: {}; de laatste goede versie blijft zichtbaar",
                    report::render(diagnostics, sources, color),
                    report::counts(diagnostics),
                ),
            )
        }
        other => (
            format!(
                "<ol class=\"meldingen\"><li class=\"melding\"><p class=\"melding__kop\">{}</p></li></ol>\n",
                escape(&other.to_string())
            ),
            format!("bijlage: {other}"),
        ),
    }
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

impl App {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_else(|poisoned| Arc::clone(&poisoned.into_inner()))
    }

    /// Renders the site again and, when anything changed, publishes the new
    /// snapshot and tells the browsers to reload.
    fn rebuild(&self, burst: Option<watch::Burst>) {
        let started = Instant::now();
        let (result, read, texts) = {
            let mut kept = lock(&self.kept);
            if let Some(burst) = &burst {
                kept.pages.forget(burst.paths.iter().map(PathBuf::as_path));
            }
            let result = crate::render_kept(&self.options, &mut kept);
            (result, kept.pages.files_read(), kept.render.renders())
        };
        let mut builds = lock(&self.builds);
        let summary = result.as_ref().ok().map(|r| r.site.summary());
        let result = result.and_then(|rendered| Good::new(rendered, builds.good.as_deref()));
        let render_time = started.elapsed();
        let mut work = Work::default();
        let changed = match result {
            Ok((good, same, done)) => {
                if let Some(summary) = summary {
                    eprintln!("bijlage: {summary}");
                }
                let same = same && builds.failure.is_none();
                work = done;
                builds.good = Some(Arc::new(good));
                builds.failure = None;
                !same
            }
            Err(err) => {
                let (html, text) = failure_text(&err);
                eprintln!("{text}");
                let same = builds.failure.as_deref() == Some(html.as_str());
                builds.failure = Some(html);
                !same
            }
        };
        work.read = read;
        work.texts = texts;
        if changed || burst.is_none() {
            builds.generation += 1;
            let snapshot = Arc::new(Snapshot::new(&builds));
            let previous = match self.snapshot.write() {
                Ok(mut slot) => std::mem::replace(&mut *slot, snapshot),
                Err(poisoned) => std::mem::replace(&mut *poisoned.into_inner(), snapshot),
            };
            self.reload.send_replace(builds.generation);
            // The last render's pages and contexts are freed after the
            // reload went out, beside the next work.
            std::thread::spawn(move || drop(previous));
        }
        if let Some(burst) = burst {
            let names: Vec<String> = burst
                .paths
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            eprintln!(
                "bijlage: {} na de wijziging ({}): gebouwd in {} ({} bestand(en) gelezen, {} tekst(en) \
                 opnieuw verwerkt, {} van {} pagina's gemaakt{}){}",
                millis(burst.first.elapsed()),
                if names.is_empty() {
                    "onbekend bestand".to_string()
                } else {
                    names.join(", ")
                },
                millis(render_time),
                work.read,
                work.texts,
                work.rendered,
                work.pages,
                if work.rendered < work.pages {
                    ", de rest bij opvragen"
                } else {
                    ""
                },
                if changed {
                    format!(", herladen (versie {})", builds.generation)
                } else {
                    ", niets veranderd".to_string()
                }
            );
        }
    }
}

fn response(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "json" | "javascript" | "xml");
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

const HTML: &str = "text/html; charset=utf-8";

fn not_found(snapshot: &Snapshot, path: &str) -> Response {
    if let Some(failure) = &snapshot.failure
        && (path.ends_with(".html") || !path.contains('.'))
    {
        let body = own_page(
            "Bouwfout",
            &failure_overlay(failure, false),
            snapshot.generation,
        );
        return response(StatusCode::INTERNAL_SERVER_ERROR, HTML, body);
    }
    let body = own_page(
        "Niet gevonden",
        &format!(
            "<h1>Niet gevonden</h1>\n<p>De site heeft geen bestand <code>{}</code>.</p>\n\
             <p><a href=\"/\">Naar het overzicht</a></p>\n",
            escape(path)
        ),
        snapshot.generation,
    );
    response(StatusCode::NOT_FOUND, HTML, body)
}

fn events(app: &App) -> Response {
    let mut rx = app.reload.subscribe();
    let current = *rx.borrow_and_update();
    let hello = stream::once(async move {
        Ok::<Event, Infallible>(
            Event::default()
                .event("hallo")
                .retry(Duration::from_millis(500))
                .data(current.to_string()),
        )
    });
    let updates = stream::unfold(rx, |mut rx| async move {
        rx.changed().await.ok()?;
        let generation = *rx.borrow_and_update();
        Some((
            Ok::<Event, Infallible>(
                Event::default()
                    .event("herladen")
                    .data(generation.to_string()),
            ),
            rx,
        ))
    });
    let mut response = Sse::new(hello.chain(updates))
        .keep_alive(KeepAlive::default())
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn internal(app: &App, snapshot: Arc<Snapshot>, rest: &str) -> Response {
    match rest {
        "live.js" => response(StatusCode::OK, "text/javascript; charset=utf-8", LIVE_JS),
        "serve.css" => response(
            StatusCode::OK,
            "text/css; charset=utf-8",
            format!("{SERVE_CSS}{}", crate::render::bron::CSS),
        ),
        "events" => events(app),
        "fout" => {
            let body = match &snapshot.failure {
                Some(failure) => failure_overlay(failure, false),
                None => "<h1>Geen bouwfout</h1>\n<p>De laatste wijziging is goed gebouwd.</p>\n\
                         <p><a href=\"/\">Naar het overzicht</a></p>\n"
                    .to_string(),
            };
            response(
                StatusCode::OK,
                HTML,
                own_page("Bouwfout", &body, snapshot.generation),
            )
        }
        _ => match rest.strip_prefix("bron/").and_then(|rel| {
            let good = snapshot.good.as_ref()?;
            good.sources.iter().find(|source| source.rel == rel)
        }) {
            Some(source) => {
                let source = source.clone();
                match tokio::task::spawn_blocking(move || crate::render::bron::panel(&source)).await
                {
                    Ok(panel) => response(StatusCode::OK, HTML, panel),
                    Err(_) => response(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "text/plain; charset=utf-8",
                        "de bron kon niet worden getoond\n",
                    ),
                }
            }
            None => not_found(&snapshot, &format!("{PREFIX}{rest}")),
        },
    }
}

async fn handle(State(app): State<Arc<App>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut answer = response(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "alleen GET en HEAD\n",
        );
        answer
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return answer;
    }
    let Some(path) = resolve(uri.path()) else {
        return response(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            "ongeldig pad\n",
        );
    };
    let snapshot = app.snapshot();
    if let Some(rest) = path.strip_prefix(PREFIX) {
        return internal(&app, snapshot, rest).await;
    }
    let Some(good) = snapshot.good.clone() else {
        return not_found(&snapshot, &path);
    };
    if let Some(bytes) = good.files.get(&path) {
        return response(
            StatusCode::OK,
            &content_type(&path),
            snapshot.serve(&path, bytes),
        );
    }
    let (Some(slot), Some(pages)) = (good.slots.get(&path).cloned(), good.pages.clone()) else {
        return not_found(&snapshot, &path);
    };
    // A page not rendered since it changed is rendered now, once.
    let page = match slot.get() {
        Some(page) => page.clone(),
        None => {
            let at = path.clone();
            tokio::task::spawn_blocking(move || {
                slot.get_or_init(|| render_one(&pages, &at)).clone()
            })
            .await
            .unwrap_or_else(|_| Err(escape("de pagina kon niet worden gemaakt")))
        }
    };
    match page {
        Ok(bytes) => response(
            StatusCode::OK,
            &content_type(&path),
            snapshot.serve(&path, &bytes),
        ),
        Err(diagnostics) => response(
            StatusCode::INTERNAL_SERVER_ERROR,
            HTML,
            own_page(
                "Bouwfout",
                &failure_overlay(&diagnostics, false),
                snapshot.generation,
            ),
        ),
    }
}

/// Builds, starts watching, prints the address and serves until the process
/// ends.
pub fn run(config: Config) -> Result<(), ServeError> {
    let listener = std::net::TcpListener::bind(config.addr).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            ServeError::PortInUse { addr: config.addr }
        } else {
            ServeError::Bind {
                addr: config.addr,
                source,
            }
        }
    })?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;

    let (reload, _) = channel::channel(0);
    let app = Arc::new(App {
        options: config.options,
        kept: Mutex::new(crate::Kept::default()),
        builds: Mutex::new(Builds::default()),
        snapshot: RwLock::new(Arc::new(Snapshot::default())),
        reload,
    });
    // The syntaxes for review mode load in the background: the first source
    // panel need not wait for them.
    std::thread::spawn(|| {
        crate::render::markdown::syntaxes();
    });
    app.rebuild(None);

    let dirs = watched_dirs(&app.options);
    let watcher = {
        let app = Arc::clone(&app);
        watch::spawn(&dirs, &later_dirs(&app.options), move |burst| {
            app.rebuild(Some(burst))
        })
        .map_err(|(path, source)| ServeError::Watch { path, source })?
    };
    if dirs.is_empty() {
        eprintln!("bijlage: geen map op schijf om te volgen; wijzigingen verschijnen niet vanzelf");
    } else {
        let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        eprintln!("bijlage: volgt {}", names.join(", "));
    }
    if let Some(warning) = exposure_warning(&local) {
        eprintln!("bijlage: {warning}");
    }
    let mut stdout = std::io::stdout();
    writeln!(
        stdout,
        "bijlage serve: {} (stoppen met Ctrl-C)",
        browse_url(&local)
    )?;
    stdout.flush()?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("bijlage-serve")
        .enable_all()
        .build()?;
    let router = Router::new().fallback(handle).with_state(app);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        guard::serve(listener, router).await
    })?;
    drop(watcher);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_counts_warnings_as_warnings() {
        use crate::error::{Diagnostic, Location, Problem};
        let err = BuildError::Invalid {
            diagnostics: vec![
                Diagnostic::new(
                    Location::at("content/a/x.md", 12),
                    Problem::UnknownStatus {
                        found: "klaar".into(),
                    },
                ),
                Diagnostic::warning(Location::file("content/a/y.txt"), Problem::IgnoredFile),
            ],
            sources: vec![("content/a/x.md".into(), "---\nstatus: klaar\n---\n".into())],
        };
        let (html, text) = failure_text(&err);
        assert!(html.contains(">1 fout en 1 waarschuwing</p>"), "{html}");
        assert!(
            html.contains("waarschuwing[overgeslagen-bestand]"),
            "{html}"
        );
        assert!(html.contains("fout[onbekende-status]"), "{html}");
        assert!(
            text.contains("bijlage: 1 fout en 1 waarschuwing;"),
            "{text}"
        );
    }

    #[test]
    fn resolves_site_paths() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/actielijn-1.html").as_deref(),
            Some("actielijn-1.html")
        );
        assert_eq!(
            resolve("/css/bijlage.css").as_deref(),
            Some("css/bijlage.css")
        );
        assert_eq!(resolve("/data/").as_deref(), Some("data/index.html"));
        assert_eq!(resolve("/a%20b.html").as_deref(), Some("a b.html"));
        // Double encoding decodes once: a literal name, which no file has.
        assert_eq!(resolve("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
    }

    #[test]
    fn rejects_traversal_and_odd_paths() {
        for raw in [
            "",
            "actielijn-1.html",
            "/../Cargo.toml",
            "/css/../../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2fCargo.toml",
            "/..%2f..%2fetc/passwd",
            "//etc/passwd",
            "/./index.html",
            "/css//bijlage.css",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/index.html%00.css",
            "/%ff.html",
        ] {
            assert_eq!(resolve(raw), None, "{raw}");
        }
    }

    #[test]
    fn injects_before_head_and_body_end() {
        let page = "<html><head><title>t</title></head><body><p>x</p></body></html>\n";
        let out = inject(page, 7, None, true);
        assert_eq!(
            out,
            "<html><head><title>t</title><link rel=\"stylesheet\" href=\"/__bijlage/serve.css\">\n\
             </head><body><p>x</p><script src=\"/__bijlage/live.js\" data-generatie=\"7\"></script>\n\
             </body></html>\n"
        );
        let broken = inject(page, 8, Some("<ol></ol>"), true);
        assert!(broken.contains("role=\"alert\""), "{broken}");
        assert!(broken.contains("data-bijlage-sluit"), "{broken}");
        // Without the tags, the additions still arrive.
        let bare = inject("<p>x</p>", 1, None, true);
        assert!(bare.starts_with("<link"), "{bare}");
        assert!(bare.contains("live.js"), "{bare}");
    }

    #[test]
    fn warns_beyond_loopback_only() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let local6: SocketAddr = "[::1]:1111".parse().unwrap();
        let all: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        let lan: SocketAddr = "192.0.2.7:1111".parse().unwrap();
        assert_eq!(exposure_warning(&local), None);
        assert_eq!(exposure_warning(&local6), None);
        assert!(exposure_warning(&all).is_some_and(|w| w.contains("0.0.0.0:1111")));
        assert!(exposure_warning(&lan).is_some_and(|w| w.contains("niet alleen op deze computer")));
        assert_eq!(browse_url(&all), "http://127.0.0.1:1111/");
        assert_eq!(browse_url(&local6), "http://[::1]:1111/");
    }

    #[test]
    fn content_types_name_the_charset_of_text() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/bijlage.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("data/acties.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("data/acties.csv"), "text/csv; charset=utf-8");
    }
}
