//! Where a row stands among its peers: rank, number compared and percentile. Shared by the
//! per-concept standings and the composite, so both follow the same definitions.

use polars::prelude::*;

/// The row's position in the frame sorted for one area (temporary).
const POSITION: &str = "__standing_position";

/// Adds `rank_{area}`, `n_{area}` and `percentile_{area}` over the column `score` (higher is
/// better; a lower-is-better figure is negated before it gets here), within the groups of the
/// columns `by`. Rows whose score is null are not compared: their rank and percentile are null
/// and they do not count in `n`.
///
/// - rank: 1 + the number of peers strictly better ("1224" competition ranking), so ties share
///   the best rank and a rank never looks better than it is;
/// - n: the peers compared, the row included, so "1 of 1" is visible as such;
/// - percentile: `100 × (n − r̄) / (n − 1)` where `r̄` is the average rank of the tie group: the
///   share of the other peers this row beats, ties counting half; 100 is the best, 0 the worst,
///   null when there is nobody to compare with (`n = 1`).
///
/// Computed from positions in the frame sorted by group and score (best first): a tie group's
/// first and last positions, less the group's first, are its competition and last ranks. Only
/// window minima and maxima are needed, which polars computes per group in one pass (a rank
/// evaluated per window group is slow on many small groups: docs/benchmarks.md).
/// The frame comes back in that sorted order.
pub fn with_standing(
    frame: LazyFrame,
    score: &str,
    by: &[&str],
    area: &str,
) -> PolarsResult<LazyFrame> {
    let mut order: Vec<PlSmallStr> = by.iter().map(|c| PlSmallStr::from(*c)).collect();
    order.push(score.into());
    let descending: Vec<bool> = by.iter().map(|_| false).chain([true]).collect();
    let sorted = frame
        .sort(
            order,
            SortMultipleOptions::default()
                .with_order_descending_multi(descending)
                .with_nulls_last(true),
        )
        .with_row_index(POSITION, None);
    let group: Vec<Expr> = by.iter().map(|c| col(*c)).collect();
    let mut tie = group.clone();
    tie.push(col(score));
    let position = || col(POSITION).cast(DataType::Int64);
    let group_first = position().min().over(group.clone())?;
    let tie_first = position().min().over(tie.clone())?;
    let tie_last = position().max().over(tie)?;
    let rank = (tie_first.clone() - group_first.clone() + lit(1i64)).cast(DataType::Int32);
    let average = (tie_first + tie_last).cast(DataType::Float64) / lit(2.0)
        - group_first.cast(DataType::Float64)
        + lit(1.0);

    let valued = col(score).is_not_null();
    let n = col(score).count().over(group)?.cast(DataType::Int32);
    let n_f = n.clone().cast(DataType::Float64);
    let percentile = when(valued.clone().and(n_f.clone().gt(lit(1.0))))
        .then(lit(100.0) * (n_f.clone() - average) / (n_f - lit(1.0)))
        .otherwise(lit(NULL).cast(DataType::Float64));
    let rank = when(valued)
        .then(rank)
        .otherwise(lit(NULL).cast(DataType::Int32));
    Ok(sorted
        .with_columns([
            rank.alias(format!("rank_{area}")),
            n.alias(format!("n_{area}")),
            percentile.alias(format!("percentile_{area}")),
        ])
        .drop(by_name([POSITION], true, false)))
}
