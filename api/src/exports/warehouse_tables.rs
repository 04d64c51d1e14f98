//! The bulk exports read from the warehouse's own tables: facts, kecamatan, reports and budget
//! lines, each row with the provenance of the report it was read from.

use diesel::prelude::*;
use serde_json::json;
use warehouse::schema::{budget_line, kabupaten, kecamatan, provinsi, report};
use warehouse::DbConnection;

use super::paging::{next_key, next_offset, to_values, Rows};
use super::sources::{source_value, Citations};
use crate::error::ApiError;
use crate::provenance::{parse_lines, parse_strings};
use crate::read::facts::{count_facts, load_facts, FactFilter};
use crate::read::reports;

fn facts_with(
    conn: &mut DbConnection,
    history: bool,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let filter = FactFilter {
        include_history: history,
        ..FactFilter::default()
    };
    let facts = load_facts(conn, &filter, after, limit)?;
    let next = next_key(facts.len(), limit, facts.last().map(|f| f.id));
    Ok((to_values(&facts)?, next))
}

pub(super) fn facts_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    facts_with(conn, false, after, limit)
}

pub(super) fn facts_with_history_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    facts_with(conn, true, after, limit)
}

pub(super) fn count_current_facts(conn: &mut DbConnection) -> Result<i64, ApiError> {
    count_facts(conn, &FactFilter::default())
}

pub(super) fn count_all_facts(conn: &mut DbConnection) -> Result<i64, ApiError> {
    count_facts(
        conn,
        &FactFilter {
            include_history: true,
            ..FactFilter::default()
        },
    )
}

pub(super) fn count_kecamatan(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(kecamatan::table.count().get_result(conn)?)
}

pub(super) fn kecamatan_page(
    conn: &mut DbConnection,
    offset: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let regions: Vec<(String, String, String, String, String, String)> = kecamatan::table
        .inner_join(kabupaten::table.inner_join(provinsi::table))
        .order(kecamatan::code)
        .offset(offset)
        .limit(limit)
        .select((
            kecamatan::code,
            kecamatan::name,
            kabupaten::code,
            kabupaten::name,
            provinsi::code,
            provinsi::name,
        ))
        .load(conn)?;
    let codes: Vec<String> = regions.iter().map(|r| r.0.clone()).collect();
    // The latest current report of each kecamatan: newest year first, the first one wins.
    #[allow(clippy::type_complexity)]
    let latest: Vec<(
        String,
        i64,
        i32,
        Option<String>,
        Option<model::Exact>,
        Option<model::Exact>,
    )> = report::table
        .filter(report::superseded_by.is_null())
        .filter(report::kecamatan_code.eq_any(codes))
        .order((report::kecamatan_code, report::tahun.desc()))
        .select((
            report::kecamatan_code,
            report::id,
            report::tahun,
            report::camat_nama,
            report::penduduk,
            report::luas_km2,
        ))
        .load(conn)?;
    let cites = Citations::of(conn, latest.iter().map(|r| r.1).collect(), Vec::new())?;
    let rows = regions
        .iter()
        .map(|(code, name, kab_code, kab, prov_code, prov)| {
            let report = latest.iter().find(|r| &r.0 == code);
            json!({
                "code": code, "name": name,
                "kabupaten_code": kab_code, "kabupaten": kab,
                "provinsi_code": prov_code, "provinsi": prov,
                "latest_tahun": report.map(|r| r.2),
                "camat": report.and_then(|r| r.3.clone()),
                "penduduk": report.and_then(|r| r.4),
                "luas_km2": report.and_then(|r| r.5),
                "source": source_value(report.and_then(|r| cites.source(r.1, None))),
            })
        })
        .collect::<Vec<_>>();
    let next = next_offset(rows.len(), limit, offset);
    Ok((rows, next))
}

pub(super) fn count_reports(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(report::table.count().get_result(conn)?)
}

pub(super) fn reports_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let reports = reports::page(
        conn,
        &reports::ReportFilter {
            include_superseded: true,
            ..Default::default()
        },
        after,
        limit,
    )?;
    let next = next_key(reports.len(), limit, reports.last().map(|r| r.id));
    Ok((to_values(&reports)?, next))
}

pub(super) fn count_budget_lines(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(budget_line::table
        .inner_join(report::table)
        .filter(report::superseded_by.is_null())
        .count()
        .get_result(conn)?)
}

pub(super) fn budget_lines_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    #[allow(clippy::type_complexity)]
    let lines: Vec<(
        i64,
        i64,
        String,
        i32,
        String,
        Option<String>,
        String,
        Option<model::Exact>,
        Option<model::Exact>,
        Option<model::Exact>,
        String,
        String,
    )> = budget_line::table
        .inner_join(report::table)
        .filter(report::superseded_by.is_null())
        .filter(budget_line::id.gt(after))
        .order(budget_line::id)
        .limit(limit)
        .select((
            budget_line::id,
            budget_line::report_id,
            report::kecamatan_code,
            report::tahun,
            budget_line::level,
            budget_line::kode,
            budget_line::name,
            budget_line::pagu,
            budget_line::realisasi,
            budget_line::serapan_reported,
            budget_line::flags,
            budget_line::lines,
        ))
        .load(conn)?;
    let cites = Citations::of(conn, lines.iter().map(|l| l.1).collect(), Vec::new())?;
    let next = next_key(lines.len(), limit, lines.last().map(|l| l.0));
    let rows = lines
        .into_iter()
        .map(|l| {
            let source = cites.source_with_lines(l.1, parse_lines(&l.11));
            json!({
                "id": l.0, "report_id": l.1, "kecamatan_code": l.2, "tahun": l.3,
                "level": l.4, "kode": l.5, "name": l.6,
                "pagu": l.7, "realisasi": l.8, "serapan_reported": l.9,
                "flags": parse_strings(&l.10),
                "source": source_value(source),
            })
        })
        .collect();
    Ok((rows, next))
}
