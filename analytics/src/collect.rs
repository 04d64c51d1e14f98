//! The computed frames turned into snapshot rows, with the exact figures copied from the facts
//! (by fact id) rather than from the f64s the statistics were computed with.

use std::collections::HashMap;

use polars::prelude::*;

use crate::composite::{CONCEPT_KEYS, N_CONCEPTS, SCORE};
use crate::error::AnalyticsError;
use crate::facts::FactRecord;
use crate::frame::col_name::*;
use crate::frame::KeyTexts;
use crate::ranking::CONCEPT_LOWER;
use crate::rows::{CompositeRow, IndicatorRankRow};

fn missing(column: &str, row: usize) -> AnalyticsError {
    AnalyticsError::Inconsistent(format!("no `{column}` in computed row {row}"))
}

/// A required value of a column.
fn need<T>(values: &[Option<T>], column: &str, row: usize) -> Result<T, AnalyticsError>
where
    T: Clone,
{
    values
        .get(row)
        .cloned()
        .flatten()
        .ok_or_else(|| missing(column, row))
}

pub(crate) fn i64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    Ok(df.column(name)?.i64()?.iter().collect())
}
pub(crate) fn i32s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i32>>> {
    Ok(df.column(name)?.i32()?.iter().collect())
}
pub(crate) fn f64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    Ok(df.column(name)?.f64()?.iter().collect())
}
pub(crate) fn bools(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<bool>>> {
    Ok(df.column(name)?.bool()?.iter().collect())
}
pub(crate) fn texts(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.map(str::to_owned))
        .collect())
}
pub(crate) fn text_lists(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<Vec<String>>>> {
    df.column(name)?
        .list()?
        .series_iter()
        .map(|list| {
            list.map(|s| Ok(s.str()?.iter().flatten().map(str::to_owned).collect()))
                .transpose()
        })
        .collect()
}

/// A key column's texts: the texts themselves, or codes looked up in `dictionary` (see
/// [`crate::frame::KeyTexts`]).
fn key_texts(
    df: &DataFrame,
    name: &str,
    dictionary: &[String],
) -> Result<Vec<Option<String>>, AnalyticsError> {
    let column = df.column(name)?;
    if column.dtype() == &DataType::String {
        return Ok(texts(df, name)?);
    }
    column
        .u32()?
        .iter()
        .map(|code| decode(code, dictionary))
        .collect()
}

fn decode(code: Option<u32>, dictionary: &[String]) -> Result<Option<String>, AnalyticsError> {
    code.map(|c| {
        dictionary
            .get(c as usize)
            .cloned()
            .ok_or_else(|| AnalyticsError::Inconsistent(format!("no text for key code {c}")))
    })
    .transpose()
}

/// A list column of keys (texts or codes), as texts.
fn key_text_lists(
    df: &DataFrame,
    name: &str,
    dictionary: &[String],
) -> Result<Vec<Option<Vec<String>>>, AnalyticsError> {
    let lists = df.column(name)?.list()?;
    if lists.inner_dtype() == &DataType::String {
        return Ok(text_lists(df, name)?);
    }
    lists
        .series_iter()
        .map(|list| {
            list.map(|s| {
                s.u32()?
                    .iter()
                    .filter_map(|code| decode(code, dictionary).transpose())
                    .collect::<Result<Vec<String>, AnalyticsError>>()
            })
            .transpose()
        })
        .collect()
}

/// The rank and number compared in the kabupaten, the province and the country, as
/// `standing::with_standing` names them (standings and composite scores alike).
const RANKS_AND_COUNTS: [&str; 6] = [
    "rank_kabupaten",
    "n_kabupaten",
    "rank_provinsi",
    "n_provinsi",
    "rank_nasional",
    "n_nasional",
];

/// `indicator_rank` rows from the frame [`crate::indicator_ranks`] computed over `facts`.
pub fn rank_rows(
    df: &DataFrame,
    facts: &[&FactRecord],
) -> Result<Vec<IndicatorRankRow>, AnalyticsError> {
    RankColumns::of(df, facts)?.rows(0..df.height())
}

/// The columns of a computed standings frame, read once, and the facts it was computed over:
/// turns any range of its rows into `indicator_rank` rows (the refresh hands them to the writer
/// a range at a time, so that writing starts before the last row is built).
pub struct RankColumns<'a> {
    by_id: HashMap<i64, &'a FactRecord>,
    fact_ids: Vec<Option<i64>>,
    lower: Vec<Option<bool>>,
    /// rank and n for kabupaten, provinsi, nasional.
    ints: [Vec<Option<i32>>; 6],
    /// percentiles for kabupaten, provinsi, nasional; median, min, max, distance to median.
    floats: [Vec<Option<f64>>; 7],
}

