//! Helpers for the tests of `bijlage serve`: a copy of the fixture site, the
//! server as a child process on a free loopback port, raw HTTP requests and a
//! reader for the Server-Sent Events stream.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use super::{copy_dir, fixture};

/// How long a test waits for the server to react to a save: far longer than
/// a rebuild takes (well under a second), because the tests share a loaded
/// two-core machine. A test that passes never waits this long.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// A temporary copy of the fixture site; `content()` is its content folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture().join("content"), &dir.path().join("content"));
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.content().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Saves in place, as most editors do.
    pub fn write(&self, rel: &str, text: &str) {
        fs::write(self.path(rel), text).unwrap();
    }

    /// Saves as editors that write a temporary file and rename it over the
    /// original do.
    pub fn write_by_rename(&self, rel: &str, text: &str) {
        let target = self.path(rel);
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        let temp = target.with_file_name(format!(".{name}.tmp"));
        fs::write(&temp, text).unwrap();
        fs::rename(&temp, &target).unwrap();
    }

    /// Replaces `from` (which must occur) by `to` in a content file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.write(rel, &text.replacen(from, to, 1));
    }
}

/// `bijlage serve` as a child process, killed when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub url: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(content: &Path, extra: &[&str]) -> Server {
        Server::start_binary(Path::new(env!("CARGO_BIN_EXE_bijlage")), content, extra)
    }

    /// [`Server::start`] of another `bijlage` binary (a bench comparing
    /// two builds).
    pub fn start_binary(binary: &Path, content: &Path, extra: &[&str]) -> Server {
        let mut command = Command::new(binary);
        command.arg("serve").arg("--content").arg(content);
        Server::spawn(command, extra)
    }

    /// `bijlage serve` started in `root`, finding its `content` folder there
    /// as an editor's would (a relative path).
    pub fn start_in(root: &Path, extra: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bijlage"));
        command.arg("serve").current_dir(root);
        Server::spawn(command, extra)
    }

    fn spawn(mut command: Command, extra: &[&str]) -> Server {
        let mut child = command
            .args(["--port", "0"])
            .args(extra)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bijlage serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let stderr = Arc::clone(&stderr);
            let pipe = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let mut log = stderr.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            reader.read_line(&mut line).ok();
            tx.send(line).ok();
            // Keep reading so the server never blocks on a full pipe.
            let mut rest = Vec::new();
            reader.read_to_end(&mut rest).ok();
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
        let Some(start) = line.find("http://") else {
            let _ = child.kill();
            let _ = child.wait();
            std::thread::sleep(Duration::from_millis(100));
            panic!(
                "bijlage serve printed no address: {line:?}\nstderr:\n{}",
                stderr.lock().unwrap()
            );
        };
        let url = line[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        let addr: SocketAddr = url.trim_start_matches("http://").parse().unwrap();
        Server {
            child,
            addr,
            url,
            stderr,
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits up to [`PATIENCE`] for `needle` in the server's log (the log is
    /// read by a thread of its own, so it may lag behind the answers).
    pub fn log_contains(&self, needle: &str) -> bool {
        self.log_until(|log| log.contains(needle))
    }

    /// Waits up to [`PATIENCE`] until `done` holds for the server's log.
    pub fn log_until(&self, mut done: impl FnMut(&str) -> bool) -> bool {
        let deadline = Instant::now() + PATIENCE;
        while !done(&self.stderr()) {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        true
    }

    /// The generation (version) of the site the server serves now, as its
    /// own pages carry it.
    pub fn generation(&self) -> u64 {
        let page = self.get("/__bijlage/fout").text();
        let marker = "data-generatie=\"";
        let at = page
            .find(marker)
            .unwrap_or_else(|| panic!("no generation in {page}"))
            + marker.len();
        page[at..].split('"').next().unwrap().parse().unwrap()
    }

    /// After a save: waits for reloads on `events` until `done()` holds after
    /// one (what the save should bring about, e.g. the edit on the page),
    /// then for the reload of the generation served at that moment, so no
    /// reload of this save is left for the next step. Returns that
    /// generation. At least one reload must come; it may be more than one
    /// (a save in place can reach the server as two bursts, the emptied file
    /// and the written one, when the machine is loaded). `what` says what is
    /// awaited, for the message when it does not come within [`PATIENCE`].
    pub fn reloads_until(
        &self,
        events: &mut Events,
        what: &str,
        mut done: impl FnMut() -> bool,
    ) -> u64 {
        let deadline = Instant::now() + PATIENCE;
        let mut last = events.reload_before(deadline, what, &self.stderr);
        while !done() {
            last = events.reload_before(deadline, what, &self.stderr);
        }
        let served = self.generation();
        while last < served {
            last = events.reload_before(deadline, what, &self.stderr);
        }
        assert_eq!(last, served, "{what}: reloads out of order");
        served
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// A GET of `path` (sent as is).
    pub fn get(&self, path: &str) -> Reply {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    pub fn raw(&self, request: &str) -> Reply {
        request_raw(self.addr, request.as_bytes())
    }

    /// Opens the reload stream and reads its greeting.
    pub fn events(&self) -> Events {
        let stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        // HTTP/1.0: the body is not chunked but ends with the connection.
        (&stream)
            .write_all(b"GET /__bijlage/events HTTP/1.0\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.contains(" 200 "), "{status}");
        let mut content_type = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.to_ascii_lowercase().starts_with("content-type:") {
                content_type = line.clone();
            }
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        assert!(content_type.contains("text/event-stream"), "{content_type}");
        Events { reader }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status code, header block (lower case) and body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers
            .lines()
            .find_map(|l| l.strip_prefix(&prefix).map(|v| v.trim().to_string()))
    }
}

/// Sends `request` as is and reads the answer until the server closes.
pub fn request_raw(addr: SocketAddr, request: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).to_ascii_lowercase();
    let body = bytes[split + 4..].to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head}"));
    let reply = Reply {
        status,
        headers: head,
        body,
    };
    if let Some(length) = reply
        .header("content-length")
        .filter(|_| !request.starts_with(b"HEAD "))
    {
        assert_eq!(
            length.parse::<usize>().unwrap(),
            reply.body.len(),
            "the whole body arrived"
        );
    }
    reply
}

/// The reload stream.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event as (name, data); `None` when nothing comes within
    /// `wait`.
    pub fn next_within(&mut self, wait: Duration) -> Option<(String, String)> {
        self.reader.get_ref().set_read_timeout(Some(wait)).unwrap();
        let mut name = String::new();
        let mut data = String::new();
        loop {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the reload stream ended"),
                Ok(_) => {}
                Err(err)
                    if matches!(
                        err.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return None;
                }
                Err(err) => panic!("reading the reload stream: {err}"),
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !name.is_empty() {
                    return Some((name, data));
                }
            } else if let Some(value) = line.strip_prefix("event:") {
                name = value.trim().to_string();
            } else if let Some(value) = line.strip_prefix("data:") {
                data = value.trim().to_string();
            }
        }
    }

    /// The next event, which must come within [`PATIENCE`].
    pub fn next(&mut self) -> (String, String) {
        self.next_within(PATIENCE)
            .expect("an event within the patience")
    }

    /// Waits for the next reload and returns its version (for
    /// `benches/reload.rs`, which times it; the tests wait with
    /// [`Server::reloads_until`]).
    #[allow(dead_code)]
    pub fn reload(&mut self) -> u64 {
        let (name, data) = self.next();
        assert_eq!(name, "herladen", "event {name} {data}");
        data.parse().unwrap()
    }

    /// The next event, which must be a reload and come before `deadline`;
    /// returns its version.
    fn reload_before(&mut self, deadline: Instant, what: &str, log: &Mutex<String>) -> u64 {
        let wait = deadline.saturating_duration_since(Instant::now());
        let Some((name, data)) = self.next_within(wait.max(Duration::from_millis(1))) else {
            panic!(
                "{what}: no reload within {} s\nserver log:\n{}",
                PATIENCE.as_secs(),
                log.lock().unwrap()
            );
        };
        assert_eq!(name, "herladen", "{what}: event {name} {data}");
        data.parse().unwrap()
    }
}
