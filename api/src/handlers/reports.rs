//! Reports with their provenance, their extraction issues and their text, line by line.

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{report, report_line};

use crate::error::ApiError;
use crate::params;
use crate::provenance::{original_url, parse_lines, MAX_SOURCE_SPAN};
use crate::read::reports::{self, ExtractionIssue, Report, ReportFilter};
use crate::respond::{next_page, respond, Page};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDetail {
    #[serde(flatten)]
    pub report: Report,
    pub issues: Vec<ExtractionIssue>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportQuery {
    /// Kecamatan code.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$")]
    pub kecamatan: Option<String>,
    /// Kabupaten code.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2})?$")]
    pub kabupaten: Option<String>,
    /// Report year.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// Include versions a newer report superseded (default false).
    #[param(value_type = Option<bool>)]
    pub include_superseded: Option<String>,
    /// Keyset cursor (a report id, from a `next` link).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 2147483647)]
    pub after: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// Loaded reports with their provenance: file, sha256, parser version, issues.
#[utoipa::path(
    tag = "reports", params(ReportQuery),
    responses(
        (status = 200, description = "Reports in id order", content((Page<Report> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/reports")]
pub async fn list_reports(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let kec = params::optional_code_at(
        "kecamatan",
        query.kecamatan.as_deref(),
        model::RegionLevel::Kecamatan,
    )?;
    let kab = params::optional_code_at(
        "kabupaten",
        query.kabupaten.as_deref(),
        model::RegionLevel::Kabupaten,
    )?;
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let all = params::boolean("include_superseded", query.include_superseded.as_deref())?
        .unwrap_or(false);
    let after = params::after_id(query.after.as_deref())?;
    let limit = params::limit(query.limit.as_deref())?;
    let filter = ReportFilter {
        kecamatan: kec.map(|k| k.to_string()),
        kabupaten: kab.map(|k| k.to_string()),
        tahun,
        include_superseded: all,
    };
    let (mut rows, total) = state
        .db(move |conn| {
            let total = reports::count(conn, &filter)?;
            Ok((
                reports::page(conn, &filter, after.unwrap_or(0), limit + 1)?,
                total,
            ))
        })
        .await?;
    let next = next_page(&req, &mut rows, limit, |r| r.id.to_string());
    respond(&req, &Page::new(rows, total, next))
}

fn not_found_report(id: i64) -> ApiError {
    ApiError::NotFound {
        what: "report",
        key: id.to_string(),
        suggestions: Vec::new(),
    }
}

fn report_id(raw: &str) -> Result<i64, ApiError> {
    params::path_id(raw, "report")
}

/// One report with every extraction issue.
#[utoipa::path(
    tag = "reports",
    params(("id" = i64, Path, description = "Report id", minimum = 1, maximum = 2147483647)),
    responses(
        crate::problems::Malformed,
        (status = 200, description = "The report", content((ReportDetail = "application/json"), (String = "text/csv"))),
        crate::problems::NotFound
    )
)]
#[get("/reports/{id}")]
pub async fn get_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = report_id(&id)?;
    let detail = state
        .db(move |conn| {
            let report = reports::get(conn, id)?.ok_or_else(|| not_found_report(id))?;
            let issues = reports::issues_of(conn, id)?;
            Ok(ReportDetail { report, issues })
        })
        .await?;
    respond(&req, &detail)
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SourceQuery {
    /// Line range, e.g. `120-140`; longer ranges are cut to their first 500 lines; default: the
    /// first 100 lines.
    #[param(value_type = Option<String>, pattern = "^(0*[1-9][0-9]{0,8}(-0*[1-9][0-9]{0,8})?)?$")]
    pub lines: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceLine {
    pub line: i32,
    /// The page of the original (PDF) this line is on; null for formats without pages.
    pub page: Option<u32>,
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Source {
    pub report_id: i64,
    pub file_name: String,
    pub sha256: String,
    pub from: i32,
    pub to: i32,
    /// Relative URL of the original file the lines were read from.
    pub original_url: String,
    /// The report's lines, as the text conversion has them.
    pub data: Vec<SourceLine>,
}

/// Lines of a report's text, to quote any figure back with its source.
#[utoipa::path(
    tag = "reports",
    params(("id" = i64, Path, description = "Report id", minimum = 1, maximum = 2147483647), SourceQuery),
    responses(
        (status = 200, description = "The lines asked for", content((Source = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/reports/{id}/source")]
pub async fn report_source(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<SourceQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = report_id(&id)?;
    let (from, to) =
        params::line_range(query.lines.as_deref(), MAX_SOURCE_SPAN)?.unwrap_or((1, 100));
    let source = state
        .db(move |conn| {
            let head: Option<(String, String, String)> = report::table
                .find(id)
                .select((report::file_name, report::sha256, report::page_starts))
                .first(conn)
                .optional()?;
            let (file_name, sha256, page_starts) = head.ok_or_else(|| not_found_report(id))?;
            let page_starts = parse_lines(&page_starts);
            let lines: Vec<(i32, String)> = report_line::table
                .filter(report_line::report_id.eq(id))
                .filter(report_line::line_no.between(from, to))
                .order(report_line::line_no)
                .select((report_line::line_no, report_line::text))
                .load(conn)?;
            Ok(Source {
                report_id: id,
                file_name,
                sha256,
                from,
                to,
                original_url: original_url(id),
                data: lines
                    .into_iter()
                    .map(|(line, text)| SourceLine {
                        line,
                        page: u32::try_from(line)
                            .ok()
                            .and_then(|l| model::extract::page_of(&page_starts, &[l])),
                        text,
                    })
                    .collect(),
            })
        })
        .await?;
    respond(&req, &source)
}
