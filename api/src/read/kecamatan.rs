//! Kecamatan as the API names them: code and name with their kabupaten and provinsi, and
//! the years the warehouse holds a current report for.

use std::collections::BTreeMap;

use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::{kabupaten, kecamatan, provinsi, report};
use warehouse::views::parts::RegionNames;
use warehouse::DbConnection;

use crate::error::ApiError;
use crate::params;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KecamatanSummary {
    #[schema(example = "33.13.11")]
    pub code: String,
    #[schema(example = "Jaten")]
    pub name: String,
    pub kabupaten_code: String,
    pub kabupaten: String,
    pub provinsi_code: String,
    pub provinsi: String,
    /// Years for which the warehouse holds a current report.
    pub report_years: Vec<i32>,
}

/// Kecamatan rows with their kabupaten and provinsi names, optionally of one kabupaten or provinsi.
pub(crate) fn kecamatan_rows(
    conn: &mut DbConnection,
    kabupaten_code: Option<&str>,
    provinsi_code: Option<&str>,
    code: Option<&str>,
) -> QueryResult<Vec<KecamatanSummary>> {
    let mut q = kecamatan::table
        .inner_join(kabupaten::table.inner_join(provinsi::table))
        .order(kecamatan::code)
        .select(RegionNames::as_select())
        .into_boxed();
    if let Some(k) = kabupaten_code {
        q = q.filter(kecamatan::kabupaten_code.eq(k.to_owned()));
    }
    if let Some(p) = provinsi_code {
        q = q.filter(kabupaten::provinsi_code.eq(p.to_owned()));
    }
    if let Some(c) = code {
        q = q.filter(kecamatan::code.eq(c.to_owned()));
    }
    let rows: Vec<RegionNames> = q.load(conn)?;
    // Few rows (a kabupaten, one kecamatan): ask for their years only.
    let codes: Vec<String> = rows.iter().map(|r| r.kecamatan_code.clone()).collect();
    let years = report_years(conn, (codes.len() <= 500).then_some(codes.as_slice()))?;
    Ok(rows
        .into_iter()
        .map(|r| KecamatanSummary {
            report_years: years.get(&r.kecamatan_code).cloned().unwrap_or_default(),
            code: r.kecamatan_code,
            name: r.kecamatan,
            kabupaten_code: r.kabupaten_code,
            kabupaten: r.kabupaten,
            provinsi_code: r.provinsi_code,
            provinsi: r.provinsi,
        })
        .collect())
}

/// A 404 that suggests kecamatan whose code or name is close to what was asked.
pub(crate) fn not_found_kecamatan(code: &str) -> ApiError {
    params::unknown_region(model::RegionLevel::Kecamatan, code)
}

/// The kecamatan row, or a 404 with suggestions.
pub(crate) fn summary(conn: &mut DbConnection, code: &str) -> Result<KecamatanSummary, ApiError> {
    kecamatan_rows(conn, None, None, Some(code))?
        .into_iter()
        .next()
        .ok_or_else(|| not_found_kecamatan(code))
}

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
