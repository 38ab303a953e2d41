//! The preview server against other programs on the editor's machine and
//! unlucky content (issue 14): DNS rebinding, drafts' sources, slow and
//! half-open connections, links out of the site, folders created later.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::serve::{PATIENCE, Server, Site};

#[test]
fn answers_only_requests_for_its_own_address_against_dns_rebinding() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let get = |host: &str| {
        server.raw(&format!(
            "GET /actielijn-1.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    };
    let port = server.addr.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        assert_eq!(get(&host).status, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "evil.example".to_string(),
    ] {
        let reply = get(&host);
        assert_eq!(reply.status, 421, "{host}");
        assert!(!reply.text().contains("Nog in concept"), "{host}");
    }
    let source = server.raw(&format!(
        "GET /__bijlage/bron/actielijn-a/03-los.md HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(source.status, 421);
}

#[test]
fn without_drafts_a_drafts_source_is_absent_too() {
    let site = Site::new();
    let server = Server::start(&site.content(), &["--no-drafts"]);
    assert_eq!(
        server.get("/__bijlage/bron/actielijn-a/03-los.md").status,
        200,
        "a published action's source is there"
    );
    let reply = server.get("/__bijlage/bron/actielijn-a/04-concept.md");
    assert_eq!(reply.status, 404);
    assert!(!reply.text().contains("concept: true"), "{}", reply.text());
}

#[test]
fn a_connection_that_never_sends_its_headers_is_closed_and_others_are_served() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    // Many connections that send half a request line and then nothing.
    let idle: Vec<TcpStream> = (0..1500)
        .map(|_| {
            let mut s = TcpStream::connect(server.addr).unwrap();
            s.write_all(b"GET / HT").unwrap();
            s
        })
        .collect();
    let start = Instant::now();
    assert_eq!(
        server.get("/").status,
        200,
        "served beside 1500 idle connections"
    );
    // The first idle one is closed by the server (read gives 0 bytes or an
    // error), well before a minute.
    let mut first = &idle[0];
    first
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut buf = [0u8; 256];
    let closed = match first.read(&mut buf) {
        Ok(n) => n == 0 || String::from_utf8_lossy(&buf[..n]).contains("408"),
        Err(err) => {
            err.kind() != std::io::ErrorKind::WouldBlock
                && err.kind() != std::io::ErrorKind::TimedOut
        }
    };
    assert!(closed, "a half-open connection stayed open");
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[cfg(unix)]
#[test]
fn a_link_to_the_root_in_the_content_neither_stops_nor_swamps_the_server() {
    let site = Site::new();
    std::os::unix::fs::symlink("/", site.content().join("actielijn-a/wortel")).unwrap();
    std::os::unix::fs::symlink("/usr", site.content().join("usr")).unwrap();
    let mut server = Server::start(&site.content(), &[]);
    // The build reports the links; the server keeps running and answers.
    assert!(server.is_running());
    let page = server.get("/").text();
    assert!(
        page.contains("link-buiten-site") || page.contains("buiten de site"),
        "{page}"
    );
    // Still watching: once the links are gone, the site builds.
    std::fs::remove_file(site.content().join("actielijn-a/wortel")).unwrap();
    std::fs::remove_file(site.content().join("usr")).unwrap();
    let deadline = Instant::now() + PATIENCE;
    while server.get("/").status != 200 {
        assert!(server.is_running());
        assert!(
            Instant::now() < deadline,
            "no rebuild after removing the links"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_templates_folder_created_after_the_start_is_picked_up() {
    let site = Site::new();
    let server = Server::start(&site.content(), &[]);
    let mut events = server.events();
    events.next();
    let templates = site.root().join("templates");
    std::fs::create_dir(&templates).unwrap();
    // Give the watcher a moment to add the new folder before the file lands.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        templates.join("index.html"),
        "{% extends \"base.html\" %}{% block inhoud %}<p>Later gemaakte voorpagina</p>{% endblock inhoud %}",
    )
    .unwrap();
    let deadline = Instant::now() + PATIENCE;
    loop {
        if server.get("/").text().contains("Later gemaakte voorpagina") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new templates/ was not picked up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
