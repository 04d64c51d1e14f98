//! Handlers, grouped by resource. Each module holds its answer types, its queries and its
//! `#[utoipa::path]`-documented handlers.

pub mod compare;
pub mod exports;
pub mod facts;
pub mod health;
pub mod kecamatan;
pub mod regions;
pub mod reports;
pub mod taxonomy;
pub mod trends;
pub mod upload;

use std::collections::BTreeMap;

use diesel::prelude::*;
use warehouse::schema::report;
use warehouse::DbConnection;

/// Years with a current (not superseded) report, per kecamatan code.
pub(crate) fn report_years(conn: &mut DbConnection) -> QueryResult<BTreeMap<String, Vec<i32>>> {
    let rows: Vec<(String, i32)> = report::table
        .filter(report::superseded_by.is_null())
        .select((report::kecamatan_code, report::tahun))
        .order((report::kecamatan_code, report::tahun))
        .load(conn)?;
    let mut years: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for (code, tahun) in rows {
        years.entry(code).or_default().push(tahun);
    }
    Ok(years)
}
