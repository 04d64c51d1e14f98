//! Counts per current report for the data-quality grade, aggregated by the database: the
//! figures (indicator facts and budget lines), those carrying extraction flags, and the
//! goal-level indicators of the report's own results.

use std::collections::HashMap;

use diesel::dsl::count_star;
use diesel::prelude::*;
use warehouse::schema::{budget_line, indicator_fact, report};
use warehouse::DbConnection;

/// Per report id: (figures, flagged figures, own goal-level indicators).
pub type FigureCounts = HashMap<i64, (i64, i64, i64)>;

/// An empty flag list as the warehouse stores it.
const NO_FLAGS: &str = "[]";
const GOAL_LEVELS: [&str; 3] = ["tujuan", "sasaran", "iku"];

pub fn figure_counts(conn: &mut DbConnection) -> QueryResult<FigureCounts> {
    let mut counts = FigureCounts::new();
    let mut add = |rows: Vec<(i64, i64)>, slot: fn(&mut (i64, i64, i64)) -> &mut i64| {
        for (id, n) in rows {
            *slot(counts.entry(id).or_default()) += n;
        }
    };
    let facts = || {
        indicator_fact::table
            .inner_join(report::table)
            .filter(report::superseded_by.is_null())
            .group_by(indicator_fact::report_id)
    };
    let lines = || {
        budget_line::table
            .inner_join(report::table)
            .filter(report::superseded_by.is_null())
            .group_by(budget_line::report_id)
    };
    add(
        facts()
            .select((indicator_fact::report_id, count_star()))
            .load(conn)?,
        |c| &mut c.0,
    );
    add(
        lines()
            .select((budget_line::report_id, count_star()))
            .load(conn)?,
        |c| &mut c.0,
    );
    add(
        facts()
            .filter(indicator_fact::flags.ne(NO_FLAGS))
            .select((indicator_fact::report_id, count_star()))
            .load(conn)?,
        |c| &mut c.1,
    );
    add(
        lines()
            .filter(budget_line::flags.ne(NO_FLAGS))
            .select((budget_line::report_id, count_star()))
            .load(conn)?,
        |c| &mut c.1,
    );
    add(
        facts()
            .filter(indicator_fact::is_history.eq(false))
            .filter(indicator_fact::level.eq_any(GOAL_LEVELS))
            .select((indicator_fact::report_id, count_star()))
            .load(conn)?,
        |c| &mut c.2,
    );
    Ok(counts)
}
