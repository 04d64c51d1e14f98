//! The bulk exports read from the warehouse's own tables: facts, kecamatan, reports and budget
//! lines, each row with the provenance of the report it was read from.

use diesel::prelude::*;
use serde_json::json;
use warehouse::schema::{budget_line, kabupaten, kecamatan, provinsi, report};
use warehouse::views::budget::{BudgetLineRow, BudgetLineView};
use warehouse::views::kecamatan::ProfileRow;
use warehouse::views::parts::RegionNames;
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
    let regions: Vec<RegionNames> = kecamatan::table
        .inner_join(kabupaten::table.inner_join(provinsi::table))
        .order(kecamatan::code)
        .offset(offset)
        .limit(limit)
        .select(RegionNames::as_select())
        .load(conn)?;
    let codes: Vec<String> = regions.iter().map(|r| r.kecamatan_code.clone()).collect();
    // The latest current report of each kecamatan: newest year first, the first one wins.
    let latest: Vec<ProfileRow> = report::table
        .filter(report::superseded_by.is_null())
        .filter(report::kecamatan_code.eq_any(codes))
        .order((report::kecamatan_code, report::tahun.desc()))
        .select(ProfileRow::as_select())
        .load(conn)?;
    let cites = Citations::of(
        conn,
        latest.iter().map(|r| r.report_id).collect(),
        Vec::new(),
    )?;
    let rows = regions
        .iter()
        .map(|region| {
            let report = latest
                .iter()
                .find(|r| r.kecamatan_code == region.kecamatan_code);
            json!({
                "code": region.kecamatan_code, "name": region.kecamatan,
                "kabupaten_code": region.kabupaten_code, "kabupaten": region.kabupaten,
                "provinsi_code": region.provinsi_code, "provinsi": region.provinsi,
                "latest_tahun": report.map(|r| r.tahun),
                "camat": report.and_then(|r| r.profile.camat_nama.clone()),
                "penduduk": report.and_then(|r| r.profile.penduduk),
                "luas_km2": report.and_then(|r| r.profile.luas_km2),
                "source": source_value(report.and_then(|r| cites.source(r.report_id, None))),
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
    let lines: Vec<BudgetLineView> = budget_line::table
        .inner_join(report::table)
        .filter(report::superseded_by.is_null())
        .filter(budget_line::id.gt(after))
        .order(budget_line::id)
        .limit(limit)
        .select(BudgetLineView::as_select())
        .load(conn)?;
    let cites = Citations::of(
        conn,
        lines.iter().map(|l| l.line.item.report_id).collect(),
        Vec::new(),
    )?;
    let next = next_key(lines.len(), limit, lines.last().map(|l| l.line.id));
    let rows = lines
        .into_iter()
        .map(|BudgetLineView { line, place }| {
            let BudgetLineRow { id, item: l } = line;
            let source = cites.source_with_lines(l.report_id, parse_lines(&l.lines));
            json!({
                "id": id, "report_id": l.report_id,
                "kecamatan_code": place.kecamatan_code, "tahun": place.tahun,
                "level": l.level, "kode": l.kode, "name": l.name,
                "pagu": l.pagu, "realisasi": l.realisasi, "serapan_reported": l.serapan_reported,
                "flags": parse_strings(&l.flags),
                "source": source_value(source),
            })
        })
        .collect();
    Ok((rows, next))
}
