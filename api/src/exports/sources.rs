//! Provenance of the snapshot rows in bulk exports: the report each row was computed from, with
//! the lines of the figure, turned into the same `source` object the JSON answers carry.

use std::collections::HashMap;

use diesel::prelude::*;
use warehouse::schema::{indicator_fact, kabupaten, kecamatan, report};
use warehouse::DbConnection;

use serde_json::{json, Value};

use crate::provenance::{parse_lines, Provenance, ReportRef};

/// A report as its citation names it.
#[derive(Queryable, Selectable)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct CitedReport {
    #[diesel(select_expression = report::file_name)]
    file_name: String,
    #[diesel(select_expression = report::sha256)]
    sha256: String,
    #[diesel(select_expression = kecamatan::name)]
    kecamatan: String,
    #[diesel(select_expression = kabupaten::name)]
    kabupaten: String,
    #[diesel(select_expression = report::tahun)]
    tahun: i32,
    #[diesel(select_expression = report::page_starts)]
    page_starts: String,
}

/// What a citation of a report needs, by report id.
pub struct Citations {
    reports: HashMap<i64, CitedReport>,
    fact_lines: HashMap<i64, String>,
}

impl Citations {
    /// The reports and (when given) the figures' lines of one page of rows.
    pub fn of(
        conn: &mut DbConnection,
        mut report_ids: Vec<i64>,
        mut fact_ids: Vec<i64>,
    ) -> QueryResult<Self> {
        report_ids.sort_unstable();
        report_ids.dedup();
        fact_ids.sort_unstable();
        fact_ids.dedup();
        let reports: Vec<(i64, CitedReport)> = report::table
            .inner_join(kecamatan::table.inner_join(kabupaten::table))
            .filter(report::id.eq_any(report_ids))
            .select((report::id, CitedReport::as_select()))
            .load(conn)?;
        let fact_lines: Vec<(i64, String)> = if fact_ids.is_empty() {
            Vec::new()
        } else {
            indicator_fact::table
                .filter(indicator_fact::id.eq_any(fact_ids))
                .select((indicator_fact::id, indicator_fact::lines))
                .load(conn)?
        };
        Ok(Citations {
            reports: reports.into_iter().collect(),
            fact_lines: fact_lines.into_iter().collect(),
        })
    }

    /// The provenance of a row computed from `report_id` (and the figure `fact_id`, whose lines
    /// it cites).
    pub fn source(&self, report_id: i64, fact_id: Option<i64>) -> Option<Provenance> {
        let lines = fact_id
            .and_then(|id| self.fact_lines.get(&id))
            .map(|l| parse_lines(l))
            .unwrap_or_default();
        self.source_with_lines(report_id, lines)
    }

    /// The provenance of a row read from these lines of report `report_id`.
    pub fn source_with_lines(&self, report_id: i64, lines: Vec<u32>) -> Option<Provenance> {
        let r = self.reports.get(&report_id)?;
        Some(
            ReportRef {
                report_id,
                file: &r.file_name,
                sha256: &r.sha256,
                kecamatan: &r.kecamatan,
                kabupaten: &r.kabupaten,
                tahun: r.tahun,
                page_starts: &r.page_starts,
            }
            .provenance(lines),
        )
    }
}

/// A row's `source` as JSON; a row without a report (a kecamatan not yet reported) gets the same
/// fields, empty, so that every row of a file has the same columns.
pub fn source_value(source: Option<Provenance>) -> Value {
    match source {
        Some(source) => json!(source),
        None => json!({
            "report_id": null, "file": null, "sha256": null,
            "lines": [], "page": null, "source_url": null, "page_url": null, "cite": null,
        }),
    }
}
