//! Admin upload: a report file (PDF, DOCX or text) in, read, extracted, loaded and answered with
//! its issues.

use actix_web::{post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::LoadOutcome;

use crate::error::ApiError;
use crate::read::reports::ExtractionIssue;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct UploadQuery {
    /// The report's file name, kept as its provenance (default `upload.txt`).
    pub file_name: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UploadResult {
    /// `loaded`, `unchanged` or `superseded`.
    pub outcome: &'static str,
    pub report_id: i64,
    /// Reports this one replaced.
    pub superseded: Vec<i64>,
    /// The kecamatan's official code, the key of `/api/v1/kecamatan/{code}`.
    #[schema(example = "33.13.01")]
    pub kecamatan_code: Option<String>,
    /// The kecamatan's name as the report prints it (the official name is under its code).
    pub kecamatan: Option<String>,
    /// The kabupaten's name as the report prints it, e.g. `Karanganyar` for the official
    /// `Kabupaten Karanganyar`.
    pub kabupaten: Option<String>,
    pub tahun: Option<u16>,
    /// What the extractor noticed: disagreements inside the report, unreadable numbers.
    pub issues: Vec<ExtractionIssue>,
}

/// Upload a report (PDF, DOCX or text); it is read, extracted, loaded and the analytics
/// refreshed. The format is told by the body's bytes, whatever the content type says.
#[utoipa::path(
    tag = "reports", params(UploadQuery),
    request_body(
        description = "The report file as it is published: PDF, DOCX, or text (plain, markdown, HTML)",
        content(
            (String = "application/pdf"),
            (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (String = "application/octet-stream"),
            (String = "text/plain")
        )
    ),
    security(("bearer" = [])),
    responses(
        crate::problems::Malformed,
        (status = 201, description = "Loaded (or superseded an older version)", body = UploadResult),
        (status = 200, description = "This very file was loaded before; nothing changed", body = UploadResult),
        crate::problems::Unauthenticated,
        crate::problems::NotFound,
        crate::problems::TooLarge,
        crate::problems::Unprocessable,
        crate::problems::RateLimited
    )
)]
#[post("/reports")]
pub async fn upload_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<UploadQuery>,
    mut payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let Some(token) = state.settings.admin_token.clone() else {
        return Err(ApiError::UploadsDisabled);
    };
    if !crate::auth::bearer(&req)
        .is_some_and(|given| crate::auth::is_admin_token(&given, Some(&token)))
    {
        return Err(ApiError::Unauthorized);
    }
    if !state.uploads.try_acquire() {
        return Err(ApiError::TooManyRequests {
            what: "uploads",
            retry_after: 60,
        });
    }
    let limit = state.settings.max_upload_bytes;
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::bad("body", e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    let file_name = query
        .file_name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "upload.txt".to_owned());
    let bytes = body.freeze();
    let result = state
        .db_primary(move |conn| {
            // Nothing is loaded from a document that cannot be read whole.
            let ingest::ExtractedFile { extract, text } = ingest::extract_file(&file_name, &bytes)
                .map_err(|e| ApiError::UnreadableDocument {
                    code: e.code(),
                    detail: format!("{file_name}: {e}"),
                })?;
            if ingest::is_unusable(&extract) {
                let reasons: Vec<&str> =
                    extract.issues.iter().map(|i| i.message.as_str()).collect();
                return Err(ApiError::Unprocessable(format!(
                    "not loaded: {}",
                    reasons.join("; ")
                )));
            }
            let outcome = warehouse::load_document(
                conn,
                &extract,
                warehouse::ReportFile::document(&text, &bytes),
            )?;
            // Rankings and scores follow the warehouse.
            if !matches!(outcome, LoadOutcome::Unchanged { .. }) {
                analytics::refresh(conn)?;
            }
            let version = warehouse::data_version(conn)?;
            let code = warehouse::queries::report_by_id(conn, outcome.report_id())?
                .map(|r| r.place.kecamatan_code);
            Ok((outcome, extract, version, code))
        })
        .await?;
    let (outcome, extract, version, kecamatan_code) = result;
    state.written(version);
    state.metrics.report_uploaded();
    let (label, superseded) = match &outcome {
        LoadOutcome::Loaded { .. } => ("loaded", Vec::new()),
        LoadOutcome::Unchanged { .. } => ("unchanged", Vec::new()),
        LoadOutcome::Superseded { previous, .. } => ("superseded", previous.clone()),
    };
    let answer = UploadResult {
        outcome: label,
        report_id: outcome.report_id(),
        superseded,
        kecamatan_code,
        kecamatan: extract.report.kecamatan.clone(),
        kabupaten: extract.report.kabupaten.clone(),
        tahun: extract.report.tahun.map(|y| y.get()),
        issues: extract
            .issues
            .iter()
            .map(|i| ExtractionIssue {
                code: i.code.clone(),
                severity: i.severity.as_str().to_owned(),
                message: i.message.clone(),
                lines: i.lines.clone(),
            })
            .collect(),
    };
    Ok(match outcome {
        LoadOutcome::Unchanged { .. } => HttpResponse::Ok().json(answer),
        _ => HttpResponse::Created().json(answer),
    })
}
