//! The change log as read: one row of `figure_change`.

use diesel::prelude::*;

use crate::connection::MultiBackend;
use crate::schema::figure_change;

/// One changed field of one published figure (docs/changes.md).
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = figure_change)]
#[diesel(check_for_backend(MultiBackend))]
pub struct ChangeRow {
    pub id: i64,
    pub report_id: i64,
    pub previous_report_id: Option<i64>,
    pub kecamatan_code: String,
    pub tahun: i32,
    pub fact_id: Option<i64>,
    pub figure: String,
    pub concept_key: Option<String>,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// JSON array of flag codes before the change.
    pub flags_before: String,
    pub flags_after: String,
    pub cause: String,
    pub revision: i32,
    pub data_version: i64,
    pub changed_at: String,
}
