//! `bijlage serve` as a process on a free loopback port: pages, live reload
//! after edits, failed rebuilds, drafts, review mode, path safety, load and
//! clients that go away.
//!
//! Over 600 lines on purpose: each test is one scenario against a running
//! server, read from start to end; the shared helpers are in `common/serve.rs`.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use crate::common::serve::{Server, Site, request_raw};
use crate::common::tree;
use bijlage::{ContentSource, Options};

/// The files `bijlage::render` makes of `site`, by path.
fn rendered(site: &Site, drafts: bool) -> BTreeMap<String, Vec<u8>> {
    let options = Options {
        drafts,
        ..Options::new(ContentSource::Dir(site.content()))
    };
    bijlage::render(&options)
        .expect("the fixture renders")
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

/// The served page without what serve adds must be the rendered page.
fn without_additions(served: &str, generation: u64) -> String {
    let link = "<link rel=\"stylesheet\" href=\"/__bijlage/serve.css\">\n";
    let script =
        format!("<script src=\"/__bijlage/live.js\" data-generatie=\"{generation}\"></script>\n");
    assert!(served.contains(link), "no stylesheet link");
    assert!(served.contains(&script), "no live script for {generation}");
    served.replacen(link, "", 1).replacen(&script, "", 1)
}

#[test]
fn serves_the_rendered_site_with_drafts_and_only_adds_the_preview() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let expected = rendered(&site, true);
    for (path, bytes) in &expected {
        let reply = server.get(&format!("/{path}"));
        assert_eq!(reply.status, 200, "{path}");
        if path.ends_with(".html") {
            assert_eq!(
                reply.header("content-type").as_deref(),
                Some("text/html; charset=utf-8")
            );
            assert_eq!(
                without_additions(&reply.text(), 1),
                String::from_utf8(bytes.clone()).unwrap(),
                "{path}"
            );
        } else {
            assert_eq!(&reply.body, bytes, "{path}");
        }
        assert_eq!(reply.header("cache-control").as_deref(), Some("no-store"));
    }
    // `/` is the index; drafts are in, marked.
    let index = server.get("/");
    assert_eq!(index.body, server.get("/index.html").body);
    let page = server.get("/actielijn-1.html").text();
    assert!(
        page.contains("<span class=\"concept\">Concept</span>"),
        "{page}"
    );
    assert!(page.contains("Nog in concept"));
    assert!(page.contains("data-bron=\"actielijn-a/04-concept.md\""));
    // The preview's own files.
    let script = server.get("/__bijlage/live.js");
    assert_eq!(script.status, 200);
    assert!(
        script
            .text()
            .contains("new EventSource(\"/__bijlage/events\")")
    );
    assert_eq!(server.get("/__bijlage/serve.css").status, 200);
    // HEAD: headers without body.
    let head =
        server.raw("HEAD /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn without_drafts_the_preview_shows_what_build_publishes() {
    let site = Site::new();
    let server = Server::start(&site.content(), &["--no-drafts"]);
    let page = server.get("/actielijn-1.html").text();
    assert!(!page.contains("Nog in concept"));
    assert!(!page.contains("class=\"concept\""));
    let expected = rendered(&site, false);
    assert_eq!(
        without_additions(&page, 1).into_bytes(),
        expected["actielijn-1.html"]
    );
}

#[test]
fn templates_and_the_theme_css_on_disk_are_watched_too() {
    let site = Site::new();
    let templates = site.root().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let page = |version: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block inhoud %}}<p>Eigen voorpagina {version}</p>{{% endblock inhoud %}}"
        )
    };
    std::fs::write(templates.join("index.html"), page("v1")).unwrap();
    let theme = site.root().join("themes/rijksoverheid");
    crate::common::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/rijksoverheid"),
        &theme,
    );
    let server = Server::start(&site.content(), &[]);
    let mut events = server.events();
    events.next();
    assert!(server.get("/").text().contains("Eigen voorpagina v1"));

    std::fs::write(templates.join("index.html"), page("v2")).unwrap();
    server.reloads_until(&mut events, "the edited template", || {
        server.get("/").text().contains("Eigen voorpagina v2")
    });

    let css = theme.join("static/css/bijlage.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n.proef-regel { color: #154273; }\n");
    std::fs::write(&css, text).unwrap();
    server.reloads_until(&mut events, "the edited theme CSS", || {
        server
            .get("/css/bijlage.css")
            .text()
            .contains(".proef-regel")
    });
}

