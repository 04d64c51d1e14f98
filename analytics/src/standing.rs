//! Where a row stands among its peers: rank, number compared and percentile. Shared by the
//! per-concept standings and the composite, so both follow the same definitions.

use polars::prelude::*;

fn rank_by(score: &str, method: RankMethod) -> Expr {
    col(score).rank(
        RankOptions {
            method,
            descending: true,
        },
        None,
    )
}

/// Three expressions, `rank_{area}`, `n_{area}` and `percentile_{area}`, over the column `score`
/// (higher is better; a lower-is-better figure is negated before it gets here), within the
/// groups `by`. Rows whose score is null are not compared: their rank and percentile are null
/// and they do not count in `n`.
///
/// - rank: 1 + the number of peers strictly better ("1224" competition ranking), so ties share
///   the best rank and a rank never looks better than it is;
/// - n: the peers compared, the row included, so "1 of 1" is visible as such;
/// - percentile: `100 × (n − r̄) / (n − 1)` where `r̄` is the average rank of the tie group: the
///   share of the other peers this row beats, ties counting half; 100 is the best, 0 the worst,
///   null when there is nobody to compare with (`n = 1`).
pub fn standing(score: &str, by: &[Expr], area: &str) -> PolarsResult<[Expr; 3]> {
    let valued = col(score).is_not_null();
    let n = col(score).count().over(by)?.cast(DataType::Int32);
    let rank = rank_by(score, RankMethod::Min)
        .over(by)?
        .cast(DataType::Int32);
    let average = rank_by(score, RankMethod::Average)
        .over(by)?
        .cast(DataType::Float64);
    let n_f = n.clone().cast(DataType::Float64);
    let percentile = when(valued.clone().and(n_f.clone().gt(lit(1.0))))
        .then(lit(100.0) * (n_f.clone() - average) / (n_f - lit(1.0)))
        .otherwise(lit(NULL).cast(DataType::Float64));
    let rank = when(valued)
        .then(rank)
        .otherwise(lit(NULL).cast(DataType::Int32));
    Ok([
        rank.alias(format!("rank_{area}")),
        n.alias(format!("n_{area}")),
        percentile.alias(format!("percentile_{area}")),
    ])
}
