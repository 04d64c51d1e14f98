//! Trends as read: a trend row with the figure it comes from and its places.

use diesel::prelude::*;
use model::Exact;

use super::parts::RegionCodes;
use super::snapshots::TrendRow;
use crate::connection::MultiBackend;
use crate::schema::indicator_fact;

/// The numbers of the figure a trend row reads through (`indicator_trend.fact_id`).
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = indicator_fact)]
#[diesel(check_for_backend(MultiBackend))]
pub struct TrendFigure {
    pub report_id: i64,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_computed: Option<Exact>,
    pub capaian_reported: Option<Exact>,
}

/// A trend row, selected from `indicator_trend ⋈ indicator_fact ⋈ kecamatan ⋈ kabupaten`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(check_for_backend(MultiBackend))]
pub struct TrendView {
    #[diesel(embed)]
    pub trend: TrendRow,
    #[diesel(embed)]
    pub figure: TrendFigure,
    #[diesel(embed)]
    pub codes: RegionCodes,
}
