//! Per concept and year: each kecamatan's standing in its kabupaten, its province and the
//! country, and the kabupaten's median, minimum and maximum.

use polars::prelude::*;

use crate::frame::col_name::*;
use crate::standing::with_standing;

/// The direction a concept-year is ranked in: `true` when lower is better.
pub const CONCEPT_LOWER: &str = "concept_lower_is_better";
/// The realisasi signed so that higher is always better.
const SCORE: &str = "score";

/// Adds to one-fact-per-concept facts the columns of `indicator_rank`: `concept_lower_is_better`,
/// `rank_/n_/percentile_` for `kabupaten`, `provinsi` and `nasional`, `kabupaten_median`,
/// `kabupaten_min`, `kabupaten_max` and `distance_to_median`.
pub fn indicator_ranks(facts: LazyFrame) -> PolarsResult<LazyFrame> {
    let concept_year = [col(CONCEPT), col(TAHUN)];
    let in_area = |area: &str| [col(CONCEPT), col(TAHUN), col(area)];
    // Facts of one concept normally agree on the direction; when extraction disagrees, the
    // majority of the facts that state one decides and a tie stays higher-is-better (the
    // direction of most indicators), so that one concept-year is never ranked both ways.
    let lower_votes = col(LOWER)
        .cast(DataType::Int32)
        .sum()
        .over(concept_year.clone())?;
    let votes = col(LOWER).count().over(concept_year)?.cast(DataType::Int32);
    let directed = facts
        .with_column((lower_votes * lit(2)).gt(votes).alias(CONCEPT_LOWER))
        .with_column(
            when(col(CONCEPT_LOWER))
                .then(-col(VALUE))
                .otherwise(col(VALUE))
                .alias(SCORE),
        );
    let kabupaten = in_area(KABUPATEN);
    let median = col(VALUE).median().over(kabupaten.clone())?;
    let spread = [
        median.clone().alias("kabupaten_median"),
        col(VALUE)
            .min()
            .over(kabupaten.clone())?
            .alias("kabupaten_min"),
        col(VALUE).max().over(kabupaten)?.alias("kabupaten_max"),
        // Signed in the units of the figure: positive means above the median, which is better
        // for a higher-is-better concept and worse for a lower-is-better one.
        (col(VALUE) - median).alias("distance_to_median"),
    ];
    let ranked = with_standing(directed, SCORE, &[CONCEPT, TAHUN, KABUPATEN], "kabupaten")?;
    let ranked = with_standing(ranked, SCORE, &[CONCEPT, TAHUN, PROVINSI], "provinsi")?;
    let ranked = with_standing(ranked, SCORE, &[CONCEPT, TAHUN], "nasional")?;
    Ok(ranked
        .with_columns(spread)
        .sort([CONCEPT, TAHUN, KECAMATAN], SortMultipleOptions::default()))
}

#[cfg(test)]
mod tests;
