//! Answering requests: a path to the file of the last good render (a page
//! rendered on its first request), the preview's own files under
//! `/__bijlage/`, the reload events.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, StreamExt};
use percent_encoding::percent_decode_str;

use super::good::make_one;
use super::overlay::{escape, failure_overlay, own_page};
use super::{App, PREFIX, Snapshot};

const LIVE_JS: &str = include_str!("live.js");
const SERVE_CSS: &str = include_str!("serve.css");

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

pub(super) fn response(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
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

pub(super) fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "json" | "javascript" | "xml");
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

pub(super) const HTML: &str = "text/html; charset=utf-8";

pub(super) fn not_found(snapshot: &Snapshot, path: &str) -> Response {
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

pub(super) fn events(app: &App) -> Response {
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

pub(super) async fn internal(app: &App, snapshot: Arc<Snapshot>, rest: &str) -> Response {
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

pub(super) async fn handle(State(app): State<Arc<App>>, method: Method, uri: Uri) -> Response {
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
    // A page not rendered since it changed is rendered now, once (a data
    // file made of parts, put together).
    let page = match slot.get() {
        Some(page) => page.clone(),
        None => {
            let at = path.clone();
            tokio::task::spawn_blocking(move || slot.get_or_init(|| make_one(&pages, &at)).clone())
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
#[cfg(test)]
mod tests {
    use super::*;

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
