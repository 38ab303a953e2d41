//! The built site in a real browser, served the way a hosting team serves it.
//!
//! Each test builds the shipped content into a temporary folder, starts nginx
//! (Debian's package) on a free loopback port with the sample configuration
//! `scripts/nginx.conf` under the sub-path `/documenten/monitoringsoverzicht/`,
//! and runs `node tests/browser/run.mjs` (playwright-core driving Debian's
//! headless Chromium, axe-core) or `tests/browser/validate.mjs`
//! (html-validate) against it. See tests/browser/run.mjs for what is checked.
//!
//! Needs `nginx`, `chromium`, `node` and `npm ci --prefix tests/browser`;
//! `.ci/run` installs them. A missing tool fails the test with a message.

use crate::common;

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bijlage::model::Site;
use bijlage::model::tijdlijn;
use bijlage::{ContentSource, Options};

/// Where the sample configuration serves the site.
const SUB_PATH: &str = "/documenten/monitoringsoverzicht/";
/// The `root` line of the sample configuration, replaced by the test.
const SAMPLE_ROOT: &str = "root /srv/www;";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn browser_dir() -> PathBuf {
    repo().join("tests").join("browser")
}

/// The first of `candidates` that exists, or a failure naming what to install.
fn tool(name: &str, candidates: &[&str], install: &str) -> PathBuf {
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("`{name}` is missing ({candidates:?}): {install} (see .ci/run)"))
}

fn node() -> PathBuf {
    tool(
        "node",
        &["/usr/bin/node", "/usr/local/bin/node"],
        "install Node.js 20 or newer",
    )
}

/// node with the packages of tests/browser/package-lock.json installed.
fn node_ready() -> PathBuf {
    let node = node();
    tool(
        "chromium",
        &["/usr/bin/chromium"],
        "`apt-get install chromium`",
    );
    for package in ["playwright-core", "axe-core", "html-validate"] {
        let manifest = browser_dir()
            .join("node_modules")
            .join(package)
            .join("package.json");
        assert!(
            manifest.is_file(),
            "tests/browser/node_modules/{package} is missing: run `npm ci --prefix tests/browser` \
             (it installs the versions pinned in tests/browser/package-lock.json)"
        );
    }
    node
}

/// Builds the shipped content into `<tmp>/www/documenten/monitoringsoverzicht/`,
/// readable for nginx whichever user it runs as.
fn build_site(tmp: &Path) -> (Site, PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
    let www = tmp.join("www");
    let site_dir = www.join(SUB_PATH.trim_matches('/'));
    std::fs::create_dir_all(site_dir.parent().unwrap()).unwrap();
    let options = Options::new(ContentSource::Dir(repo().join("content")));
    let site = bijlage::build(&options, &site_dir)
        .expect("the shipped content builds")
        .site;
    (site, www, site_dir)
}

/// nginx as a child process, one process (`master_process off`, so no
/// workers outlive it); killed when dropped, also when a test panics.
struct Nginx {
    child: Child,
    port: u16,
    error_log: PathBuf,
}

