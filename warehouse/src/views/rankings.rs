//! Rankings and composite scores as read: a snapshot row with the names of its places and,
//! for a ranking, the report it cites.

use diesel::prelude::*;

use super::parts::{PlaceNames, ReportCite};
use super::snapshots::{CompositeRow, IndicatorRankRow};
use crate::connection::MultiBackend;

/// A ranked figure, selected from `indicator_rank ⋈ kecamatan ⋈ kabupaten ⋈ report`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(check_for_backend(MultiBackend))]
pub struct RankView {
    #[diesel(embed)]
    pub rank: IndicatorRankRow,
    #[diesel(embed)]
    pub places: PlaceNames,
    #[diesel(embed)]
    pub report: ReportCite,
}

/// A composite score, selected from `composite_score ⋈ kecamatan ⋈ kabupaten`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(check_for_backend(MultiBackend))]
pub struct ScoreView {
    #[diesel(embed)]
    pub score: CompositeRow,
    #[diesel(embed)]
    pub places: PlaceNames,
}
