//! Report quality grades from the analytics snapshot, by report.

use std::collections::HashMap;

use diesel::prelude::*;
use warehouse::schema_analytics::report_quality;
use warehouse::DbConnection;

/// Quality grades of the given reports (for rankings and scores).
pub(crate) fn grades_of(
    conn: &mut DbConnection,
    report_ids: Vec<i64>,
) -> QueryResult<HashMap<i64, String>> {
    Ok(report_quality::table
        .filter(report_quality::report_id.eq_any(report_ids))
        .select((report_quality::report_id, report_quality::grade))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}
