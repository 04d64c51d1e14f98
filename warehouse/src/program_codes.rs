//! Program codes of the budget lines loaded before codes were derived at load time: the
//! migration that added them marks those lines `pending`, and they are coded here, in Rust
//! (the rules live in `model::program_code`), once, right after the migrations run.

use diesel::prelude::*;
use model::program_code::ProgramCoder;

use crate::connection::DbConnection;
use crate::schema::budget_line;

/// The source of a line the migration left for [`code_pending_lines`].
const PENDING: &str = "pending";

/// Codes every pending budget line, report by report in report order (the first line of a
/// program counts, as at load time), in one transaction; returns how many lines it coded.
/// Costs one indexed lookup when there are none (the partial index holds only pending lines).
pub fn code_pending_lines(conn: &mut DbConnection) -> QueryResult<usize> {
    let pending: Vec<(i64, i64, Option<String>, String)> = budget_line::table
        .filter(budget_line::program_code_source.eq(PENDING))
        .order((budget_line::report_id, budget_line::id))
        .select((
            budget_line::id,
            budget_line::report_id,
            budget_line::kode,
            budget_line::name,
        ))
        .load(conn)?;
    if pending.is_empty() {
        return Ok(0);
    }
    conn.transaction(|conn| {
        let mut report = None;
        let mut coder = ProgramCoder::new();
        for (id, report_id, kode, name) in &pending {
            if report != Some(*report_id) {
                report = Some(*report_id);
                coder = ProgramCoder::new();
            }
            let (code, source) = coder.columns(kode.as_deref(), name);
            diesel::update(budget_line::table.find(*id))
                .set((
                    budget_line::program_code.eq(code),
                    budget_line::program_code_source.eq(source),
                ))
                .execute(conn)?;
        }
        tracing::info!(
            lines = pending.len(),
            "program codes derived for earlier loads"
        );
        Ok(pending.len())
    })
}
