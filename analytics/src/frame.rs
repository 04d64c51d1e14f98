//! Facts as a polars frame: the shape every computation starts from, and the rule that keeps
//! one fact per kecamatan, concept and year.

use std::str::FromStr;

use model::{Direction, Exact, Level};
use polars::prelude::*;
use rust_decimal::prelude::ToPrimitive;

use crate::facts::FactRecord;

/// Column names shared by the computations and by the tests that build frames by hand.
pub mod col_name {
    pub const FACT_ID: &str = "fact_id";
    pub const REPORT_ID: &str = "report_id";
    pub const KECAMATAN: &str = "kecamatan_code";
    pub const KABUPATEN: &str = "kabupaten_code";
    pub const PROVINSI: &str = "provinsi_code";
    pub const CONCEPT: &str = "concept_key";
    pub const TAHUN: &str = "tahun";
    /// Whether the fact is at a goal level (tujuan, sasaran, IKU): only those enter the composite.
    pub const IS_GOAL: &str = "is_goal";
    /// The fact's own direction: `true` lower is better, `false` higher, null not stated.
    pub const LOWER: &str = "lower_is_better";
    /// The realisasi as f64, for statistics only (the exact figure is copied from the record).
    pub const VALUE: &str = "value";
    /// The capaian as f64 (computed, else printed), for the composite only.
    pub const CAPAIAN: &str = "capaian";
}
use col_name::*;

fn to_f64(figure: Option<Exact>) -> Option<f64> {
    figure.and_then(|e| e.value().to_f64())
}

/// The facts as a frame, one row per record.
pub fn facts_frame(records: &[FactRecord]) -> PolarsResult<DataFrame> {
    let text = |f: fn(&FactRecord) -> &str| records.iter().map(f).collect::<Vec<&str>>();
    df!(
        FACT_ID => records.iter().map(|r| r.fact_id).collect::<Vec<i64>>(),
        REPORT_ID => records.iter().map(|r| r.report_id).collect::<Vec<i64>>(),
        KECAMATAN => text(|r| r.kecamatan_code.as_str()),
        KABUPATEN => text(|r| r.kabupaten_code.as_str()),
        PROVINSI => text(|r| r.provinsi_code.as_str()),
        CONCEPT => text(|r| r.concept_key.as_str()),
        TAHUN => records.iter().map(|r| r.tahun).collect::<Vec<i32>>(),
        IS_GOAL => records.iter().map(is_goal).collect::<Vec<bool>>(),
        LOWER => records.iter().map(lower_is_better).collect::<Vec<Option<bool>>>(),
        VALUE => records.iter().map(|r| to_f64(r.realisasi)).collect::<Vec<Option<f64>>>(),
        CAPAIAN => records.iter().map(|r| to_f64(r.capaian())).collect::<Vec<Option<f64>>>(),
    )
}

fn is_goal(record: &FactRecord) -> bool {
    record
        .level
        .as_deref()
        .and_then(|l| Level::from_str(l).ok())
        .is_some_and(Level::is_goal)
}

fn lower_is_better(record: &FactRecord) -> Option<bool> {
    let direction: Direction = record.direction.as_deref()?.parse().ok()?;
    Some(direction == Direction::LowerIsBetter)
}

/// Keeps one fact per kecamatan, concept and year. A report can name the same concept twice
/// (once as tujuan, once as sasaran; or in the PK table and again in BAB III): the first one
/// with a realisasi wins, else the first one, "first" meaning in the order of the report.
pub fn one_fact_per_concept(facts: LazyFrame) -> PolarsResult<LazyFrame> {
    let key = [col(KECAMATAN), col(CONCEPT), col(TAHUN)];
    let first_valued = col(FACT_ID)
        .filter(col(VALUE).is_not_null())
        .min()
        .over(key.clone())?;
    let first = col(FACT_ID).min().over(key)?;
    let chosen = when(first_valued.clone().is_not_null())
        .then(first_valued)
        .otherwise(first);
    Ok(facts.filter(col(FACT_ID).eq(chosen)))
}

#[cfg(test)]
mod tests;