#[test]
fn edits_rebuild_and_reload_in_place_and_by_rename() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let mut events = server.events();
    assert_eq!(events.next(), ("hallo".to_string(), "1".to_string()));

    // Saved in place.
    site.edit(
        "actielijn-a/03-los.md",
        "Een losse actie",
        "Een bijgewerkte actie",
    );
    let generation = server.reloads_until(&mut events, "the edit saved in place", || {
        server
            .get("/actielijn-1.html")
            .text()
            .contains("Een bijgewerkte actie")
    });
    assert!(generation >= 2);
    let page = server.get("/actielijn-1.html").text();
    assert!(!page.contains("Een losse actie"));
    assert!(page.contains(&format!("data-generatie=\"{generation}\"")));

    // Saved by writing a temporary file and renaming it.
    let text = site
        .read("actielijn-a/03-los.md")
        .replace("Een bijgewerkte actie", "Via hernoemen opgeslagen");
    site.write_by_rename("actielijn-a/03-los.md", &text);
    let before_burst = server.reloads_until(&mut events, "the edit saved by rename", || {
        server
            .get("/actielijn-1.html")
            .text()
            .contains("Via hernoemen opgeslagen")
    });
    assert!(before_burst > generation);

    // A burst of saves gives fewer reloads than saves (counted by the
    // versions, not within a time window), and the last state wins.
    let file = "actielijn-b/05-doorlopend.md";
    let original = site.read(file);
    let rounds: Vec<String> = (0..10)
        .map(|round| original.replacen("---\n", &format!("---\n# ronde {round}\n"), 1))
        .collect();
    for text in &rounds {
        site.write(file, text);
    }
    let after_burst = server.reloads_until(&mut events, "the last of 10 saves", || {
        server
            .get(&format!("/__bijlage/bron/{file}"))
            .text()
            .contains("ronde 9")
    });
    let reloads = after_burst - before_burst;
    assert!(
        (1..10).contains(&reloads),
        "{reloads} reloads for 10 saves\n{}",
        server.stderr()
    );

    // A save that changes nothing rebuilds but does not reload. (By rename,
    // so the file is never seen empty, which would be a change.) Every log
    // line before the last reload's has been read once that one is; the
    // server logs each rebuild after deciding whether to reload.
    assert!(server.log_contains(&format!(", herladen (versie {after_burst})")));
    let unchanged = |log: &str| {
        log.lines()
            .filter(|l| l.contains("03-los.md") && l.ends_with(", niets veranderd"))
            .count()
    };
    let seen = unchanged(&server.stderr());
    site.write_by_rename("actielijn-a/03-los.md", &site.read("actielijn-a/03-los.md"));
    assert!(
        server.log_until(|log| unchanged(log) > seen),
        "no rebuild after a save that changes nothing\n{}",
        server.stderr()
    );
    assert_eq!(server.generation(), after_burst);
    assert_eq!(events.next_within(Duration::from_millis(500)), None);
}

#[test]
fn a_save_in_the_content_folder_found_relative_to_the_site_rebuilds() {
    // As an editor starts it: in the site's folder, without --content.
    // The watcher's events name absolute paths; the folder is `content`.
    let site = Site::new();
    let server = Server::start_in(site.root(), &[]);
    let mut events = server.events();
    assert_eq!(events.next(), ("hallo".to_string(), "1".to_string()));
    site.edit(
        "actielijn-a/03-los.md",
        "Een losse actie",
        "Bewaard in de map naast de site",
    );
    server.reloads_until(
        &mut events,
        "a save under a relative content folder",
        || {
            server
                .get("/actielijn-1.html")
                .text()
                .contains("Bewaard in de map naast de site")
        },
    );
}

