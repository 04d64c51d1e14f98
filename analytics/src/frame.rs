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

/// The texts behind a facts frame's key columns: the frame holds each kecamatan, kabupaten,
/// province and concept as its position in the sorted list of that column's distinct texts.
/// Codes sort as their texts do, so every order and grouping is the same as on the texts, and
/// integers group and sort faster than strings (docs/benchmarks.md). Frames built by hand
/// (tests) may hold the texts themselves; readers accept both (see `collect`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyTexts {
    pub kecamatan: Vec<String>,
    pub kabupaten: Vec<String>,
    pub provinsi: Vec<String>,
    pub concept: Vec<String>,
}

/// Codes one text column: the sorted distinct texts and each record's position among them.
/// The distinct texts are found first (records of one report repeat their kecamatan, so the
/// previous record's text is checked before the map) and only they are sorted: a few thousand
/// texts rather than every record's.
fn coded<'a>(texts: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<u32>) {
    let mut index: PlHashMap<&str, u32> = PlHashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    let mut previous: Option<(&str, u32)> = None;
    let firsts: Vec<u32> = texts
        .map(|text| match previous {
            Some((last, code)) if last == text => code,
            _ => {
                let code = *index.entry(text).or_insert_with(|| {
                    distinct.push(text);
                    u32::try_from(distinct.len() - 1).unwrap_or(u32::MAX)
                });
                previous = Some((text, code));
                code
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..distinct.len()).collect();
    order.sort_unstable_by_key(|&i| distinct[i]);
    let mut rank = vec![0u32; distinct.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = u32::try_from(position).unwrap_or(u32::MAX);
    }
    let codes = firsts
        .into_iter()
        .map(|first| rank[first as usize])
        .collect();
    let sorted = order.into_iter().map(|i| distinct[i].to_owned()).collect();
    (sorted, codes)
}

/// The facts as a frame, one row per record, with its key columns coded (see [`KeyTexts`]).
pub fn facts_frame(records: &[&FactRecord]) -> PolarsResult<(DataFrame, KeyTexts)> {
    let (kecamatan, kecamatan_codes) = coded(records.iter().map(|r| r.kecamatan_code.as_str()));
    let (kabupaten, kabupaten_codes) = coded(records.iter().map(|r| r.kabupaten_code.as_str()));
    let (provinsi, provinsi_codes) = coded(records.iter().map(|r| r.provinsi_code.as_str()));
    let (concept, concept_codes) = coded(records.iter().map(|r| r.concept_key.as_str()));
    let frame = df!(
        FACT_ID => records.iter().map(|r| r.fact_id).collect::<Vec<i64>>(),
        REPORT_ID => records.iter().map(|r| r.report_id).collect::<Vec<i64>>(),
        KECAMATAN => kecamatan_codes,
        KABUPATEN => kabupaten_codes,
        PROVINSI => provinsi_codes,
        CONCEPT => concept_codes,
        TAHUN => records.iter().map(|r| r.tahun).collect::<Vec<i32>>(),
        IS_GOAL => records.iter().map(|r| is_goal(r)).collect::<Vec<bool>>(),
        LOWER => records.iter().map(|r| lower_is_better(r)).collect::<Vec<Option<bool>>>(),
        VALUE => records.iter().map(|r| to_f64(r.realisasi)).collect::<Vec<Option<f64>>>(),
        CAPAIAN => records.iter().map(|r| to_f64(r.capaian())).collect::<Vec<Option<f64>>>(),
    )?;
    let keys = KeyTexts {
        kecamatan,
        kabupaten,
        provinsi,
        concept,
    };
    Ok((frame, keys))
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
