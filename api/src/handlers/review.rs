//! Review of flagged figures by reviewers of their region: the queue, and confirm / correct /
//! withhold (docs/security.md). Corrections are an overlay: the extracted value is kept.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use model::Exact;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::review::Action;

use crate::auth;
use crate::error::ApiError;
use crate::provenance::{parse_lines, parse_strings, Provenance, ReportRef};
use crate::read::figures::FigureReview;
use crate::respond::{respond, Page};
use crate::state::AppState;

/// A reviewer's decision on a figure.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// `confirm`, `correct` or `withhold`.
    #[schema(example = "correct", pattern = "^(confirm|correct|withhold)$")]
    pub action: String,
    /// For `correct`: the right figures, as decimals (`84.20`); at least one.
    #[schema(value_type = Option<String>, example = "80")]
    pub target: Option<String>,
    #[schema(value_type = Option<String>, example = "84.20")]
    pub realisasi: Option<String>,
    #[schema(value_type = Option<String>, example = "105.25")]
    pub capaian: Option<String>,
    /// Why; required for `correct` (where the right figure is from). Shown publicly, as text.
    #[serde(default)]
    pub note: String,
}

fn exact(name: &str, value: Option<&str>) -> Result<Option<Exact>, ApiError> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<Exact>().map_err(|_| {
                ApiError::bad(name, format!("`{v}` is not a decimal number like 84.20"))
            })
        })
        .transpose()
}

fn action_of(body: &ReviewRequest) -> Result<Action, ApiError> {
    match body.action.as_str() {
        "confirm" => Ok(Action::Confirm),
        "withhold" => Ok(Action::Withhold),
        "correct" => Ok(Action::Correct {
            target: exact("target", body.target.as_deref())?,
            realisasi: exact("realisasi", body.realisasi.as_deref())?,
            capaian: exact("capaian", body.capaian.as_deref())?,
        }),
        other => Err(ApiError::bad(
            "action",
            format!("`{other}` is not one of confirm, correct, withhold"),
        )),
    }
}

/// Confirm, correct or withhold a figure of the reviewer's region. The extracted value is
/// kept; the published one is the reviewed one, in the API, the rankings and the change log.
#[utoipa::path(
    tag = "review",
    params(("id" = i64, Path, description = "Figure id (`/api/v1/facts`)", minimum = 1, maximum = 2147483647)),
    request_body(content = ReviewRequest, content_type = "application/json"),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Reviewed; the figure's review as published", body = FigureReview),
        crate::problems::Malformed,
        crate::problems::Unauthenticated,
        crate::problems::Forbidden,
        crate::problems::NotFound,
        crate::problems::TooLarge,
        crate::problems::Unprocessable
    )
)]
#[post("/facts/{id}/review")]
pub async fn review_fact(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    const MAX_BODY: usize = 16 * 1024;
    crate::params::body_within(&body, MAX_BODY)?;
    let credentials = auth::Credentials::of(&req);
    let admin = state.settings.admin_token.clone();
    let id = crate::params::path_id(&id, "figure")?;
    let review = state
        .db_primary(move |conn| {
            // Who asks comes first: without valid credentials nothing about the body is said.
            let actor = credentials.actor_for_change(conn, admin.as_deref())?;
            let request: ReviewRequest = crate::params::json_body(&body)?;
            let action = action_of(&request)?;
            let review =
                warehouse::review::review_figure(conn, &actor, id, &action, &request.note)?;
            // The published figure changed: rankings and scores follow at once.
            analytics::refresh(conn)?;
            Ok((FigureReview::from(review), warehouse::data_version(conn)?))
        })
        .await?;
    let (review, version) = review;
    state.written(version);
    Ok(HttpResponse::Ok().json(review))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// At most this many figures (1–500, default 100).
    #[param(value_type = Option<String>, pattern = "^([1-9][0-9]?|[1-4][0-9]{2}|500)?$")]
    pub limit: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// A figure waiting for a reviewer.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedFigure {
    pub fact_id: i64,
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub tahun: i32,
    pub name: String,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
    /// `low`, `medium` or `high`.
    pub confidence: String,
    pub confidence_reasons: Vec<String>,
    pub flags: Vec<String>,
    /// Reviewed before, and queued again because a re-extraction changed it.
    pub requeued: bool,
    /// Open public reports saying the figure is wrong; the review of the figure resolves
    /// them (confirm → rejected, correct → corrected, withhold → confirmed).
    pub error_reports: Vec<QueuedErrorReport>,
    pub source: Provenance,
}