#[test]
fn a_failed_rebuild_shows_the_diagnostic_and_keeps_the_last_good_pages() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let mut events = server.events();
    events.next();
    let css_before = server.get("/css/bijlage.css").body;

    site.edit("actielijn-a/03-los.md", "status: afgerond", "status: klaar");
    server.reloads_until(&mut events, "the overlay of the failed rebuild", || {
        server
            .get("/actielijn-1.html")
            .text()
            .contains("status `klaar` bestaat niet")
    });
    let page = server.get("/actielijn-1.html");
    assert_eq!(page.status, 200);
    let page = page.text();
    // The last good page is still there...
    assert!(page.contains("Een losse actie"));
    assert!(page.contains("Nog in concept"));
    // ...under the diagnostic: file, line, column, the line, message, help.
    assert!(page.contains("role=\"alert\""), "{page}");
    let file = format!("{}/actielijn-a/03-los.md", site.content().display());
    assert!(
        page.contains(&format!("<code>{file}</code>, regel 4, kolom 9")),
        "{page}"
    );
    assert!(page.contains("status: <mark>klaar</mark>"), "{page}");
    assert!(page.contains("status `klaar` bestaat niet"));
    assert!(page.contains("hulp: toegestaan: afgerond"));
    // The dedicated page says the same; other files are unchanged.
    let failure = server.get("/__bijlage/fout").text();
    assert!(failure.contains("status `klaar` bestaat niet"), "{failure}");
    assert_eq!(server.get("/css/bijlage.css").body, css_before);
    assert!(
        server.log_contains("status `klaar` bestaat niet"),
        "{}",
        server.stderr()
    );

    // Fixed: the overlay goes.
    site.edit("actielijn-a/03-los.md", "status: klaar", "status: afgerond");
    server.reloads_until(&mut events, "the fixed page without overlay", || {
        !server
            .get("/actielijn-1.html")
            .text()
            .contains("role=\"alert\"")
    });
    assert!(
        server
            .get("/__bijlage/fout")
            .text()
            .contains("Geen bouwfout")
    );
}

#[test]
fn a_site_that_never_built_shows_the_diagnostic_until_fixed() {
    let site = Site::new();
    site.edit("actielijn-b/05-doorlopend.md", "jaren: [", "jaren: [1999, ");
    let server = Server::start(&site.content(), &[]);
    let mut events = server.events();
    events.next();
    let page = server.get("/");
    assert_eq!(page.status, 500);
    let text = page.text();
    assert!(
        text.contains("jaar 1999 valt buiten de planjaren"),
        "{text}"
    );
    assert!(text.contains("05-doorlopend.md</code>, regel"), "{text}");
    assert!(text.contains("/__bijlage/live.js"), "it reloads once fixed");
    assert_eq!(server.get("/css/bijlage.css").status, 404);

    site.edit("actielijn-b/05-doorlopend.md", "jaren: [1999, ", "jaren: [");
    server.reloads_until(&mut events, "the fixed site", || {
        server.get("/").status == 200
    });
    assert!(!server.get("/").text().contains("role=\"alert\""));
}

