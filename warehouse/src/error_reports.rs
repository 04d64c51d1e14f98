//! Public reports of a wrong figure (`error_report`): sent without an account, queued for the
//! reviewers of the figure's kecamatan, and resolved by the review of that figure.

use diesel::prelude::*;

use crate::connection::DbConnection;
use crate::review::Actor;
use crate::schema::{error_report, indicator_fact, kecamatan, report};

/// Longest message and contact kept (characters).
pub const MAX_MESSAGE: usize = 2000;
pub const MAX_CONTACT: usize = 200;
/// Shortest message that says something ("angka salah" is 11).
pub const MIN_MESSAGE: usize = 10;

/// What a reporter sees of a report, and what reviewers see (`contact` for them only).
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = error_report)]
pub struct ErrorReport {
    pub reference: String,
    pub fact_id: i64,
    pub kecamatan_code: String,
    pub message: String,
    pub contact: Option<String>,
    pub status: String,
    pub resolution_note: String,
    pub resolved_role: Option<String>,
    pub resolved_region: Option<String>,
    pub resolved_at: Option<String>,
    pub created_at: String,
}

/// A report with the figure it is about, for its public status page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportStatus {
    pub report: ErrorReport,
    pub figure: Option<String>,
    pub tahun: Option<i32>,
    pub kecamatan: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ErrorReportError {
    #[error("no indicator figure {0}")]
    NoFigure(i64),
    #[error("figure {0} is of a superseded report; report the figure of the current one")]
    Superseded(i64),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Stores a report about figure `fact_id` under `reference` (made by the caller, random).
pub fn submit(
    conn: &mut DbConnection,
    fact_id: i64,
    message: &str,
    contact: Option<&str>,
    reference: &str,
) -> Result<ErrorReport, ErrorReportError> {
    // Lengths as sent (what the API's schema states); stored without outer blanks.
    let chars = message.chars().count();
    let message = message.trim();
    if message.is_empty() {
        return Err(ErrorReportError::Invalid("say what is wrong".to_owned()));
    }
    if chars < MIN_MESSAGE {
        return Err(ErrorReportError::Invalid(format!(
            "say what is wrong in at least {MIN_MESSAGE} characters"
        )));
    }
    if chars > MAX_MESSAGE {
        return Err(ErrorReportError::Invalid(format!(
            "the message is longer than {MAX_MESSAGE} characters"
        )));
    }
    if contact.is_some_and(|c| c.chars().count() > MAX_CONTACT) {
        return Err(ErrorReportError::Invalid(format!(
            "the contact is longer than {MAX_CONTACT} characters"
        )));
    }
    let contact = contact.map(str::trim).filter(|c| !c.is_empty());
    conn.transaction(|conn| {
        let (kecamatan_code, superseded_by): (String, Option<i64>) = indicator_fact::table
            .inner_join(report::table)
            .filter(indicator_fact::id.eq(fact_id))
            .select((report::kecamatan_code, report::superseded_by))
            .first(conn)
            .optional()?
            .ok_or(ErrorReportError::NoFigure(fact_id))?;
        if superseded_by.is_some() {
            return Err(ErrorReportError::Superseded(fact_id));
        }
        let now = crate::load::now_rfc3339();
        diesel::insert_into(error_report::table)
            .values((
                error_report::reference.eq(reference),
                error_report::fact_id.eq(fact_id),
                error_report::kecamatan_code.eq(&kecamatan_code),
                error_report::message.eq(message),
                error_report::contact.eq(contact),
                error_report::created_at.eq(&now),
            ))
            .execute(conn)?;
        crate::review::audit_as(
            conn,
            "public",
            "error_report.submitted",
            &format!("error_report:{reference}"),
            &serde_json::json!({ "fact_id": fact_id, "kecamatan": kecamatan_code }),
        )?;
        Ok(error_report::table
            .filter(error_report::reference.eq(reference))
            .select(ErrorReport::as_select())
            .first(conn)?)
    })
}

/// A report by its reference, with the figure it is about.
pub fn status(conn: &mut DbConnection, reference: &str) -> QueryResult<Option<ReportStatus>> {
    let Some(report) = error_report::table
        .filter(error_report::reference.eq(reference))
        .select(ErrorReport::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let figure: Option<(String, i32)> = indicator_fact::table
        .find(report.fact_id)
        .select((indicator_fact::raw_name, indicator_fact::tahun))
        .first(conn)
        .optional()?;
    let kecamatan: Option<String> = kecamatan::table
        .find(&report.kecamatan_code)
        .select(kecamatan::name)
        .first(conn)
        .optional()?;
    Ok(Some(ReportStatus {
        figure: figure.as_ref().map(|f| f.0.clone()),
        tahun: figure.map(|f| f.1),
        kecamatan,
        report,
    }))
}

/// The open reports about these figures, oldest first.
pub fn open_of(conn: &mut DbConnection, fact_ids: &[i64]) -> QueryResult<Vec<ErrorReport>> {
    if fact_ids.is_empty() {
        return Ok(Vec::new());
    }
    error_report::table
        .filter(error_report::fact_id.eq_any(fact_ids))
        .filter(error_report::status.eq("open"))
        .order(error_report::id)
        .select(ErrorReport::as_select())
        .load(conn)
}

/// What a review of the figure means for the open reports about it: a confirmed figure was
/// right (`rejected`), a corrected one was wrong and is mended (`corrected`), a withheld one was
/// wrong and is taken down (`confirmed`).
pub fn outcome_of_review(review_status: &str) -> &'static str {
    match review_status {
        "corrected" => "corrected",
        "withheld" => "confirmed",
        _ => "rejected",
    }
}

/// Resolves the open reports about figure `fact_id` with the review just made; how many.
pub fn resolve_with_review(
    conn: &mut DbConnection,
    actor: &Actor,
    fact_id: i64,
    review_status: &str,
    note: &str,
    at: &str,
) -> QueryResult<usize> {
    diesel::update(
        error_report::table
            .filter(error_report::fact_id.eq(fact_id))
            .filter(error_report::status.eq("open")),
    )
    .set((
        error_report::status.eq(outcome_of_review(review_status)),
        error_report::resolution_note.eq(note),
        error_report::resolved_role.eq(actor.role.as_str()),
        error_report::resolved_region.eq(actor.region.clone()),
        error_report::resolved_at.eq(at),
    ))
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_resolves_reports_by_what_it_found() {
        assert_eq!(outcome_of_review("confirmed"), "rejected");
        assert_eq!(outcome_of_review("corrected"), "corrected");
        assert_eq!(outcome_of_review("withheld"), "confirmed");
    }
}