impl<'a> RankColumns<'a> {
    pub fn of(df: &DataFrame, facts: &[&'a FactRecord]) -> Result<Self, AnalyticsError> {
        let ints = RANKS_AND_COUNTS.map(|c| i32s(df, c));
        let floats = [
            "percentile_kabupaten",
            "percentile_provinsi",
            "percentile_nasional",
            "kabupaten_median",
            "kabupaten_min",
            "kabupaten_max",
            "distance_to_median",
        ]
        .map(|c| f64s(df, c));
        let [i0, i1, i2, i3, i4, i5] = ints;
        let [f0, f1, f2, f3, f4, f5, f6] = floats;
        Ok(RankColumns {
            by_id: facts.iter().map(|f| (f.fact_id, *f)).collect(),
            fact_ids: i64s(df, FACT_ID)?,
            lower: bools(df, CONCEPT_LOWER)?,
            ints: [i0?, i1?, i2?, i3?, i4?, i5?],
            floats: [f0?, f1?, f2?, f3?, f4?, f5?, f6?],
        })
    }

    /// The number of rows.
    pub fn row_count(&self) -> usize {
        self.fact_ids.len()
    }

    /// The rows `range` (clamped to the frame).
    pub fn rows(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<Vec<IndicatorRankRow>, AnalyticsError> {
        let end = range.end.min(self.row_count());
        let [rank_kab, n_kab, rank_prov, n_prov, rank_nas, n_nas] = &self.ints;
        let [pct_kab, pct_prov, pct_nas, median, min, max, distance] = &self.floats;
        let at = |values: &[Option<f64>], row: usize| values.get(row).copied().flatten();
        let rank_at = |values: &[Option<i32>], row: usize| values.get(row).copied().flatten();
        (range.start.min(end)..end)
            .map(|row| {
                let fact_id = need(&self.fact_ids, FACT_ID, row)?;
                let fact = self.by_id.get(&fact_id).ok_or_else(|| {
                    AnalyticsError::Inconsistent(format!(
                        "fact {fact_id} was computed but not read"
                    ))
                })?;
                let lower_is_better = need(&self.lower, CONCEPT_LOWER, row)?;
                Ok(IndicatorRankRow {
                    concept_key: fact.concept_key.clone(),
                    tahun: fact.tahun,
                    kecamatan_code: fact.kecamatan_code.clone(),
                    kabupaten_code: fact.kabupaten_code.clone(),
                    provinsi_code: fact.provinsi_code.clone(),
                    report_id: fact.report_id,
                    fact_id,
                    direction: direction_name(lower_is_better).to_owned(),
                    realisasi: fact.realisasi,
                    capaian: fact.capaian(),
                    rank_kabupaten: rank_at(rank_kab, row),
                    n_kabupaten: need(n_kab, "n_kabupaten", row)?,
                    percentile_kabupaten: at(pct_kab, row),
                    rank_provinsi: rank_at(rank_prov, row),
                    n_provinsi: need(n_prov, "n_provinsi", row)?,
                    percentile_provinsi: at(pct_prov, row),
                    rank_nasional: rank_at(rank_nas, row),
                    n_nasional: need(n_nas, "n_nasional", row)?,
                    percentile_nasional: at(pct_nas, row),
                    kabupaten_median: at(median, row),
                    kabupaten_min: at(min, row),
                    kabupaten_max: at(max, row),
                    distance_to_median: at(distance, row),
                })
            })
            .collect()
    }
}

fn direction_name(lower_is_better: bool) -> &'static str {
    if lower_is_better {
        model::Direction::LowerIsBetter.as_str()
    } else {
        model::Direction::HigherIsBetter.as_str()
    }
}

/// `composite_score` rows from the frame [`crate::composite_scores`] computed; `keys` gives the
/// texts of a frame with coded keys.
pub fn composite_rows(
    df: &DataFrame,
    keys: &KeyTexts,
) -> Result<Vec<CompositeRow>, AnalyticsError> {
    let kec = key_texts(df, KECAMATAN, &keys.kecamatan)?;
    let kab = key_texts(df, KABUPATEN, &keys.kabupaten)?;
    let prov = key_texts(df, PROVINSI, &keys.provinsi)?;
    let tahun = i32s(df, TAHUN)?;
    let report = i64s(df, REPORT_ID)?;
    let score = f64s(df, SCORE)?;
    let concepts = key_text_lists(df, CONCEPT_KEYS, &keys.concept)?;
    let ints: Vec<Vec<Option<i32>>> = std::iter::once(&N_CONCEPTS)
        .chain(RANKS_AND_COUNTS.iter())
        .map(|c| i32s(df, c))
        .collect::<PolarsResult<_>>()?;
    let int = |i: usize, row: usize| need(&ints[i], "a count or rank", row);
    (0..df.height())
        .map(|row| {
            let concept_keys = need(&concepts, CONCEPT_KEYS, row)?;
            Ok(CompositeRow {
                kecamatan_code: need(&kec, KECAMATAN, row)?,
                tahun: need(&tahun, TAHUN, row)?,
                kabupaten_code: need(&kab, KABUPATEN, row)?,
                provinsi_code: need(&prov, PROVINSI, row)?,
                report_id: need(&report, REPORT_ID, row)?,
                score: need(&score, SCORE, row)?,
                n_concepts: int(0, row)?,
                concept_keys: serde_json::to_string(&concept_keys)
                    .map_err(|e| AnalyticsError::Inconsistent(e.to_string()))?,
                rank_kabupaten: int(1, row)?,
                n_kabupaten: int(2, row)?,
                rank_provinsi: int(3, row)?,
                n_provinsi: int(4, row)?,
                rank_nasional: int(5, row)?,
                n_nasional: int(6, row)?,
            })
        })
        .collect()
}
