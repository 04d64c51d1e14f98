//! The static dashboard, embedded at build time from `web/`, served at `/` with a strict
//! Content-Security-Policy: scripts and styles only from this origin, nothing inline.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::ApiError;
use crate::respond::with_etag;

include!(concat!(env!("OUT_DIR"), "/web_files.rs"));

/// The policy for every dashboard file. `frame-ancestors *` because charts are meant to be
/// embedded elsewhere (`?embed=1`); everything else comes from this origin only.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors *";

/// The reviewers' pages (login, queue) are never framed: a page that framed them could trick a
/// logged-in reviewer into clicking (clickjacking).
pub const REVIEW_CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'";

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn lookup(path: &str) -> Option<(&'static str, &'static [u8])> {
    WEB_FILES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(n, b)| (*n, *b))
}

/// `/` and every path that is not a file is the single-page app's `index.html`; files are served
/// as they are.
pub async fn serve_web(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let path = req.match_info().query("path").trim_start_matches('/');
    let (name, bytes) = match lookup(path) {
        Some(found) => found,
        // A missing file is a 404; any other path (`/kecamatan/33.13.11`) is a view of the app.
        None if content_type(path) != "application/octet-stream" => {
            return Err(ApiError::NoRoute(req.path().to_owned()))
        }
        None => lookup("index.html").ok_or_else(|| ApiError::NoRoute(req.path().to_owned()))?,
    };
    let mut response = with_etag(&req, bytes.to_vec(), content_type(name));
    let headers = response.headers_mut();
    let policy = if path == "review" || path.starts_with("review/") {
        REVIEW_CONTENT_SECURITY_POLICY
    } else {
        CONTENT_SECURITY_POLICY
    };
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(policy),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    headers.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    Ok(response)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/{path:.*}", web::get().to(serve_web));
}
