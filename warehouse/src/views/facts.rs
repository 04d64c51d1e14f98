//! Indicator figures as read: the columns of `indicator_fact` a published figure shows.

use diesel::prelude::*;

use super::parts::{RegionNames, ReportCite};
use crate::connection::MultiBackend;
use crate::rows::NewFact;
use crate::schema::indicator_fact;

/// One indicator figure of a report, as extracted (the review overlay is applied by readers):
/// its id and the columns the loader wrote.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = indicator_fact)]
#[diesel(check_for_backend(MultiBackend))]
pub struct FigureRow {
    pub id: i64,
    #[diesel(embed)]
    pub fact: NewFact,
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
