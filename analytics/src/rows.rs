//! Snapshot rows: one struct per row of `indicator_rank` and `composite_score`, as written by a
//! refresh and read back by the API and the tests (the later tables' rows are in `rows_more`).
//!
//! Every row struct has `treat_none_as_default_value = false`: a `None` is written as NULL (the
//! snapshot columns have no other default), so diesel batches SQLite inserts instead of writing
//! one statement per row, and PostgreSQL can `COPY` them (`warehouse::insert_all!`).

use diesel::prelude::*;
use model::Exact;
use warehouse::schema_analytics::{composite_score, indicator_rank};

#[derive(Insertable, Queryable, Selectable, Clone, Debug, PartialEq)]
#[diesel(table_name = indicator_rank)]
#[diesel(check_for_backend(warehouse::MultiBackend))]
#[diesel(treat_none_as_default_value = false)]
pub struct IndicatorRankRow {
    pub concept_key: String,
    pub tahun: i32,
    pub kecamatan_code: String,
    pub kabupaten_code: String,
    pub provinsi_code: String,
    pub report_id: i64,
    pub fact_id: i64,
    pub direction: String,
    pub realisasi: Option<Exact>,
    pub capaian: Option<Exact>,
    pub rank_kabupaten: Option<i32>,
    pub n_kabupaten: i32,
    pub percentile_kabupaten: Option<f64>,
    pub rank_provinsi: Option<i32>,
    pub n_provinsi: i32,
    pub percentile_provinsi: Option<f64>,
    pub rank_nasional: Option<i32>,
    pub n_nasional: i32,
    pub percentile_nasional: Option<f64>,
    pub kabupaten_median: Option<f64>,
    pub kabupaten_min: Option<f64>,
    pub kabupaten_max: Option<f64>,
    pub distance_to_median: Option<f64>,
}

#[derive(Insertable, Queryable, Selectable, Clone, Debug, PartialEq)]
#[diesel(table_name = composite_score)]
#[diesel(check_for_backend(warehouse::MultiBackend))]
#[diesel(treat_none_as_default_value = false)]
pub struct CompositeRow {
    pub kecamatan_code: String,
    pub tahun: i32,
    pub kabupaten_code: String,
    pub provinsi_code: String,
    pub report_id: i64,
    pub score: f64,
    pub n_concepts: i32,
    /// JSON array of the concept keys that entered the score, sorted.
    pub concept_keys: String,
    pub rank_kabupaten: i32,
    pub n_kabupaten: i32,
    pub rank_provinsi: i32,
    pub n_provinsi: i32,
    pub rank_nasional: i32,
    pub n_nasional: i32,
}

/// Everything one refresh writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub indicator_ranks: Vec<IndicatorRankRow>,
    pub composites: Vec<CompositeRow>,
    pub trends: Vec<crate::rows_more::TrendRow>,
    pub story_flags: Vec<crate::rows_more::StoryFlagRow>,
    pub budget_summaries: Vec<crate::rows_more::BudgetSummaryRow>,
    pub quality: Vec<crate::rows_more::QualityRow>,
}