#[test]
fn review_mode_shows_the_numbered_highlighted_source() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let reply = server.get("/__bijlage/bron/actielijn-a/03-los.md");
    assert_eq!(reply.status, 200);
    let panel = reply.text();
    let file = format!("{}/actielijn-a/03-los.md", site.content().display());
    assert!(
        panel.contains(&format!("Bron: <code>{file}</code>")),
        "{panel}"
    );
    let text = site.read("actielijn-a/03-los.md");
    let rows: Vec<&str> = panel
        .lines()
        .filter(|l| l.starts_with("<tr class"))
        .collect();
    assert_eq!(rows.len(), text.lines().count());
    for (i, row) in rows.iter().enumerate() {
        assert!(
            row.contains(&format!("<td class=\"bijlage-bron__nr\">{}</td>", i + 1)),
            "{row}"
        );
    }
    // Line 4 is `status: afgerond`: the key highlighted as YAML.
    assert!(rows[3].contains("bijlage-bron__yaml"), "{}", rows[3]);
    assert!(
        rows[3].contains("<span class=\"hl-entity hl-name hl-tag hl-yaml\">status</span>"),
        "{}",
        rows[3]
    );
    // Line 9 is Markdown with strikethrough and a link.
    assert!(rows[8].contains("bijlage-bron__markdown"), "{}", rows[8]);
    assert!(rows[8].contains("hl-markup"), "{}", rows[8]);

    assert_eq!(
        server
            .get("/__bijlage/bron/actielijn-a/bestaat-niet.md")
            .status,
        404
    );
    assert_eq!(server.get("/__bijlage/bron/../../Cargo.toml").status, 400);
    // Every action on the page has its hook.
    let page = server.get("/actielijn-1.html").text();
    for rel in [
        "actielijn-a/01-02-samen.md",
        "actielijn-a/03-los.md",
        "actielijn-a/04-concept.md",
    ] {
        assert!(page.contains(&format!("data-bron=\"{rel}\"")), "{rel}");
    }
}

#[test]
fn traversal_and_odd_paths_are_refused() {
    let site = Site::new();
    let secret = site.root().join("geheim.txt");
    std::fs::write(&secret, "GEHEIM-7f3a\n").unwrap();
    // Symlinks out of the site: a file beside the content, the root, /etc.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, site.content().join("lek.txt")).unwrap();
        std::os::unix::fs::symlink(&secret, site.root().join("lek.txt")).unwrap();
        std::os::unix::fs::symlink("/etc", site.root().join("etc")).unwrap();
        std::os::unix::fs::symlink(site.root(), site.root().join("boven")).unwrap();
    }
    let server = Server::start(&site.content(), &[]);
    let cases: &[(&str, u16)] = &[
        ("/../geheim.txt", 400),
        ("/../../../../etc/passwd", 400),
        ("/css/../../geheim.txt", 400),
        ("/%2e%2e/geheim.txt", 400),
        ("/%2E%2E/geheim.txt", 400),
        ("/..%2fgeheim.txt", 400),
        ("/..%2f..%2f..%2fetc%2fpasswd", 400),
        ("/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400),
        ("//etc/passwd", 400),
        ("/..\\geheim.txt", 400),
        ("/%5c..%5cgeheim.txt", 400),
        ("/index.html%00", 400),
        ("/./index.html", 400),
        ("/etc/passwd", 404),
        ("/lek.txt", 404),
        ("/content/lek.txt", 404),
        ("/etc/hostname", 404),
        ("/boven/geheim.txt", 404),
        ("/geheim.txt", 404),
        ("/%252e%252e/geheim.txt", 404),
        ("/content/_index.md", 404),
        ("/__bijlage/../geheim.txt", 400),
    ];
    for (path, status) in cases {
        let reply = server.get(path);
        assert_eq!(reply.status, *status, "{path}");
        let text = reply.text();
        assert!(!text.contains("GEHEIM"), "{path}: {text}");
        assert!(!text.contains("root:"), "{path}: {text}");
    }
    // Request targets that are not an origin path.
    for request in [
        "GET ../geheim.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        "GET http://127.0.0.1/../geheim.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        "GET /%2e%2e/geheim.txt?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    ] {
        let reply = server.raw(request);
        assert_eq!(reply.status, 400, "{request}");
        assert!(!reply.text().contains("GEHEIM"));
    }
    let post = server.raw(
        "POST /index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    // And the site itself is still served.
    assert_eq!(server.get("/index.html").status, 200);
}

#[test]
fn keeps_serving_under_concurrent_load() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let paths = [
        "/",
        "/actielijn-1.html",
        "/actielijn-2.html",
        "/css/bijlage.css",
        "/data/acties.json",
        "/data/dashboard.json",
        "/__bijlage/live.js",
        "/__bijlage/bron/actielijn-a/03-los.md",
        "/bestaat-niet.html",
    ];
    // What each path answers, one request at a time.
    let expected: Vec<(u16, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            let reply = server.get(p);
            (reply.status, reply.body)
        })
        .collect();
    assert_eq!(expected[8].0, 404);
    assert!(expected[..8].iter().all(|(status, _)| *status == 200));

    const CLIENTS: usize = 300;
    let barrier = Arc::new(Barrier::new(CLIENTS));
    let expected = Arc::new(expected);
    let addr = server.addr;
    let handles: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let barrier = Arc::clone(&barrier);
            let expected = Arc::clone(&expected);
            let path = paths[i % paths.len()];
            std::thread::spawn(move || {
                barrier.wait();
                let reply = request_raw(
                    addr,
                    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .as_bytes(),
                );
                let (status, body) = &expected[i % expected.len()];
                assert_eq!(reply.status, *status, "{path}");
                assert!(reply.body == *body, "{path}: a different body");
            })
        })
        .collect();
    let failed = handles.into_iter().filter_map(|h| h.join().err()).count();
    assert_eq!(failed, 0, "{failed} of {CLIENTS} requests failed");
}

