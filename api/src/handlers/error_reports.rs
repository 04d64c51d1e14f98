//! "Laporkan kesalahan / Report an error": anyone reports a wrong figure without an account;
//! the report lands in the review queue of the figure's kecamatan and has a public status
//! page under its reference (docs/security.md).

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use warehouse::error_reports::{self, ReportStatus};

use crate::error::ApiError;
use crate::state::AppState;

const MAX_BODY: usize = 8 * 1024;
/// Crockford's base32: no I, L, O, U, so a reference read aloud or retyped stays right.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const REFERENCE_LEN: usize = 10;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorReportRequest {
    /// The figure (`fact_id` of `/api/v1/kecamatan/{code}/indicators` or `id` of `/api/v1/facts`).
    #[schema(value_type = i64, example = 12, minimum = 1)]
    pub fact_id: serde_json::Number,
    /// What is wrong (10–2000 characters), e.g. where the right figure is printed. Public on
    /// the report's status page.
    #[schema(
        example = "Realisasi di halaman 14 tertulis 84,20, bukan 83,20",
        min_length = 10,
        max_length = 2000,
        pattern = "\\S"
    )]
    pub message: String,
    /// How a reviewer may reach you (at most 200 characters); shown to reviewers only.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub contact: Option<String>,
    /// Leave empty: a field people never see, filled only by spam robots.
    #[serde(default)]
    #[schema(max_length = 0)]
    pub website: Option<String>,
}

/// A report's public status: never the reporter's contact.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorReportStatus {
    #[schema(example = "LK-7Q4M2X9KDA")]
    pub reference: String,
    /// `open`, `confirmed` (the figure was wrong and is withheld), `corrected` or `rejected`
    /// (the figure is right).
    #[schema(example = "open")]
    pub status: String,
    pub fact_id: i64,
    pub figure: Option<String>,
    pub tahun: Option<i32>,
    pub kecamatan_code: String,
    pub kecamatan: Option<String>,
    pub message: String,
    pub created_at: String,
    /// The reviewer's note (text, never HTML); null while open or when the reviewer wrote none.
    pub resolution_note: Option<String>,
    /// `admin` or `reviewer`, and the region the reviewer reviews.
    pub resolved_by_role: Option<String>,
    pub resolved_by_region: Option<String>,
    pub resolved_at: Option<String>,
    /// This status, as JSON.
    #[schema(example = "/api/v1/error-reports/LK-7Q4M2X9KDA")]
    pub status_url: String,
    /// The dashboard's status page.
    #[schema(example = "/laporan/LK-7Q4M2X9KDA")]
    pub page_url: String,
}

impl From<ReportStatus> for ErrorReportStatus {
    fn from(s: ReportStatus) -> Self {
        let r = s.report;
        ErrorReportStatus {
            status_url: format!("/api/v1/error-reports/{}", r.reference),
            page_url: format!("/laporan/{}", r.reference),
            reference: r.reference,
            status: r.status,
            fact_id: r.fact_id,
            figure: s.figure,
            tahun: s.tahun,
            kecamatan_code: r.kecamatan_code,
            kecamatan: s.kecamatan,
            message: r.message,
            created_at: r.created_at,
            resolution_note: Some(r.resolution_note).filter(|n| !n.trim().is_empty()),
            resolved_by_role: r.resolved_role,
            resolved_by_region: r.resolved_region,
            resolved_at: r.resolved_at,
        }
    }
}

/// A new random reference, `LK-` and ten base32 characters (50 bits).
fn new_reference() -> String {
    let mut bytes = [0u8; REFERENCE_LEN];
    OsRng.fill_bytes(&mut bytes);
    let code: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    format!("LK-{code}")
}

/// A JSON number that is a whole number: `12`, and `12.0` as JSON allows it to be written.
fn whole_number(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        let f = n.as_f64()?;
        // Below 2^53 every whole f64 is exact.
        (f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0).then_some(f as i64)
    })
}

fn is_reference(raw: &str) -> bool {
    raw.len() == REFERENCE_LEN + 3
        && raw.starts_with("LK-")
        && raw.bytes().skip(3).all(|b| ALPHABET.contains(&b))
}

/// Reports a wrong figure. No account needed; each client may send a few per hour.
#[utoipa::path(
    tag = "error-reports",
    request_body(content = ErrorReportRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Received: its reference and public status", body = ErrorReportStatus,
            headers(("Location" = String, description = "The status URL"))),
        crate::problems::Malformed,
        crate::problems::NotFound,
        crate::problems::TooLarge,
        crate::problems::Unprocessable,
        crate::problems::RateLimited
    )
)]
#[post("/error-reports")]
pub async fn submit_error_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    crate::params::body_within(&body, MAX_BODY)?;
    let request: ErrorReportRequest = crate::params::json_body(&body)?;
    if request
        .website
        .as_deref()
        .is_some_and(|w| !w.trim().is_empty())
    {
        return Err(ApiError::bad("website", "this field must stay empty"));
    }
    let fact_id = whole_number(&request.fact_id)
        .filter(|id| *id >= 1)
        .ok_or_else(|| ApiError::bad("fact_id", "a figure id is a whole number from 1"))?;
    crate::client::take_budget(
        &state.error_reports,
        &req,
        state.settings.trust_forwarded,
        "error reports from this address",
    )?;
    let status = state
        .db_primary(move |conn| {
            let reference = new_reference();
            error_reports::submit(
                conn,
                fact_id,
                &request.message,
                request.contact.as_deref(),
                &reference,
            )?;
            error_reports::status(conn, &reference)?
                .ok_or_else(|| ApiError::Internal(format!("report {reference} not stored")))
        })
        .await?;
    let status = ErrorReportStatus::from(status);
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, status.status_url.clone()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(status))
}

/// The public status of an error report, by its reference.
#[utoipa::path(
    tag = "error-reports",
    params(("reference" = String, Path, description = "The reference given when reporting", pattern = "^LK-[0-9A-HJKMNP-TV-Z]{10}$")),
    responses(
        (status = 200, description = "The report's status", body = ErrorReportStatus),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/error-reports/{reference}")]
pub async fn error_report_status(
    state: web::Data<AppState>,
    reference: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference.into_inner().to_ascii_uppercase();
    if !is_reference(&reference) {
        return Err(ApiError::bad(
            "reference",
            format!("`{reference}` is not a reference like LK-7Q4M2X9KDA"),
        ));
    }
    let key = reference.clone();
    let status = state
        .db(move |conn| Ok(error_reports::status(conn, &key)?))
        .await?
        .ok_or(ApiError::NotFound {
            what: "error report",
            key: reference,
            suggestions: Vec::new(),
        })?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(ErrorReportStatus::from(status)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_random_and_recognised() {
        let (a, b) = (new_reference(), new_reference());
        assert_ne!(a, b);
        assert!(is_reference(&a) && is_reference(&b), "{a} {b}");
        assert!(!is_reference("LK-7Q4M2X9KD"), "too short");
        assert!(!is_reference("LK-7Q4M2X9KDI"), "I is not in the alphabet");
        assert!(!is_reference("XX-7Q4M2X9KDA"));
    }

    #[test]
    fn a_figure_id_may_be_written_as_a_whole_float() {
        let n = |s: &str| s.parse::<serde_json::Number>().ok();
        assert_eq!(n("12").as_ref().and_then(whole_number), Some(12));
        assert_eq!(
            n("15155769480.0").as_ref().and_then(whole_number),
            Some(15_155_769_480)
        );
        assert_eq!(n("12.5").as_ref().and_then(whole_number), None);
    }
}