impl Nginx {
    fn base(&self) -> String {
        format!("http://127.0.0.1:{}{SUB_PATH}", self.port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn quoted(path: &Path) -> String {
    let text = path.to_str().expect("temporary paths are UTF-8");
    assert!(!text.contains('"'), "{text}");
    format!("\"{text}\"")
}

/// Starts nginx with the sample configuration on a free loopback port.
fn start_nginx(tmp: &Path, www: &Path) -> Nginx {
    let nginx = tool(
        "nginx",
        &["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"],
        "`apt-get install --no-install-recommends nginx`",
    );
    let sample = std::fs::read_to_string(repo().join("scripts/nginx.conf")).unwrap();
    assert!(
        sample.contains(&format!("location {SUB_PATH} {{")),
        "scripts/nginx.conf serves {SUB_PATH}"
    );
    assert_eq!(
        sample.matches(SAMPLE_ROOT).count(),
        1,
        "scripts/nginx.conf has one `{SAMPLE_ROOT}` line"
    );
    let site_conf = tmp.join("site.conf");
    std::fs::write(
        &site_conf,
        sample.replace(SAMPLE_ROOT, &format!("root {};", quoted(www))),
    )
    .unwrap();

    let prefix = tmp.join("nginx");
    std::fs::create_dir_all(prefix.join("tijdelijk")).unwrap();
    let error_log = prefix.join("error.log");
    // A free port: bind port 0, read it, let go; nginx binds it right after.
    let port = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let temp = |name: &str| quoted(&prefix.join("tijdelijk").join(name));
    let conf = format!(
        "daemon off;\n\
         master_process off;\n\
         pid {pid};\n\
         error_log {error_log} warn;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n\
         \x20   include /etc/nginx/mime.types;\n\
         \x20   default_type application/octet-stream;\n\
         \x20   access_log {access_log};\n\
         \x20   client_body_temp_path {body};\n\
         \x20   proxy_temp_path {proxy};\n\
         \x20   fastcgi_temp_path {fastcgi};\n\
         \x20   uwsgi_temp_path {uwsgi};\n\
         \x20   scgi_temp_path {scgi};\n\
         \x20   server {{\n\
         \x20       listen 127.0.0.1:{port};\n\
         \x20       server_name localhost;\n\
         \x20       include {site_conf};\n\
         \x20   }}\n\
         }}\n",
        pid = quoted(&prefix.join("nginx.pid")),
        error_log = quoted(&error_log),
        access_log = quoted(&prefix.join("access.log")),
        body = temp("body"),
        proxy = temp("proxy"),
        fastcgi = temp("fastcgi"),
        uwsgi = temp("uwsgi"),
        scgi = temp("scgi"),
        site_conf = quoted(&site_conf),
    );
    let conf_path = prefix.join("nginx.conf");
    std::fs::write(&conf_path, conf).unwrap();

    let child = Command::new(&nginx)
        .arg("-e")
        .arg(&error_log)
        .arg("-p")
        .arg(&prefix)
        .arg("-c")
        .arg(&conf_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("{}: {err}", nginx.display()));
    let mut server = Nginx {
        child,
        port,
        error_log,
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            let mut stderr = String::new();
            if let Some(mut pipe) = server.child.stderr.take() {
                pipe.read_to_string(&mut stderr).ok();
            }
            let log = std::fs::read_to_string(&server.error_log).unwrap_or_default();
            panic!("nginx exited ({status}) on port {port}:\n{stderr}\n{log}");
        }
        if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return server;
        }
        assert!(
            Instant::now() < deadline,
            "nginx does not listen on 127.0.0.1:{port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs a script of tests/browser with node; returns its success and output.
fn run_node(node: &Path, script: &str, args: &[String]) -> (bool, String) {
    let output = Command::new(node)
        .current_dir(browser_dir())
        .arg(script)
        .args(args)
        .env("CHROMIUM", "/usr/bin/chromium")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|err| panic!("{}: {err}", node.display()));
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    (output.status.success(), report)
}

fn path_arg(path: &Path) -> String {
    path.to_str().expect("UTF-8 path").to_string()
}

/// The action whose accessibility tree is read, its page and anchor, and the
/// texts it must expose: its status and each plan year in words.
fn tree_expectations(site: &Site) -> (String, Vec<String>) {
    let (lijn, actie) = site
        .find("15")
        .or_else(|| site.acties().next())
        .expect("the shipped content has actions");
    let anchor = actie.nummer.anchors().remove(0);
    let mut expect = vec![format!("Status: {}", site.meta.legenda_label(actie.status))];
    for jaar in tijdlijn(&site.meta.planjaren, &actie.jaren) {
        expect.push(format!(
            "{}: {}",
            jaar.jaar,
            if jaar.uitvoering {
                "uitvoeringsjaar"
            } else {
                "geen uitvoeringsjaar"
            }
        ));
    }
    (format!("actielijn-{}.html#{anchor}", lijn.nummer), expect)
}

#[test]
fn every_output_page_is_valid_html() {
    let node = node_ready();
    let tmp = tempfile::tempdir().unwrap();
    let (_, _, site_dir) = build_site(tmp.path());
    let (ok, report) = run_node(&node, "validate.mjs", &[path_arg(&site_dir)]);
    assert!(ok, "html-validate found errors:\n{report}");
    let pages = std::fs::read_dir(&site_dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html"))
        })
        .count();
    assert!(
        report.contains(&format!("html-validate: {pages} files, 0 errors")),
        "{report}"
    );
}

#[test]
fn the_site_in_chromium_behind_nginx() {
    let node = node_ready();
    let tmp = tempfile::tempdir().unwrap();
    let (site, www, site_dir) = build_site(tmp.path());
    let server = start_nginx(tmp.path(), &www);
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .join("screenshots")
        .join("browser");
    let _ = std::fs::remove_dir_all(&shots);
    let (tree, expect) = tree_expectations(&site);
    let mut args = vec![
        "--http".to_string(),
        server.base(),
        "--file".into(),
        path_arg(&site_dir),
        "--annex".into(),
        site.meta.bijlage_bestand.clone(),
        "--all-reachable".into(),
        "--screens".into(),
        format!(
            "index.html,actielijn-1.html,wijzigingen.html,edities.html,{}",
            site.meta.bijlage_bestand
        ),
        "--screenshots".into(),
        path_arg(&shots),
        "--tree".into(),
        tree,
    ];
    for text in expect {
        args.push("--expect".into());
        args.push(text);
    }
    let (ok, report) = run_node(&node, "run.mjs", &args);
    drop(server);
    assert!(ok, "the browser checks failed:\n{report}");
    assert!(report.contains("browser: ok"), "{report}");
    open_data_links_resolve(&site_dir, &report);
    // The changes since the spring edition and the progress over the
    // editions are reached, checked (axe at 1280 px, no sideways scroll at
    // 320 px, html-validate in the test above) and photographed like the rest.
    for page in ["wijzigingen.html", "edities.html"] {
        assert!(report.contains(page), "{page} not reached:\n{report}");
    }
    let annex = site
        .meta
        .bijlage_bestand
        .trim_end_matches(".html")
        .to_string();
    for page in [
        "index",
        "actielijn-1",
        "wijzigingen",
        "edities",
        annex.as_str(),
    ] {
        for width in [320, 375, 768, 1280] {
            let png = shots.join(format!("{page}-{width}.png"));
            let bytes = std::fs::read(&png).unwrap_or_else(|err| panic!("{png:?}: {err}"));
            assert!(bytes.starts_with(b"\x89PNG"), "{png:?} is a PNG");
            // The width of the image is the viewport's (IHDR, big-endian).
            let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
            assert_eq!(w, width, "{png:?}");
        }
    }
}

/// The open-data section of the start page links every data file of the
/// build and what describes its fields, and the crawl resolved each of those
/// links over HTTP and over file:// (the `assets` lines of the report).
fn open_data_links_resolve(site_dir: &Path, report: &str) {
    let index = std::fs::read_to_string(site_dir.join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&index);
    let selector = scraper::Selector::parse("#open-data a[href]").unwrap();
    let links: Vec<&str> = doc
        .select(&selector)
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| !href.starts_with("http"))
        .collect();
    let data: Vec<String> = std::fs::read_dir(site_dir.join("data"))
        .unwrap()
        .map(|e| format!("data/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|name| !name.ends_with("/schema"))
        .collect();
    assert!(data.len() >= 5, "{data:?}");
    for file in &data {
        assert!(
            links.contains(&file.as_str()),
            "the open-data section lists {file}: {links:?}"
        );
    }
    for protocol in ["http", "file"] {
        let prefix = format!("assets {protocol}: ");
        let line = report
            .lines()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .unwrap_or_else(|| panic!("no `{prefix}` line in the report:\n{report}"));
        let resolved: Vec<&str> = line.split(' ').collect();
        for link in &links {
            assert!(resolved.contains(link), "{link} over {protocol}: {line}");
        }
    }
}

/// The pages that only a comparison with a previous edition makes
/// (`wijzigingen.html`, the markers on changed actions, the annex section)
/// pass the same checks, on the made-up pair of editions.
#[test]
fn the_changes_since_the_previous_edition_are_valid_and_accessible() {
    let node = node_ready();
    let tmp = tempfile::tempdir().unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let www = tmp.path().join("www");
    let site_dir = www.join(SUB_PATH.trim_matches('/'));
    std::fs::create_dir_all(site_dir.parent().unwrap()).unwrap();
    let editions = repo().join("tests/fixtures/edities");
    let options = Options {
        previous: Some(editions.join("vorige").display().to_string()),
        ..Options::new(ContentSource::Dir(editions.join("nu/content")))
    };
    let rendered = bijlage::build(&options, &site_dir).expect("the editions build");
    assert!(matches!(
        rendered.vorige_editie,
        bijlage::VorigeEditie::Vergeleken(_)
    ));
    assert!(site_dir.join("wijzigingen.html").is_file());

    let (ok, report) = run_node(&node, "validate.mjs", &[path_arg(&site_dir)]);
    assert!(ok, "html-validate found errors:\n{report}");
    let server = start_nginx(tmp.path(), &www);
    let args = vec![
        "--http".to_string(),
        server.base(),
        "--file".into(),
        path_arg(&site_dir),
        "--all-reachable".into(),
    ];
    let (ok, report) = run_node(&node, "run.mjs", &args);
    drop(server);
    assert!(ok, "the browser checks failed:\n{report}");
    assert!(report.contains("wijzigingen.html"), "{report}");
}

/// The review copy (`build --review`: the site and its single file, with
/// drafts, changes, sources and paragraph references) passes the same checks
/// as the site: html-validate, and axe, structure, keyboard, reflow at 320 px
/// and requests in Chromium behind nginx. Screenshots of the review file and
/// an actielijn page at 320, 768 and 1280 px land in
/// target/screenshots/review/.
#[test]
fn the_review_copy_is_valid_and_accessible() {
    let node = node_ready();
    let tmp = tempfile::tempdir().unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let editions = repo().join("tests/fixtures/edities");
    let content = tmp.path().join("bron").join("content");
    common::copy_dir(&editions.join("nu/content"), &content);
    std::fs::write(
        content.join("actielijn-a/06-concept.md"),
        "---\nnummer: 6\ntitel: \"Een actie in concept\"\nstatus: niet-gestart\njaren: [2026]\n\
         jaren_bron: periode\nconcept: true\n---\nEerste alinea.\n\n- een punt\n- nog een punt\n",
    )
    .unwrap();
    let www = tmp.path().join("www");
    let site_dir = www.join(SUB_PATH.trim_matches('/'));
    std::fs::create_dir_all(site_dir.parent().unwrap()).unwrap();
    let options = Options {
        previous: Some(editions.join("vorige").display().to_string()),
        review: true,
        ..Options::new(ContentSource::Dir(content))
    };
    bijlage::build(&options, &site_dir).expect("the review copy builds");
    let annex = std::fs::read_to_string(site_dir.join("bijlage.html")).unwrap();
    assert!(annex.contains("class=\"review-bron\""));

    let (ok, report) = run_node(&node, "validate.mjs", &[path_arg(&site_dir)]);
    assert!(ok, "html-validate found errors:\n{report}");
    assert!(report.contains("ok     bijlage.html"), "{report}");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .join("screenshots")
        .join("review");
    let _ = std::fs::remove_dir_all(&shots);
    let server = start_nginx(tmp.path(), &www);
    let args = vec![
        "--http".to_string(),
        server.base(),
        "--file".into(),
        path_arg(&site_dir),
        "--all-reachable".into(),
        "--screens".into(),
        "bijlage.html,actielijn-1.html".into(),
        "--screenshots".into(),
        path_arg(&shots),
    ];
    let (ok, report) = run_node(&node, "run.mjs", &args);
    drop(server);
    assert!(ok, "the browser checks failed:\n{report}");
    assert!(report.contains("browser: ok"), "{report}");
    for width in [320, 1280] {
        assert!(shots.join(format!("bijlage-{width}.png")).is_file());
    }
}

/// A page with one of each fault: the checks above must find every one, or
/// they prove nothing.
const BROKEN_PAGE: &str = r#"<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Kapot</title>
<link rel="stylesheet" href="css/bestaat-niet.css">
<link rel="stylesheet" href="http://localhost:PORT/documenten/monitoringsoverzicht/css/bijlage.css">
</head>
<body>
<main>
<h1>Een kapotte pagina</h1>
<h3>Een kop die een niveau overslaat</h3>
<p style="color: #999">Tekst met een style-attribuut.</p>
<img src="plaatje.png">
<p><a href="ontbreekt.html">Een pagina die niet bestaat</a>,
<a href="kapot.html#nergens">een anker dat niet bestaat</a>,
<a href="/elders/index.html">een link buiten de sub-map</a>.</p>
<pre>ditiseenregelzonderspatiesdiebredergaatdandriehonderdentwintigpixelsenduszijwaartsscrolt</pre>
</main>
</body>
</html>
"#;

#[test]
fn the_checks_catch_a_broken_page() {
    let node = node_ready();
    let tmp = tempfile::tempdir().unwrap();
    let (_, www, site_dir) = build_site(tmp.path());
    let server = start_nginx(tmp.path(), &www);
    std::fs::write(
        site_dir.join("kapot.html"),
        BROKEN_PAGE.replace("PORT", &server.port.to_string()),
    )
    .unwrap();
    let (ok, report) = run_node(
        &node,
        "run.mjs",
        &[
            "--http".into(),
            server.base(),
            "--file".into(),
            path_arg(&site_dir),
            "--start".into(),
            "kapot.html".into(),
        ],
    );
    drop(server);
    assert!(!ok, "the broken page passed:\n{report}");
    for needle in [
        "FAIL [link] ontbreekt.html: HTTP 404",
        "FAIL [link] ontbreekt.html: does not load",
        "FAIL [anchor] kapot.html: kapot.html#nergens: no id \"nergens\"",
        "FAIL [link] kapot.html: /elders/index.html points outside the site folder",
        "FAIL [asset] kapot.html: css/bestaat-niet.css: HTTP 404",
        "FAIL [asset] kapot.html: css/bestaat-niet.css does not exist",
        "FAIL [asset] kapot.html: plaatje.png: HTTP 404",
        "FAIL [csp] kapot.html: style-src-attr",
        "FAIL [privacy] kapot.html: request to another origin: http://localhost:",
        "FAIL [axe] kapot.html: image-alt",
        "FAIL [headings] kapot.html: h1 \"Een kapotte pagina\" is followed by h3",
        "FAIL [landmarks] kapot.html: 0 banner landmarks",
        "FAIL [landmarks] kapot.html: no navigation landmark",
        "FAIL [keyboard] kapot.html: the first Tab lands on <a> \"Een pagina die niet bestaat\", not on a skip link",
        "FAIL [focus] kapot.html: <a> \"Een pagina die niet bestaat\" has no visible focus indicator",
        "FAIL [reflow] kapot.html: at 320 px the page scrolls sideways",
    ] {
        assert!(
            report.contains(needle),
            "{needle:?} not reported:\n{report}"
        );
    }

    // html-validate finds the faults it knows of in the same page.
    let (ok, report) = run_node(&node, "validate.mjs", &[path_arg(&site_dir)]);
    assert!(!ok, "the broken page validated:\n{report}");
    for needle in ["no-inline-style", "wcag/h37", "FAIL   kapot.html"] {
        assert!(
            report.contains(needle),
            "{needle:?} not reported:\n{report}"
        );
    }
    assert!(report.contains("ok     index.html"), "{report}");
}
