//! The composite score of a kecamatan-year: one number over its goal-level indicators, with
//! the coverage that says how much it rests on.

use polars::prelude::*;

use crate::frame::col_name::*;
use crate::standing::with_standing;

/// The highest capaian that counts: beyond it a target set too low would outweigh every other
/// indicator (a realisasi of 300 % of a token target is not three times the performance).
pub const COMPOSITE_CAP: f64 = 120.0;

pub const SCORE: &str = "score";
pub const N_CONCEPTS: &str = "n_concepts";
/// The concept keys that entered the score, sorted (a list column).
pub const CONCEPT_KEYS: &str = "concept_keys";
const CAPPED: &str = "capaian_capped";

/// From one-fact-per-concept facts: per kecamatan-year, `score` = the mean over goal-level
/// concepts with a capaian of `clamp(capaian, 0, 120)`, `n_concepts`, `concept_keys`, and the
/// score's `rank_/n_/percentile_` within the kabupaten, the province and the country.
pub fn composite_scores(facts: LazyFrame) -> PolarsResult<LazyFrame> {
    // A lower-is-better capaian `(2·target − realisasi) / target` goes below zero when the
    // realisasi is more than twice the target; one indicator must not cancel out the others.
    let capped = when(col(CAPAIAN).gt(lit(COMPOSITE_CAP)))
        .then(lit(COMPOSITE_CAP))
        .when(col(CAPAIAN).lt(lit(0.0)))
        .then(lit(0.0))
        .otherwise(col(CAPAIAN));
    let scores = facts
        .filter(col(IS_GOAL).and(col(CAPAIAN).is_not_null()))
        .with_column(capped.alias(CAPPED))
        // Kabupaten and province follow from the kecamatan; one current report per kecamatan-year
        // is the warehouse's rule, `min` only makes the choice explicit.
        .group_by([col(KECAMATAN), col(TAHUN), col(KABUPATEN), col(PROVINSI)])
        .agg([
            col(REPORT_ID).min(),
            col(CAPPED).mean().alias(SCORE),
            col(CONCEPT).count().cast(DataType::Int32).alias(N_CONCEPTS),
            col(CONCEPT)
                .sort(SortOptions::default())
                .alias(CONCEPT_KEYS),
        ]);
    let ranked = with_standing(scores, SCORE, &[TAHUN, KABUPATEN], "kabupaten")?;
    let ranked = with_standing(ranked, SCORE, &[TAHUN, PROVINSI], "provinsi")?;
    let ranked = with_standing(ranked, SCORE, &[TAHUN], "nasional")?;
    Ok(ranked.sort([TAHUN, KECAMATAN], SortMultipleOptions::default()))
}

#[cfg(test)]
mod tests;
