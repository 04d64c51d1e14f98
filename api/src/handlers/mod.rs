//! Handlers, grouped by resource. Each module holds its answer types, its queries and its
//! `#[utoipa::path]`-documented handlers.

pub mod changes;
pub mod compare;
pub mod error_reports;
pub mod exports;
pub mod facts;
pub mod health;
pub mod insights;
pub mod kecamatan;
pub mod original;
pub mod rankings;
pub mod regions;
pub mod reports;
pub mod review;
pub mod session;
pub mod taxonomy;
pub mod trends;
pub mod upload;

use std::collections::BTreeMap;

use diesel::prelude::*;
use warehouse::schema::report;
use warehouse::DbConnection;

/// Years with a current (not superseded) report, per kecamatan code: of the given kecamatan, or
/// of all when `codes` is `None` (a national list needs them all; a detail page only its own).
pub(crate) fn report_years(
    conn: &mut DbConnection,
    codes: Option<&[String]>,
) -> QueryResult<BTreeMap<String, Vec<i32>>> {
    let mut q = report::table
        .filter(report::superseded_by.is_null())
        .select((report::kecamatan_code, report::tahun))
        .order((report::kecamatan_code, report::tahun))
        .into_boxed();
    if let Some(codes) = codes {
        q = q.filter(report::kecamatan_code.eq_any(codes.to_vec()));
    }
    let rows: Vec<(String, i32)> = q.load(conn)?;
    let mut years: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for (code, tahun) in rows {
        years.entry(code).or_default().push(tahun);
    }
    Ok(years)
}
