//! Confidence of the figures loaded before it was stored: the migration that added the columns
//! leaves those rows without one (NULL), and they are assessed here, in Rust (the table lives in
//! `model::confidence`), once, right after the migrations run. Facts and budget lines are
//! assessed from their stored flags; the budget total and the survey, which carry no flags, from
//! the report's stored issues whose lines they share.

use diesel::prelude::*;
use model::confidence::{assess_figure, from_flags, Assessment, Figure, ReportIssues};
use model::extract::{Issue, Severity};

use crate::connection::DbConnection;
use crate::rows::json_list;
use crate::schema::{budget_line, extraction_issue, indicator_fact, report, satisfaction_survey};

fn list<T: serde::de::DeserializeOwned>(json: &str) -> Vec<T> {
    serde_json::from_str(json).unwrap_or_default()
}

fn severity(s: &str) -> Severity {
    match s {
        "info" => Severity::Info,
        "error" => Severity::Error,
        _ => Severity::Warning,
    }
}

fn issues_of(conn: &mut DbConnection, report_id: i64) -> QueryResult<Vec<Issue>> {
    let rows: Vec<(String, String, String)> = extraction_issue::table
        .filter(extraction_issue::report_id.eq(report_id))
        .order(extraction_issue::position)
        .select((
            extraction_issue::code,
            extraction_issue::severity,
            extraction_issue::lines,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(code, s, lines)| Issue {
            code,
            severity: severity(&s),
            message: String::new(),
            lines: list(&lines),
            page: None,
        })
        .collect())
}

/// A figure without flags among its report's issues.
fn from_issues(conn: &mut DbConnection, report_id: i64, lines: &str) -> QueryResult<Assessment> {
    let issues = issues_of(conn, report_id)?;
    let lines: Vec<u32> = list(lines);
    let figure = Figure {
        lines: &lines,
        flags: &[],
        derived: Vec::new(),
        cross_checked: true,
    };
    Ok(assess_figure(
        &figure,
        &ReportIssues::unclaimed(&issues),
        None,
    ))
}

/// Assesses every stored figure without a confidence, in one transaction; returns how many it
/// assessed. Costs four indexed lookups when there are none (the partial indexes hold only
/// such rows).
pub fn assess_unassessed(conn: &mut DbConnection) -> QueryResult<usize> {
    let facts: Vec<(i64, String)> = indicator_fact::table
        .filter(indicator_fact::confidence.is_null())
        .select((indicator_fact::id, indicator_fact::flags))
        .load(conn)?;
    let lines: Vec<(i64, String)> = budget_line::table
        .filter(budget_line::confidence.is_null())
        .select((budget_line::id, budget_line::flags))
        .load(conn)?;
    let surveys: Vec<(i64, String)> = satisfaction_survey::table
        .filter(satisfaction_survey::confidence.is_null())
        .select((satisfaction_survey::report_id, satisfaction_survey::lines))
        .load(conn)?;
    let totals: Vec<(i64, String)> = report::table
        .filter(report::budget_confidence.is_null())
        .filter(report::budget_pagu.is_not_null())
        .select((report::id, report::budget_lines))
        .load(conn)?;
    let n = facts.len() + lines.len() + surveys.len() + totals.len();
    if n == 0 {
        return Ok(0);
    }
    conn.transaction(|conn| {
        for (id, flags) in &facts {
            let a = from_flags(&list::<String>(flags));
            diesel::update(indicator_fact::table.find(*id))
                .set((
                    indicator_fact::confidence.eq(a.confidence.as_str()),
                    indicator_fact::confidence_reasons.eq(json_list(&a.reasons)),
                ))
                .execute(conn)?;
        }
        for (id, flags) in &lines {
            let a = from_flags(&list::<String>(flags));
            diesel::update(budget_line::table.find(*id))
                .set((
                    budget_line::confidence.eq(a.confidence.as_str()),
                    budget_line::confidence_reasons.eq(json_list(&a.reasons)),
                ))
                .execute(conn)?;
        }
        for (report_id, figure_lines) in &surveys {
            let a = from_issues(conn, *report_id, figure_lines)?;
            diesel::update(satisfaction_survey::table.find(*report_id))
                .set((
                    satisfaction_survey::confidence.eq(a.confidence.as_str()),
                    satisfaction_survey::confidence_reasons.eq(json_list(&a.reasons)),
                ))
                .execute(conn)?;
        }
        for (report_id, figure_lines) in &totals {
            let a = from_issues(conn, *report_id, figure_lines)?;
            diesel::update(report::table.find(*report_id))
                .set((
                    report::budget_confidence.eq(a.confidence.as_str()),
                    report::budget_confidence_reasons.eq(json_list(&a.reasons)),
                ))
                .execute(conn)?;
        }
        tracing::info!(figures = n, "confidence derived for earlier loads");
        Ok(n)
    })
}
