//! Reports with their provenance, their extraction issues and their text, line by line.

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{extraction_issue, kabupaten, kecamatan, report, report_line};
use warehouse::DbConnection;

use crate::error::ApiError;
use crate::params;
use crate::provenance::{original_url, parse_lines, MAX_SOURCE_SPAN};
use crate::respond::{next_link, respond, Page};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Report {
    pub id: i64,
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub tahun: i32,
    pub file_name: String,
    pub sha256: String,
    pub parser_version: String,
    /// When it was loaded (RFC 3339, UTC).
    pub loaded_at: String,
    /// The newer report of the same kecamatan and year that replaces this one; null when current.
    pub superseded_by: Option<i64>,
    pub line_count: i32,
    /// Extraction issues by severity.
    pub issues_error: i64,
    pub issues_warning: i64,
    pub issues_info: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExtractionIssue {
    /// Stable machine code, e.g. `capaian_mismatch`.
    pub code: String,
    /// `info`, `warning` or `error`.
    pub severity: String,
    pub message: String,
    pub lines: Vec<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDetail {
    #[serde(flatten)]
    pub report: Report,
    pub issues: Vec<ExtractionIssue>,
}

type ReportRowTuple = (
    i64,
    String,
    String,
    String,
    i32,
    String,
    String,
    String,
    String,
    Option<i64>,
    i32,
);

fn issue_counts(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String, i64)>> {
    extraction_issue::table
        .filter(extraction_issue::report_id.eq_any(ids.to_vec()))
        .group_by((extraction_issue::report_id, extraction_issue::severity))
        .select((
            extraction_issue::report_id,
            extraction_issue::severity,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

fn to_reports(conn: &mut DbConnection, rows: Vec<ReportRowTuple>) -> QueryResult<Vec<Report>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let counts = issue_counts(conn, &ids)?;
    let count = |id: i64, severity: &str| {
        counts
            .iter()
            .find(|(r, s, _)| *r == id && s == severity)
            .map_or(0, |c| c.2)
    };
    Ok(rows
        .into_iter()
        .map(|r| Report {
            issues_error: count(r.0, "error"),
            issues_warning: count(r.0, "warning"),
            issues_info: count(r.0, "info"),
            id: r.0,
            kecamatan_code: r.1,
            kecamatan: r.2,
            kabupaten: r.3,
            tahun: r.4,
            file_name: r.5,
            sha256: r.6,
            parser_version: r.7,
            loaded_at: r.8,
            superseded_by: r.9,
            line_count: r.10,
        })
        .collect())
}

macro_rules! report_query {
    () => {
        report::table
            .inner_join(kecamatan::table.inner_join(kabupaten::table))
            .select((
                report::id,
                report::kecamatan_code,
                kecamatan::name,
                kabupaten::name,
                report::tahun,
                report::file_name,
                report::sha256,
                report::parser_version,
                report::loaded_at,
                report::superseded_by,
                report::line_count,
            ))
    };
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
    let (rows, total) = state
        .db(move |conn| {
            macro_rules! filtered {
                ($base:expr) => {{
                    let mut q = $base.into_boxed();
                    if let Some(k) = &kec {
                        q = q.filter(report::kecamatan_code.eq(k.to_string()));
                    }
                    if let Some(k) = &kab {
                        q = q.filter(kecamatan::kabupaten_code.eq(k.to_string()));
                    }
                    if let Some(t) = tahun {
                        q = q.filter(report::tahun.eq(t));
                    }
                    if !all {
                        q = q.filter(report::superseded_by.is_null());
                    }
                    q
                }};
            }
            let total: i64 = filtered!(report::table
                .inner_join(kecamatan::table.inner_join(kabupaten::table))
                .select(diesel::dsl::count_star()))
            .get_result(conn)?;
            let rows: Vec<ReportRowTuple> = filtered!(report_query!())
                .filter(report::id.gt(after.unwrap_or(0)))
                .order(report::id)
                .limit(limit)
                .load(conn)?;
            Ok((to_reports(conn, rows)?, total))
        })
        .await?;
    let next = next_link(
        &req,
        rows.len(),
        limit,
        rows.last().map(|r| r.id.to_string()),
    );
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
            let row: Option<ReportRowTuple> = report_query!()
                .filter(report::id.eq(id))
                .first(conn)
                .optional()?;
            let row = row.ok_or_else(|| not_found_report(id))?;
            let report = to_reports(conn, vec![row])?
                .into_iter()
                .next()
                .ok_or_else(|| not_found_report(id))?;
            let issues: Vec<(String, String, String, String)> = extraction_issue::table
                .filter(extraction_issue::report_id.eq(id))
                .order(extraction_issue::position)
                .select((
                    extraction_issue::code,
                    extraction_issue::severity,
                    extraction_issue::message,
                    extraction_issue::lines,
                ))
                .load(conn)?;
            Ok(ReportDetail {
                report,
                issues: issues
                    .into_iter()
                    .map(|(code, severity, message, lines)| ExtractionIssue {
                        code,
                        severity,
                        message,
                        lines: parse_lines(&lines),
                    })
                    .collect(),
            })
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

/// A page of every report, superseded versions included, in id order (the bulk export).
pub(crate) fn report_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<Report>, ApiError> {
    let rows: Vec<ReportRowTuple> = report_query!()
        .filter(report::id.gt(after))
        .order(report::id)
        .limit(limit)
        .load(conn)?;
    Ok(to_reports(conn, rows)?)
}