#[test]
fn survives_clients_that_disconnect_mid_response() {
    let site = Site::new();
    // A page of some megabytes: more than the socket buffers hold, so the
    // server is still writing when the client goes.
    let filler = "Een lange alinea over de voortgang van deze actie. ".repeat(40_000);
    let text = site.read("actielijn-a/03-los.md");
    site.write("actielijn-a/03-los.md", &format!("{text}\n{filler}\n"));
    let mut server = Server::start(&site.content(), &[]);
    let full = server.get("/actielijn-1.html");
    assert_eq!(full.status, 200);
    assert!(full.body.len() > 2_000_000, "{}", full.body.len());

    for _ in 0..20 {
        // Reads the start of a big page and goes.
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream
            .write_all(b"GET /actielijn-1.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut start = [0u8; 512];
        stream.read_exact(&mut start).unwrap();
        assert!(start.starts_with(b"HTTP/1.1 200"));
        drop(stream);
        // Sends half a request and goes.
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream.write_all(b"GET /actielijn-1.ht").unwrap();
        drop(stream);
        // Opens the reload stream and goes.
        let mut events = server.events();
        events.next();
        drop(events);
    }
    assert!(server.is_running(), "{}", server.stderr());
    // Still whole answers, and still reloads.
    let again = server.get("/actielijn-1.html");
    assert_eq!(again.body, full.body);
    let mut events = server.events();
    events.next();
    site.edit("actielijn-a/03-los.md", "Een losse actie", "Nog steeds er");
    server.reloads_until(&mut events, "the edit after the clients went", || {
        server
            .get("/actielijn-1.html")
            .text()
            .contains("Nog steeds er")
    });
}

const SERVE_ONLY: &[&str] = &[
    "/__bijlage/",
    "EventSource",
    "live.js",
    "bijlage-bron",
    "bijlage-fout",
    "bijlage-balk",
    "data-generatie",
];

#[test]
fn build_output_never_has_the_reload_script_or_review_mode() {
    let site = Site::new();
    for drafts in [false, true] {
        let out = site.root().join(if drafts { "uit-concept" } else { "uit" });
        let mut build = std::process::Command::new(env!("CARGO_BIN_EXE_bijlage"));
        build.arg("build").arg("--content").arg(site.content());
        build.arg("--output").arg(&out);
        if drafts {
            build.arg("--drafts");
        }
        assert!(build.status().unwrap().success());
        let files = tree(&out);
        assert!(files.contains_key("actielijn-1.html"));
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            for marker in SERVE_ONLY {
                assert!(!text.contains(marker), "{path} contains {marker}");
            }
        }
    }
    // The committed edition neither.
    let public = tree(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public"));
    assert!(!public.is_empty());
    for (path, bytes) in &public {
        let text = String::from_utf8_lossy(bytes);
        for marker in SERVE_ONLY {
            assert!(!text.contains(marker), "public/{path} contains {marker}");
        }
    }
    // While the preview of the same site has them all.
    let server = Server::start(&site.content(), &[]);
    let page = server.get("/actielijn-1.html").text();
    for marker in ["/__bijlage/", "<script", "live.js", "data-generatie"] {
        assert!(page.contains(marker), "the preview lacks {marker}");
    }
    let script = server.get("/__bijlage/live.js").text();
    for marker in ["EventSource", "bijlage-balk", "bijlage-paar"] {
        assert!(script.contains(marker), "live.js lacks {marker}");
    }
}

/// Waits for the reload after a save and for any that follow it within a
/// second (a move is two events, perhaps two rebuilds); returns the last
/// version.
fn settled(events: &mut crate::common::serve::Events) -> u64 {
    let mut generation = events.reload();
    while let Some((name, data)) = events.next_within(Duration::from_millis(1000)) {
        assert_eq!(name, "herladen", "event {name} {data}");
        generation = data.parse().unwrap();
    }
    generation
}

/// Every file serve shows equals what a fresh render of the same content
/// makes (pages without the preview's additions).
fn assert_serves_a_fresh_build(server: &Server, site: &Site, generation: u64, step: &str) {
    let expected = rendered(site, true);
    for (path, bytes) in &expected {
        let reply = server.get(&format!("/{path}"));
        assert_eq!(reply.status, 200, "{step}: {path}\n{}", server.stderr());
        if path.ends_with(".html") {
            assert_eq!(
                without_additions(&reply.text(), generation),
                String::from_utf8(bytes.clone()).unwrap(),
                "{step}: {path}"
            );
        } else {
            assert_eq!(&reply.body, bytes, "{step}: {path}");
        }
    }
}

#[test]
fn after_every_kind_of_save_serve_shows_what_a_fresh_build_makes() {
    // serve renders only the pages a save changed before the reload, keeps
    // the others whose context is the same, renders the rest when asked,
    // and keeps the Markdown of unchanged texts, each action's pieces of
    // the open data, the view of every actielijn the save did not change,
    // and (when only known pages changed) the list of pages without walking
    // the folder: after each save, every page and data file must still be
    // what a fresh build of that content makes.
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let mut events = server.events();
    assert_eq!(events.next().0, "hallo");
    assert_serves_a_fresh_build(&server, &site, 1, "start");

    let set = |rel: &str, key: &str, value: &str| {
        let text: String = site
            .read(rel)
            .lines()
            .map(|line| {
                if line.starts_with(&format!("{key}:")) {
                    format!("{key}: {value}\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        site.write(rel, &text);
    };
    let new_action = site
        .read("actielijn-b/05-doorlopend.md")
        .replace("nummer: 5", "nummer: 6")
        .replace("Iets dat doorloopt", "Een nieuwe actie");
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step<'_>> = vec![
        (
            "status",
            Box::new(|| set("actielijn-a/03-los.md", "status", "vertraging")),
        ),
        (
            "text",
            Box::new(|| {
                site.edit(
                    "actielijn-b/05-doorlopend.md",
                    "Loopt door.",
                    "Loopt *nog* door.",
                )
            }),
        ),
        // A save in actielijn a, one in b, and a again: the texts of the
        // actielijn the last save did not touch are kept, and the site of
        // the last load is changed in place.
        (
            "text in actielijn a",
            Box::new(|| {
                site.edit(
                    "actielijn-a/01-02-samen.md",
                    "Samen met",
                    "Samen, en nog, met",
                )
            }),
        ),
        (
            "text in actielijn b again",
            Box::new(|| {
                site.edit(
                    "actielijn-b/05-doorlopend.md",
                    "Loopt *nog* door.",
                    "Loopt *nog steeds* door.",
                )
            }),
        ),
        (
            "text in actielijn a as it was",
            Box::new(|| {
                site.edit(
                    "actielijn-a/01-02-samen.md",
                    "Samen, en nog, met",
                    "Samen met",
                )
            }),
        ),
        (
            "a draft's text",
            Box::new(|| site.edit("actielijn-a/04-concept.md", "Nog niet klaar", "Bijna klaar")),
        ),
        (
            "the draft published",
            Box::new(|| {
                site.edit(
                    "actielijn-a/04-concept.md",
                    "concept: true",
                    "concept: false",
                )
            }),
        ),
        (
            "a draft again",
            Box::new(|| {
                site.edit(
                    "actielijn-a/04-concept.md",
                    "concept: false",
                    "concept: true",
                )
            }),
        ),
        (
            "another number",
            Box::new(|| set("actielijn-a/01-02-samen.md", "nummer", "\"1/8\"")),
        ),
        (
            "the number back",
            Box::new(|| set("actielijn-a/01-02-samen.md", "nummer", "\"1/2\"")),
        ),
        (
            "title by rename",
            Box::new(|| {
                let text = site
                    .read("actielijn-b/05-doorlopend.md")
                    .replace("Iets dat doorloopt", "Iets anders");
                site.write_by_rename("actielijn-b/05-doorlopend.md", &text);
            }),
        ),
        (
            "action added",
            Box::new(|| site.write("actielijn-b/06-nieuw.md", &new_action)),
        ),
        (
            "action removed",
            Box::new(|| std::fs::remove_file(site.path("actielijn-b/06-nieuw.md")).unwrap()),
        ),
        (
            "a YAML comment only",
            Box::new(|| site.edit("actielijn-a/03-los.md", "---\n", "---\n# opmerking\n")),
        ),
        (
            "a reference to another actielijn",
            Box::new(|| {
                site.edit(
                    "actielijn-a/03-los.md",
                    "Klaar, zie",
                    "Zie ook [actie 5](#actie-5). Klaar, zie",
                )
            }),
        ),
        // The text with the reference does not change, its link does.
        (
            "the referenced action moved",
            Box::new(|| {
                std::fs::rename(
                    site.path("actielijn-b/05-doorlopend.md"),
                    site.path("actielijn-a/05-doorlopend.md"),
                )
                .unwrap()
            }),
        ),
        (
            "actielijn _index.md",
            Box::new(|| {
                set(
                    "actielijn-b/_index.md",
                    "titel",
                    "\"De tweede lijn, anders\"",
                )
            }),
        ),
        (
            "site _index.md",
            Box::new(|| site.edit("_index.md", "---\n", "---\n# opmerking\n")),
        ),
        // In every row of the CSV, and of no action's entry in the JSON.
        (
            "the programme's name",
            Box::new(|| set("_index.md", "programma", "\"Proefprogramma II\"")),
        ),
        (
            "a legend label (every action's status label)",
            Box::new(|| site.edit("_index.md", "label: \"In uitvoering\"", "label: \"Bezig\"")),
        ),
        // A hidden file changes nothing a walk finds: the folder is not
        // walked again for it, nor for the page saved beside it.
        (
            "a hidden file beside a saved page",
            Box::new(|| {
                site.write("actielijn-a/.notities.md", "geen pagina");
                site.edit("actielijn-a/03-los.md", "Klaar, zie", "Klaar (bijna), zie");
            }),
        ),
        // A new folder, and the same folder removed: walked again.
        (
            "a new actielijn with an action",
            Box::new(|| {
                std::fs::create_dir_all(site.path("actielijn-c")).unwrap();
                site.write(
                    "actielijn-c/_index.md",
                    "---\nnummer: 3\nkorte_titel: \"Derde lijn\"\ntitel: \"De derde actielijn\"\n---\n",
                );
                let actie = site
                    .read("actielijn-a/03-los.md")
                    .replace("nummer: 3", "nummer: 7");
                site.write("actielijn-c/07-derde.md", &actie);
            }),
        ),
        (
            "the new actielijn removed",
            Box::new(|| std::fs::remove_dir_all(site.path("actielijn-c")).unwrap()),
        ),
        (
            "a template of the site's own",
            Box::new(|| {
                let templates = site.root().join("templates");
                std::fs::create_dir_all(&templates).unwrap();
                std::fs::write(
                templates.join("index.html"),
                "{% extends \"base.html\" %}{% block inhoud %}<p>Eigen voorpagina</p>{% endblock inhoud %}",
            )
            .unwrap();
            }),
        ),
        (
            "the template changed",
            Box::new(|| {
                std::fs::write(
                site.root().join("templates/index.html"),
                "{% extends \"base.html\" %}{% block inhoud %}<p>Eigen voorpagina, anders</p>{% endblock inhoud %}",
            )
            .unwrap();
            }),
        ),
    ];
    for (step, edit) in &steps {
        edit();
        let generation = settled(&mut events);
        assert_serves_a_fresh_build(&server, &site, generation, step);
    }

    // Broken YAML: the last good pages stay, with the diagnostic; fixed,
    // the pages are those of a fresh build again.
    let good = site.read("actielijn-a/03-los.md");
    set("actielijn-a/03-los.md", "status", "[vertraging");
    settled(&mut events);
    let fout = server.get("/__bijlage/fout").text();
    assert!(fout.contains("03-los.md"), "{fout}");
    assert!(
        server
            .get("/actielijn-1.html")
            .text()
            .contains("role=\"alert\"")
    );
    site.write("actielijn-a/03-los.md", &good);
    let generation = settled(&mut events);
    assert_serves_a_fresh_build(&server, &site, generation, "YAML fixed");
    assert!(
        server
            .get("/__bijlage/fout")
            .text()
            .contains("Geen bouwfout")
    );
}

#[test]
fn the_open_data_made_of_parts_follows_every_save_also_when_asked_for_before() {
    // serve keeps `data/acties.json` and `data/acties.csv` as one part per
    // actielijn and puts a file together when it is first asked for; a
    // file asked for before a save must not be served as it was after it.
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let mut events = server.events();
    assert_eq!(events.next().0, "hallo");
    let data = ["data/acties.json", "data/acties.csv"];
    let served = |path: &str| {
        let reply = server.get(&format!("/{path}"));
        assert_eq!(reply.status, 200, "{path}\n{}", server.stderr());
        reply.body
    };
    let built = |path: &str| rendered(&site, true).remove(path).expect(path);
    for path in data {
        assert_eq!(served(path), built(path), "start: {path}");
    }

    // The text of an action of the first actielijn, then of the second (the
    // first one's part kept), then a comment only (both parts kept): each
    // file asked for before every save.
    site.edit("actielijn-a/03-los.md", "Klaar, zie", "Nieuw gemeld, zie");
    settled(&mut events);
    for path in data {
        let now = served(path);
        assert!(
            String::from_utf8_lossy(&now).contains("Nieuw gemeld"),
            "{path} after the save"
        );
        assert_eq!(now, built(path), "first actielijn: {path}");
    }
    site.edit(
        "actielijn-b/05-doorlopend.md",
        "Loopt door.",
        "Loopt nog door.",
    );
    settled(&mut events);
    for path in data {
        let now = served(path);
        assert!(String::from_utf8_lossy(&now).contains("Loopt nog door."));
        assert!(String::from_utf8_lossy(&now).contains("Nieuw gemeld"));
        assert_eq!(now, built(path), "second actielijn: {path}");
    }
    let before: Vec<Vec<u8>> = data.iter().map(|p| served(p)).collect();
    site.edit(
        "actielijn-b/05-doorlopend.md",
        "---\n",
        "---\n# opmerking\n",
    );
    settled(&mut events);
    for (path, before) in data.iter().zip(&before) {
        assert_eq!(&served(path), before, "a comment changes no data: {path}");
        assert_eq!(served(path), built(path), "after a comment: {path}");
    }

    // The start page lists the sizes of the files made of parts: after a
    // save that makes them longer, the listed sizes are those of the
    // files as built.
    site.edit(
        "actielijn-a/03-los.md",
        "Nieuw gemeld, zie",
        &format!("{}, zie", "Een veel langere tekst. ".repeat(60)),
    );
    let generation = settled(&mut events);
    let start = built("index.html");
    assert_eq!(
        without_additions(&server.get("/").text(), generation),
        String::from_utf8(start).unwrap()
    );
    for path in data {
        assert_eq!(served(path), built(path), "longer: {path}");
    }
}
