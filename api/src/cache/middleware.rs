//! The middleware in front of the API's GET endpoints: a 304 for a current ETag, the kept answer
//! for a repeat, otherwise the handler's answer, kept for next time.

use actix_web::body::{self, BodySize, BoxBody, MessageBody as _};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage as _, HttpResponse};

use super::{AnswerKey, CachedAnswer, LARGEST_CACHED};
use crate::respond::{format_of, Format, VersionEtag};
use crate::state::AppState;

const CACHE_CONTROL: &str = "public, max-age=60";
const VARY: &str = "Accept, Accept-Encoding";

/// Whether answers of this path are cached: the API's public JSON/CSV resources, not the
/// streamed bulk exports (too large, and already cheap per byte), the admin upload, nor what
/// is per person or changes without a new data version: the review queue, the session, the
/// status of error reports.
fn cacheable(method: &Method, path: &str) -> bool {
    method == Method::GET
        && path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/exports/")
        && !path.starts_with("/api/v1/review")
        && !path.starts_with("/api/v1/session")
        && !path.starts_with("/api/v1/error-reports")
}

/// `Cache-Control: no-cache` from the client: answer afresh (the answer is still kept).
fn wants_fresh(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-cache"))
}

fn etag_matches(req: &ServiceRequest, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

/// The data version, read from the database when the known one is over a second old.
async fn current_version(state: &AppState) -> Option<warehouse::DataVersion> {
    if state.cache.version.claim_check() {
        let pool = state.reads.clone();
        let read = web::block(move || {
            let mut conn = pool.get().ok()?;
            warehouse::data_version(&mut conn).ok()
        })
        .await
        .ok()
        .flatten();
        match read {
            Some(version) => state.cache.record_version(version),
            None => state.cache.version.give_up(),
        }
    }
    state.cache.version.known()
}

fn headers_of(response: &mut actix_web::HttpResponseBuilder, etag: &str) {
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .insert_header((header::VARY, VARY));
}

/// The cache middleware (`actix_web::middleware::from_fn`).
pub async fn answer_from_cache(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next.call(req).await;
    };
    if !cacheable(req.method(), req.path()) {
        return next.call(req).await;
    }
    // A malformed `format` is the handler's to answer (a 400), and is not cached.
    let Ok(format) = format_of(req.request()) else {
        return next.call(req).await;
    };
    let Some(version) = current_version(&state).await else {
        return next.call(req).await;
    };
    let key = AnswerKey {
        version,
        csv: format == Format::Csv,
        url: req
            .uri()
            .path_and_query()
            .map_or_else(|| req.path().to_owned(), |pq| pq.as_str().to_owned()),
    };
    let etag = key.etag();
    if etag_matches(&req, &etag) {
        let mut response = HttpResponse::NotModified();
        headers_of(&mut response, &etag);
        return Ok(req.into_response(response.finish()));
    }
    if !wants_fresh(&req) {
        if let Some(kept) = state.cache.get(&key) {
            let mut response = HttpResponse::Ok();
            headers_of(&mut response, &kept.etag);
            response.insert_header(("x-cache", "hit"));
            let response = response.content_type(kept.content_type).body(kept.body);
            return Ok(req.into_response(response));
        }
    }
    req.extensions_mut().insert(VersionEtag(etag.clone()));
    let response = next.call(req).await?;
    keep_answer(&state, key, etag, response).await
}

/// Keeps a 200 answer of known, modest size and gives it the version-derived ETag.
async fn keep_answer(
    state: &AppState,
    key: AnswerKey,
    etag: String,
    response: ServiceResponse<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let small = matches!(response.response().body().size(), BodySize::Sized(n) if n <= LARGEST_CACHED as u64);
    if response.status() != StatusCode::OK || !small {
        return Ok(response);
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_owned();
    let (req, res) = response.into_parts();
    let (res, body) = res.into_parts();
    let bytes = body::to_bytes(body)
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))?;
    let mut res = res.set_body(BoxBody::new(bytes.clone()));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        res.headers_mut().insert(header::ETAG, value);
    }
    res.headers_mut().insert(
        header::HeaderName::from_static("x-cache"),
        HeaderValue::from_static("miss"),
    );
    state.cache.put(
        key,
        CachedAnswer {
            content_type,
            etag,
            body: bytes,
        },
    );
    Ok(ServiceResponse::new(req, res).map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_api_gets_outside_the_bulk_exports_are_cached() {
        assert!(cacheable(&Method::GET, "/api/v1/rankings/ikm"));
        assert!(cacheable(&Method::GET, "/api/v1/exports"));
        assert!(!cacheable(&Method::GET, "/api/v1/exports/facts.csv"));
        assert!(!cacheable(&Method::POST, "/api/v1/reports"));
        assert!(!cacheable(&Method::GET, "/healthz"));
        assert!(!cacheable(&Method::GET, "/metrics"));
        assert!(!cacheable(&Method::GET, "/api/v1/session"));
        assert!(!cacheable(
            &Method::GET,
            "/api/v1/error-reports/LK-0000000000"
        ));
    }
}
