//! What budget and data-quality analytics read about each current report: its identity, budget
//! totals, population, villages and extraction issues.

use std::collections::HashMap;

use diesel::prelude::*;
use model::Exact;
use warehouse::schema::{extraction_issue, kabupaten, kecamatan, report, village};
use warehouse::DbConnection;

/// A current report as budget and quality analytics see it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportRecord {
    pub report_id: i64,
    pub kecamatan_code: String,
    pub kabupaten_code: String,
    pub provinsi_code: String,
    pub tahun: i32,
    pub has_camat: bool,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    /// Our recomputation, else the printed serapan.
    pub serapan: Option<Exact>,
    pub penduduk: Option<Exact>,
    /// The sum of the villages' penduduk when every village states one.
    pub village_penduduk: Option<Exact>,
    /// The budget total is of low confidence and not confirmed: shown, but not placed against
    /// the medians (the publication rule, docs/methodology.md).
    pub budget_left_out: bool,
}

type Budget = (Option<Exact>, Option<Exact>, Option<Exact>, Option<Exact>);
type Places = (String, String, String);
type ReportRow = (
    (i64, i32, Option<String>, Option<Exact>),
    Budget,
    Places,
    (Option<String>, bool),
);

/// The current reports, by id.
pub fn current_reports(conn: &mut DbConnection) -> QueryResult<Vec<ReportRecord>> {
    let rows: Vec<ReportRow> = report::table
        .inner_join(kecamatan::table.inner_join(kabupaten::table))
        .filter(report::superseded_by.is_null())
        .order(report::id)
        .select((
            (
                report::id,
                report::tahun,
                report::camat_nama,
                report::penduduk,
            ),
            (
                report::budget_pagu,
                report::budget_realisasi,
                report::budget_serapan_computed,
                report::budget_serapan_reported,
            ),
            (
                report::kecamatan_code,
                kecamatan::kabupaten_code,
                kabupaten::provinsi_code,
            ),
            (report::budget_confidence, report::budget_confirmed),
        ))
        .load(conn)?;
    let villages = village_sums(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |((id, tahun, camat, penduduk), budget, (kec, kab, prov), (confidence, confirmed))| {
                ReportRecord {
                    report_id: id,
                    kecamatan_code: kec,
                    kabupaten_code: kab,
                    provinsi_code: prov,
                    tahun,
                    has_camat: camat.is_some_and(|c| !c.trim().is_empty()),
                    pagu: budget.0,
                    realisasi: budget.1,
                    serapan: budget.2.or(budget.3),
                    penduduk,
                    village_penduduk: villages.get(&id).copied().flatten(),
                    budget_left_out: !crate::series_read::comparable(
                        confidence.as_deref(),
                        confirmed,
                    ),
                }
            },
        )
        .collect())
}

/// Per report, the villages' total penduduk, or `None` when a village does not state it (a
/// partial sum would understate the population and overstate spending per inhabitant). Summed
/// here, exactly: SQLite would sum the TEXT figures as floating point.
fn village_sums(conn: &mut DbConnection) -> QueryResult<HashMap<i64, Option<Exact>>> {
    let rows: Vec<(i64, Option<Exact>)> = village::table
        .inner_join(report::table)
        .filter(report::superseded_by.is_null())
        .select((village::report_id, village::penduduk))
        .load(conn)?;
    let mut sums: HashMap<i64, Option<Exact>> = HashMap::new();
    for (id, penduduk) in rows {
        let sum = sums.entry(id).or_insert(Some(Exact::ZERO));
        *sum = sum
            .zip(penduduk)
            .and_then(|(s, p)| s.value().checked_add(p.value()))
            .map(Exact::new);
    }
    Ok(sums)
}

/// (report id, issue code, severity) of the current reports' extraction issues.
pub fn issues(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String, String)>> {
    extraction_issue::table
        .inner_join(report::table)
        .filter(report::superseded_by.is_null())
        .select((
            extraction_issue::report_id,
            extraction_issue::code,
            extraction_issue::severity,
        ))
        .load(conn)
}
