//! Snapshot rows: one struct per row of each analytics snapshot table (`schema_analytics`),
//! as a refresh writes them and the API and the exports read them back.
//!
//! Every row struct has `treat_none_as_default_value = false`: a `None` is written as NULL (the
//! snapshot columns have no other default), so diesel batches SQLite inserts instead of writing
//! one statement per row, and PostgreSQL can `COPY` them (`crate::insert_all!`).

use diesel::prelude::*;
use model::Exact;

use crate::schema_analytics::{
    budget_summary, composite_score, indicator_rank, indicator_trend, report_quality, story_flag,
};

#[derive(Insertable, Queryable, Selectable, Clone, Debug, PartialEq)]
#[diesel(table_name = indicator_rank)]
#[diesel(check_for_backend(crate::MultiBackend))]
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
#[diesel(check_for_backend(crate::MultiBackend))]
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

#[derive(Insertable, Queryable, Selectable, Clone, Debug, PartialEq)]
#[diesel(table_name = indicator_trend)]
#[diesel(check_for_backend(crate::MultiBackend))]
#[diesel(treat_none_as_default_value = false)]
pub struct TrendRow {
    pub kecamatan_code: String,
    pub concept_key: String,
    pub tahun: i32,
    /// The direction the series is read in (the majority of its facts' directions).
    pub direction: String,
    /// The fact the year's figure comes from: its target, realisasi, capaian and report are
    /// read through it (not copied here: the refresh writes 173,000 of these rows).
    pub fact_id: i64,
    pub from_history: bool,
    pub previous_realisasi: Option<Exact>,
    /// `realisasi − previous_realisasi`, exact; null without both or without a previous year.
    pub change: Option<Exact>,
    /// `change / |previous_realisasi|`; null when the previous figure is zero.
    pub change_relative: Option<f64>,
    /// `better`, `worse` or `same`, by the concept's direction.
    pub movement: Option<String>,
}

#[derive(Insertable, Queryable, Selectable, Clone, Debug, PartialEq)]
#[diesel(table_name = story_flag)]
#[diesel(check_for_backend(crate::MultiBackend))]
#[diesel(treat_none_as_default_value = false)]
pub struct StoryFlagRow {
    pub code: String,
    pub kecamatan_code: String,
    pub concept_key: String,
    pub tahun_first: i32,
    pub tahun_last: i32,
    pub kabupaten_code: String,
    pub provinsi_code: String,
    pub severity: String,
    /// JSON array of the years involved.
    pub years: String,
    /// JSON array of the ids of the reports the figures come from, without repeats.
    pub report_ids: String,
    /// The figure at the heart of the lead (the repeated realisasi, the capaian…).
    pub value: Option<Exact>,
    pub message_id: String,
    pub message_en: String,
}

#[derive(Insertable, Queryable, Selectable, Clone, Debug, PartialEq)]
#[diesel(table_name = budget_summary)]
#[diesel(check_for_backend(crate::MultiBackend))]
#[diesel(treat_none_as_default_value = false)]
pub struct BudgetSummaryRow {
    pub kecamatan_code: String,
    pub tahun: i32,
    pub kabupaten_code: String,
    pub provinsi_code: String,
    pub report_id: i64,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub serapan: Option<Exact>,
    pub penduduk: Option<Exact>,
    /// `report` (the report's own figure) or `villages` (the sum over its villages).
    pub penduduk_source: Option<String>,
    pub spend_per_capita: Option<f64>,
    /// The composite score of the kecamatan-year, when it has one.
    pub score: Option<f64>,
    pub median_serapan: Option<f64>,
    pub median_score: Option<f64>,
    pub quadrant: Option<String>,
}

#[derive(Insertable, Queryable, Selectable, Clone, Debug, PartialEq)]
#[diesel(table_name = report_quality)]
#[diesel(check_for_backend(crate::MultiBackend))]
#[diesel(treat_none_as_default_value = false)]
pub struct QualityRow {
    pub report_id: i64,
    pub kecamatan_code: String,
    pub tahun: i32,
    pub n_figures: i32,
    pub n_flagged: i32,
    pub flagged_share: f64,
    pub n_conflicts: i32,
    /// JSON array of the unresolved conflicts' issue codes, sorted, with repeats.
    pub conflict_codes: String,
    /// JSON array out of `budget`, `goal_indicators`, `camat`.
    pub missing_sections: String,
    pub points: f64,
    pub grade: String,
}
