//! Reads the rest of the system (and the tests) need from the warehouse.

use diesel::prelude::*;
use model::Exact;

use crate::connection::{DbConnection, MultiBackend};
use crate::schema::{
    budget_line, extraction_issue, indicator_fact, report, report_line, satisfaction_survey,
    village,
};
use crate::views::facts::FigureRow;
use crate::views::parts::{LoadedFile, ReportPlace};

#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct ReportRow {
    pub id: i64,
    #[diesel(embed)]
    pub place: ReportPlace,
    #[diesel(embed)]
    pub file: LoadedFile,
    pub superseded_by: Option<i64>,
    pub camat_nama: Option<String>,
    pub budget_pagu: Option<Exact>,
    pub budget_realisasi: Option<Exact>,
    pub budget_confidence: Option<String>,
}

pub fn report_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ReportRow>> {
    report::table
        .find(id)
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

/// Every version of a kecamatan-year, oldest first.
pub fn report_versions(
    conn: &mut DbConnection,
    kecamatan_code: &str,
    tahun: i32,
) -> QueryResult<Vec<ReportRow>> {
    report::table
        .filter(report::kecamatan_code.eq(kecamatan_code))
        .filter(report::tahun.eq(tahun))
        .order(report::id)
        .select(ReportRow::as_select())
        .load(conn)
}

/// The version queries see: the one nothing supersedes.
pub fn current_report(
    conn: &mut DbConnection,
    kecamatan_code: &str,
    tahun: i32,
) -> QueryResult<Option<ReportRow>> {
    report::table
        .filter(report::kecamatan_code.eq(kecamatan_code))
        .filter(report::tahun.eq(tahun))
        .filter(report::superseded_by.is_null())
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

/// The figures of one report, in report order.
pub fn facts_of_report(conn: &mut DbConnection, report_id: i64) -> QueryResult<Vec<FigureRow>> {
    indicator_fact::table
        .filter(indicator_fact::report_id.eq(report_id))
        .order(indicator_fact::position)
        .select(FigureRow::as_select())
        .load(conn)
}

/// Lines `from..=to` of a report's text, to quote a figure back with its source.
pub fn source_lines(
    conn: &mut DbConnection,
    report_id: i64,
    from: i32,
    to: i32,
) -> QueryResult<Vec<(i32, String)>> {
    report_line::table
        .filter(report_line::report_id.eq(report_id))
        .filter(report_line::line_no.between(from, to))
        .order(report_line::line_no)
        .select((report_line::line_no, report_line::text))
        .load(conn)
}

/// Row counts of the report tables: what a load added, for summaries and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableCounts {
    pub reports: i64,
    pub facts: i64,
    pub budget_lines: i64,
    pub villages: i64,
    pub surveys: i64,
    pub issues: i64,
    pub lines: i64,
}

pub fn table_counts(conn: &mut DbConnection) -> QueryResult<TableCounts> {
    Ok(TableCounts {
        reports: report::table.count().get_result(conn)?,
        facts: indicator_fact::table.count().get_result(conn)?,
        budget_lines: budget_line::table.count().get_result(conn)?,
        villages: village::table.count().get_result(conn)?,
        surveys: satisfaction_survey::table.count().get_result(conn)?,
        issues: extraction_issue::table.count().get_result(conn)?,
        lines: report_line::table.count().get_result(conn)?,
    })
}
