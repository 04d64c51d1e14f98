//! Reports: their list rows with issue counts, and the head of a current report that every
//! figure's citation needs.

use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::{extraction_issue, kabupaten, kecamatan, report};
use warehouse::DbConnection;

use crate::provenance::ReportRef;
use crate::read::kecamatan::KecamatanSummary;

#[derive(Debug, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = report)]
pub struct Report {
    pub id: i64,
    pub kecamatan_code: String,
    #[diesel(select_expression = kecamatan::name)]
    pub kecamatan: String,
    #[diesel(select_expression = kabupaten::name)]
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
    #[diesel(select_expression = diesel::dsl::sql::<diesel::sql_types::BigInt>("CAST(0 AS BIGINT)"))]
    #[diesel(select_expression_type = diesel::expression::SqlLiteral<diesel::sql_types::BigInt>)]
    pub issues_error: i64,
    #[diesel(select_expression = diesel::dsl::sql::<diesel::sql_types::BigInt>("CAST(0 AS BIGINT)"))]
    #[diesel(select_expression_type = diesel::expression::SqlLiteral<diesel::sql_types::BigInt>)]
    pub issues_warning: i64,
    #[diesel(select_expression = diesel::dsl::sql::<diesel::sql_types::BigInt>("CAST(0 AS BIGINT)"))]
    #[diesel(select_expression_type = diesel::expression::SqlLiteral<diesel::sql_types::BigInt>)]
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

/// Which reports a list asks for.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub kecamatan: Option<String>,
    pub kabupaten: Option<String>,
    pub tahun: Option<i32>,
    /// Include reports a newer version of the same kecamatan-year replaced.
    pub include_superseded: bool,
}

/// The reports of a filter with their kecamatan and kabupaten; `filtered!` is shared by the
/// count and the page so both always mean the same reports.
macro_rules! filtered {
    ($filter:expr, $select:expr) => {{
        let filter: &ReportFilter = $filter;
        let mut q = report::table
            .inner_join(kecamatan::table.inner_join(kabupaten::table))
            .select($select)
            .into_boxed();
        if let Some(k) = &filter.kecamatan {
            q = q.filter(report::kecamatan_code.eq(k.clone()));
        }
        if let Some(k) = &filter.kabupaten {
            q = q.filter(kecamatan::kabupaten_code.eq(k.clone()));
        }
        if let Some(t) = filter.tahun {
            q = q.filter(report::tahun.eq(t));
        }
        if !filter.include_superseded {
            q = q.filter(report::superseded_by.is_null());
        }
        q
    }};
}

/// How many reports match a filter, over all pages.
pub fn count(conn: &mut DbConnection, filter: &ReportFilter) -> QueryResult<i64> {
    filtered!(filter, diesel::dsl::count_star()).get_result(conn)
}

/// A page of reports: ids above `after`, at most `limit`, in id order, with their issue counts.
pub fn page(
    conn: &mut DbConnection,
    filter: &ReportFilter,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<Report>> {
    let rows = filtered!(filter, Report::as_select())
        .filter(report::id.gt(after))
        .order(report::id)
        .limit(limit)
        .load(conn)?;
    with_issue_counts(conn, rows)
}

/// One report (current or superseded), with its issue counts.
pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Report>> {
    let filter = ReportFilter {
        include_superseded: true,
        ..ReportFilter::default()
    };
    let rows = filtered!(&filter, Report::as_select())
        .filter(report::id.eq(id))
        .load(conn)?;
    Ok(with_issue_counts(conn, rows)?.pop())
}

/// A report's extraction issues in the order the extractor raised them.
pub fn issues_of(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<ExtractionIssue>> {
    let rows: Vec<(String, String, String, String)> = extraction_issue::table
        .filter(extraction_issue::report_id.eq(id))
        .order(extraction_issue::position)
        .select((
            extraction_issue::code,
            extraction_issue::severity,
            extraction_issue::message,
            extraction_issue::lines,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(code, severity, message, lines)| ExtractionIssue {
            code,
            severity,
            message,
            lines: crate::provenance::parse_lines(&lines),
        })
        .collect())
}

/// Fills in how many issues of each severity each report has (one grouped query for the page).
fn with_issue_counts(conn: &mut DbConnection, mut rows: Vec<Report>) -> QueryResult<Vec<Report>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts: Vec<(i64, String, i64)> = extraction_issue::table
        .filter(extraction_issue::report_id.eq_any(ids))
        .group_by((extraction_issue::report_id, extraction_issue::severity))
        .select((
            extraction_issue::report_id,
            extraction_issue::severity,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    for (id, severity, n) in counts {
        if let Some(r) = rows.iter_mut().find(|r| r.id == id) {
            match severity.as_str() {
                "error" => r.issues_error = n,
                "warning" => r.issues_warning = n,
                _ => r.issues_info = n,
            }
        }
    }
    Ok(rows)
}

/// A current report of a kecamatan: what its figures' citations need.
#[derive(Queryable, Selectable)]
#[diesel(table_name = report)]
pub struct ReportHead {
    pub id: i64,
    pub tahun: i32,
    pub file_name: String,
    pub sha256: String,
    pub page_starts: String,
}

impl ReportHead {
    /// What a citation of this report of kecamatan `k` needs.
    pub fn cite_as<'a>(&'a self, k: &'a KecamatanSummary) -> ReportRef<'a> {
        ReportRef {
            report_id: self.id,
            file: &self.file_name,
            sha256: &self.sha256,
            kecamatan: &k.name,
            kabupaten: &k.kabupaten,
            tahun: self.tahun,
            page_starts: &self.page_starts,
        }
    }
}

/// The current reports of a kecamatan, newest first, optionally of one year; at most `limit`.
pub fn current_reports(
    conn: &mut DbConnection,
    code: &str,
    tahun: Option<i32>,
    limit: Option<i64>,
) -> QueryResult<Vec<ReportHead>> {
    let mut q = report::table
        .filter(report::kecamatan_code.eq(code.to_owned()))
        .filter(report::superseded_by.is_null())
        .order(report::tahun.desc())
        .select(ReportHead::as_select())
        .into_boxed();
    if let Some(t) = tahun {
        q = q.filter(report::tahun.eq(t));
    }
    if let Some(n) = limit {
        q = q.limit(n);
    }
    q.load(conn)
}
