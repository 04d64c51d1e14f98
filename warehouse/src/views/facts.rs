//! Indicator figures as read: the columns of `indicator_fact` a published figure shows.

use diesel::prelude::*;
use model::Exact;

use super::parts::{RegionNames, ReportCite};
use crate::connection::MultiBackend;
use crate::schema::indicator_fact;

/// One indicator figure of a report, as extracted (the review overlay is applied by readers).
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = indicator_fact)]
#[diesel(check_for_backend(MultiBackend))]
pub struct FigureRow {
    pub id: i64,
    pub report_id: i64,
    pub tahun: i32,
    pub is_history: bool,
    pub level: Option<String>,
    pub raw_name: String,
    pub concept_key: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<String>,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
    /// JSON array of flag codes.
    pub flags: String,
    /// JSON array of the report lines the figure was read from.
    pub lines: String,
    pub confidence: Option<String>,
    /// JSON array of the codes that lowered the confidence.
    pub confidence_reasons: String,
}

/// A figure with the report it cites and its region: a row of the flat facts table, selected
/// from `indicator_fact ⋈ report ⋈ kecamatan ⋈ kabupaten ⋈ provinsi`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(check_for_backend(MultiBackend))]
pub struct FactView {
    #[diesel(embed)]
    pub figure: FigureRow,
    #[diesel(embed)]
    pub report: ReportCite,
    #[diesel(embed)]
    pub region: RegionNames,
}