/// A public error report as its reviewers see it (with the reporter's contact, if given).
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedErrorReport {
    pub reference: String,
    pub message: String,
    pub contact: Option<String>,
    pub created_at: String,
}

/// The review queue of the calling account: the figures of its region's current reports that
/// the public reported as wrong, then flagged and low- or medium-confidence figures not yet
/// reviewed, worst first. A bearer token or the dashboard's session cookie.
#[utoipa::path(
    tag = "review", params(QueueQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Figures to review", content((Page<QueuedFigure> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::Unauthenticated
    )
)]
#[get("/review/queue")]
pub async fn review_queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, ApiError> {
    let limit = match query.limit.as_deref().filter(|l| !l.is_empty()) {
        None => 100,
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|l| (1..=500).contains(l))
            .ok_or_else(|| {
                ApiError::bad("limit", format!("`{raw}` is not a number from 1 to 500"))
            })?,
    };
    let credentials = auth::Credentials::of(&req);
    let admin = state.settings.admin_token.clone();
    let figures = state
        .db_primary(move |conn| {
            let actor = credentials.actor_for_read(conn, admin.as_deref())?;
            let items = warehouse::review::queue(conn, &actor, limit)?;
            let ids: Vec<i64> = items.iter().map(|i| i.fact_id).collect();
            let mut reports: std::collections::HashMap<i64, Vec<QueuedErrorReport>> =
                std::collections::HashMap::new();
            for r in warehouse::error_reports::open_of(conn, &ids)? {
                reports
                    .entry(r.fact_id)
                    .or_default()
                    .push(QueuedErrorReport {
                        reference: r.reference,
                        message: r.message,
                        contact: r.contact,
                        created_at: r.created_at,
                    });
            }
            Ok(items
                .into_iter()
                .map(|item| {
                    let reports = reports.remove(&item.fact_id).unwrap_or_default();
                    queued(item, reports)
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let total = i64::try_from(figures.len()).unwrap_or(i64::MAX);
    let mut response = respond(&req, &Page::new(figures, total, None))?;
    // Per account and changed by every review: never kept by a browser or a proxy.
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

fn queued(
    item: warehouse::review::QueueItem,
    error_reports: Vec<QueuedErrorReport>,
) -> QueuedFigure {
    let source = ReportRef {
        report_id: item.report_id,
        file: &item.file_name,
        sha256: &item.sha256,
        kecamatan: &item.kecamatan,
        kabupaten: &item.kabupaten,
        tahun: item.report_tahun,
        page_starts: &item.page_starts,
    }
    .provenance(parse_lines(&item.lines));
    QueuedFigure {
        fact_id: item.fact_id,
        kecamatan_code: item.kecamatan_code,
        kecamatan: item.kecamatan,
        kabupaten: item.kabupaten,
        tahun: item.tahun,
        name: item.name,
        target: item.target,
        realisasi: item.realisasi,
        capaian_reported: item.capaian_reported,
        capaian_computed: item.capaian_computed,
        confidence: item.confidence.unwrap_or_else(|| "high".to_owned()),
        confidence_reasons: parse_strings(&item.confidence_reasons),
        flags: parse_strings(&item.flags),
        requeued: item.requeued.unwrap_or(false),
        error_reports,
        source,
    }
}
