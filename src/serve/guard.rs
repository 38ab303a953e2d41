//! What protects the preview from other programs on the editor's machine:
//!
//! - Only requests for the address it was started on are answered. A web
//!   page elsewhere can point its own host name at 127.0.0.1 (DNS
//!   rebinding) and then read the preview, drafts and sources included, as
//!   if same-origin; its requests carry that host name in `Host`. So `Host`
//!   must be a loopback name (`localhost`, `*.localhost`), an IP address
//!   (which no rebinding can forge), or absent (HTTP/1.0 tools).
//! - Connections are served by hyper with a bound on the time to send a
//!   request's headers (`HEADER_TIMEOUT`), so slow or half-open
//!   connections are closed. Each connection is a task, so thousands of
//!   idle ones take memory, not the other clients' turn; should they use up
//!   the file descriptors, accepting resumes as the timeouts close them.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};

/// The longest a client may take to send a request's headers.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Is `host` (the `Host` header, with or without port) one this server
/// answers to?
pub(crate) fn host_allowed(host: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:1111
        match rest.split_once(']') {
            Some((ip, _)) => return ip.parse::<std::net::Ipv6Addr>().is_ok(),
            None => return false,
        }
    } else {
        host.rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(host, |(name, _)| name)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// The answer for a request with a foreign `Host`, if it has one.
fn refuse(request: &Request<hyper::body::Incoming>) -> Option<Response<Body>> {
    let host = request.headers().get(header::HOST)?;
    let ok = host.to_str().is_ok_and(host_allowed);
    (!ok).then(|| {
        let mut answer = Response::new(Body::from(
            "deze preview antwoordt alleen op het adres waarop hij gestart is (localhost of een IP-adres)\n",
        ));
        *answer.status_mut() = StatusCode::MISDIRECTED_REQUEST;
        answer.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        answer
    })
}

/// Serves `router` on `listener` until the listener fails for good.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt as _;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: try again shortly,
                // the timeouts free places.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let router = router.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
                    let router = router.clone();
                    async move {
                        if let Some(answer) = refuse(&request) {
                            return Ok::<_, Infallible>(answer);
                        }
                        router.oneshot(request.map(Body::new)).await
                    }
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_loopback_names_and_addresses_only() {
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.:1111",
            "preview.localhost:80",
            "127.0.0.1:1111",
            "192.168.1.5:1111",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(host_allowed(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io:1111",
            "[::1",
            "",
        ] {
            assert!(!host_allowed(host), "{host}");
        }
    }
}
