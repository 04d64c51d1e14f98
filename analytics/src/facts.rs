//! The facts analytics compares: current indicator facts of each report's own year, placed in
//! their kecamatan, kabupaten and province.

use diesel::prelude::*;
use model::Exact;
use warehouse::schema::{figure_review, indicator_fact, kabupaten, kecamatan, report};
use warehouse::DbConnection;

/// One indicator fact as analytics reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct FactRecord {
    pub fact_id: i64,
    pub report_id: i64,
    pub kecamatan_code: String,
    pub kabupaten_code: String,
    pub provinsi_code: String,
    pub concept_key: String,
    pub tahun: i32,
    pub level: Option<String>,
    pub direction: Option<String>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
}

impl FactRecord {
    /// The capaian analytics uses: our recomputation from target and realisasi when there is
    /// one (reports print capaian rounded and sometimes wrongly, see domain.md), else the
    /// printed one.
    pub fn capaian(&self) -> Option<Exact> {
        self.capaian_computed.or(self.capaian_reported)
    }
}

type FactTuple = (
    (i64, i64, i32, Option<String>, Option<String>, String),
    (Option<Exact>, Option<Exact>, Option<Exact>),
    String,
    String,
    String,
    Option<(String, Option<Exact>, Option<Exact>)>,
);

/// Facts of current reports (nothing supersedes them) about a canonical concept, in the
/// report's own year: comparison-table history (`is_history`) repeats other years' figures and
/// is left to trend analysis. Low-confidence facts not confirmed are left out (the publication
/// rule, docs/methodology.md). A reviewer's review is applied: withheld figures are left out,
/// corrected ones count with their corrected values.
pub fn current_facts(conn: &mut DbConnection) -> QueryResult<Vec<FactRecord>> {
    let rows: Vec<FactTuple> = indicator_fact::table
        .inner_join(report::table.inner_join(kecamatan::table.inner_join(kabupaten::table)))
        .left_join(figure_review::table.on(figure_review::fact_id.eq(indicator_fact::id)))
        .filter(report::superseded_by.is_null())
        .filter(
            figure_review::status
                .is_null()
                .or(figure_review::status.ne("withheld")),
        )
        .filter(indicator_fact::is_history.eq(false))
        .filter(indicator_fact::concept_key.is_not_null())
        .filter(indicator_fact::tahun.eq(report::tahun))
        .filter(
            indicator_fact::confidence
                .is_null()
                .or(indicator_fact::confidence.ne("low"))
                .or(indicator_fact::confirmed.eq(true)),
        )
        .order(indicator_fact::id)
        .select((
            (
                indicator_fact::id,
                indicator_fact::report_id,
                indicator_fact::tahun,
                indicator_fact::level,
                indicator_fact::direction,
                indicator_fact::concept_key.assume_not_null(),
            ),
            (
                indicator_fact::realisasi,
                indicator_fact::capaian_reported,
                indicator_fact::capaian_computed,
            ),
            report::kecamatan_code,
            kecamatan::kabupaten_code,
            kabupaten::provinsi_code,
            (
                figure_review::status,
                figure_review::realisasi,
                figure_review::capaian,
            )
                .nullable(),
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(record).collect())
}

fn record(row: FactTuple) -> FactRecord {
    let (
        (fact_id, report_id, tahun, level, direction, concept_key),
        figures,
        kec,
        kab,
        prov,
        review,
    ) = row;
    let (mut realisasi, capaian_reported, mut capaian_computed) = figures;
    if let Some((_, corrected_realisasi, corrected_capaian)) =
        review.filter(|(status, _, _)| status == "corrected")
    {
        realisasi = corrected_realisasi.or(realisasi);
        capaian_computed = corrected_capaian.or(capaian_computed);
    }
    FactRecord {
        fact_id,
        report_id,
        kecamatan_code: kec,
        kabupaten_code: kab,
        provinsi_code: prov,
        concept_key,
        tahun,
        level,
        direction,
        realisasi,
        capaian_reported,
        capaian_computed,
    }
}
