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

mod good;
pub mod guard;
mod http;
mod overlay;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use tokio::sync::watch as channel;

use crate::Options;
use crate::content::ContentSource;
use good::{Good, Work};
use http::handle;
pub use http::resolve;
use overlay::{failure_text, inject};

/// The prefix of everything the preview adds; no output file lives there.
pub(crate) const PREFIX: &str = "__bijlage/";

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Config {
    /// What to build: the content, theme, drafts, comparison.
    pub options: Options,
    /// The address to listen on.
    pub addr: SocketAddr,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "poort {} is al in gebruik, waarschijnlijk door een andere `bijlage serve`; stop die, of kies een andere poort, bijvoorbeeld `--port 0` voor een vrije poort",
        .addr.port()
    )]
    /// Another program listens on the port.
    PortInUse {
        /// The address asked for.
        addr: SocketAddr,
    },
    #[error("kan niet luisteren op {addr}: {}", crate::error::io_message(.source))]
    /// Listening failed otherwise.
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    #[error("kan {} niet volgen op wijzigingen: {source}", .path.display())]
    /// A folder could not be watched.
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: notify::Error,
    },
    /// Serving stopped on an I/O error.
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
                if burst.unknown {
                    kept.pages.look_at_every_stamp();
                }
            }
            let result = crate::render_kept(&self.options, &mut kept);
            (result, kept.pages.files_read(), kept.render.renders())
        };
        let mut builds = lock(&self.builds);
        let summary = result.as_ref().ok().map(|r| r.site.summary());
        // What this rebuild replaces or does not keep is freed after the
        // reload went out: freeing a render of 10,000 actions takes a
        // while.
        let mut trash: good::Trash = Vec::new();
        let mut site = None;
        let result =
            result.and_then(|rendered| Good::new(rendered, builds.good.as_deref(), &mut site));
        if let Some(site) = site {
            lock(&self.kept).pages.give_back(site);
        }
        let render_time = started.elapsed();
        let mut work = Work::default();
        let changed = match result {
            Ok((good, same, done)) => {
                if let Some(summary) = summary {
                    eprintln!("bijlage: {summary}");
                }
                let same = same && builds.failure.is_none();
                work = done;
                if let Some(last) = builds.good.replace(Arc::new(good)) {
                    trash.push(Box::new(last));
                }
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
            self.publish(&mut builds);
        }
        if let Some(burst) = burst {
            let generation = changed.then_some(builds.generation);
            log_rebuild(&burst, render_time, &work, generation);
        }
        drop(builds);
        drop(trash);
    }

    /// Makes the builds' state the one served, and tells the browsers to
    /// reload.
    fn publish(&self, builds: &mut Builds) {
        builds.generation += 1;
        let snapshot = Arc::new(Snapshot::new(builds));
        let previous = match self.snapshot.write() {
            Ok(mut slot) => std::mem::replace(&mut *slot, snapshot),
            Err(poisoned) => std::mem::replace(&mut *poisoned.into_inner(), snapshot),
        };
        self.reload.send_replace(builds.generation);
        // The last render's pages and contexts are freed after the
        // reload went out, beside the next work.
        std::thread::spawn(move || drop(previous));
    }
}

/// The log line of a rebuild after `burst`: how long it took since the
/// first change, what was done again, and the version it reloaded to
/// (`None`: nothing changed).
fn log_rebuild(burst: &watch::Burst, render_time: Duration, work: &Work, reloaded: Option<u64>) {
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
        match reloaded {
            Some(generation) => format!(", herladen (versie {generation})"),
            None => ", niets veranderd".to_string(),
        }
    );
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
}
