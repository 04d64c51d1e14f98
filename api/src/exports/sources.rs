//! Provenance of the snapshot rows in bulk exports: the report each row was computed from, with
//! the lines of the figure, turned into the same `source` object the JSON answers carry.

use std::collections::HashMap;

use diesel::prelude::*;
use warehouse::schema::{indicator_fact, kabupaten, kecamatan, report};
use warehouse::DbConnection;

use serde_json::{json, Value};

use crate::provenance::{parse_lines, Provenance, ReportRef};

/// What a citation of a report needs, by report id.
pub struct Citations {
    reports: HashMap<i64, (String, String, String, String, i32)>,
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
        let reports: Vec<(i64, String, String, String, String, i32)> = report::table
            .inner_join(kecamatan::table.inner_join(kabupaten::table))
            .filter(report::id.eq_any(report_ids))
            .select((
                report::id,
                report::file_name,
                report::sha256,
                kecamatan::name,
                kabupaten::name,
                report::tahun,
            ))
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
            reports: reports
                .into_iter()
                .map(|(id, file, sha, kec, kab, tahun)| (id, (file, sha, kec, kab, tahun)))
                .collect(),
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
        let (file, sha256, kecamatan, kabupaten, tahun) = self.reports.get(&report_id)?;
        Some(
            ReportRef {
                report_id,
                file,
                sha256,
                kecamatan,
                kabupaten,
                tahun: *tahun,
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
            "lines": [], "source_url": null, "cite": null,
        }),
    }
}
