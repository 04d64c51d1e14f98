//! The tables one can download whole, each read page by page in a stable order: by an integer
//! key where the table has one (keyset), by position otherwise (the snapshot tables keyed by
//! codes, which are small enough for that).

use diesel::prelude::*;
use serde_json::{json, Value};
use warehouse::schema::{budget_line, kabupaten, kecamatan, provinsi, report};
use warehouse::schema_analytics::{
    budget_program, composite_score, indicator_rank, indicator_trend, report_quality, story_flag,
};
use warehouse::DbConnection;

use super::sources::{source_value, Citations};
use crate::error::ApiError;
use crate::handlers::facts::{count_facts, load_facts, FactFilter};
use crate::handlers::reports::report_page;
use crate::provenance::{parse_lines, parse_strings};

/// One page of rows and the cursor of the next page (None on the last).
pub type Rows = (Vec<Value>, Option<i64>);
type PageFn = fn(&mut DbConnection, i64, i64) -> Result<Rows, ApiError>;
type CountFn = fn(&mut DbConnection) -> Result<i64, ApiError>;

/// A downloadable table.
pub struct Table {
    pub name: &'static str,
    pub description: &'static str,
    pub count: CountFn,
    /// Rows after the cursor (0 for the first page), at most `limit` of them.
    pub page: PageFn,
}

/// Every table, in the order the list shows them.
pub static TABLES: [Table; 11] = [
    Table { name: "facts", description: "Every indicator figure of the current reports, of the report's own year, with its provenance (report, lines, cite).", count: count_current_facts, page: facts_page },
    Table { name: "facts_with_history", description: "As `facts`, plus earlier years' figures printed in the reports.", count: count_all_facts, page: facts_with_history_page },
    Table { name: "kecamatan", description: "Every kecamatan with its kabupaten and provinsi, and the camat, population and area of its latest current report.", count: count_kecamatan, page: kecamatan_page },
    Table { name: "reports", description: "Every loaded report, superseded versions included: file, sha256, parser version, load time, extraction issues by severity.", count: count_reports, page: reports_page },
    Table { name: "budget_lines", description: "Budget lines (program, kegiatan, sub-kegiatan) of the current reports: pagu, realisasi, serapan as printed, with provenance.", count: count_budget_lines, page: budget_lines_page },
    Table { name: "budget_programs", description: "Budget per kecamatan, year and program code (analytics snapshot), with the report it comes from.", count: count_budget_programs, page: budget_programs_page },
    Table { name: "rankings", description: "Each kecamatan's rank per indicator concept and year in its kabupaten, provinsi and the nation (analytics snapshot), with the figure's provenance.", count: count_rankings, page: rankings_page },
    Table { name: "scores", description: "Composite score per kecamatan and year and its ranks (analytics snapshot).", count: count_scores, page: scores_page },
    Table { name: "trends", description: "Year-over-year change per kecamatan, concept and year (analytics snapshot), exact changes, with the figure's provenance.", count: count_trends, page: trends_page },
    Table { name: "story_leads", description: "Story leads: patterns worth a journalist's question (analytics snapshot), with the reports they rest on.", count: count_story_leads, page: story_leads_page },
    Table { name: "quality", description: "Data-quality grade (A–E) per current report (analytics snapshot).", count: count_quality, page: quality_page },
];

/// The table of this name.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

fn to_values<T: serde::Serialize>(rows: &[T]) -> Result<Vec<Value>, ApiError> {
    rows.iter()
        .map(|r| serde_json::to_value(r).map_err(|e| ApiError::Internal(e.to_string())))
        .collect()
}

/// The next cursor of a keyset page: its last key, when the page was full.
fn next_key(len: usize, limit: i64, last: Option<i64>) -> Option<i64> {
    (i64::try_from(len).ok()? == limit)
        .then_some(last)
        .flatten()
}

/// The next cursor of a positional page.
fn next_offset(len: usize, limit: i64, offset: i64) -> Option<i64> {
    (i64::try_from(len).ok()? == limit).then_some(offset + limit)
}

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

fn facts_page(conn: &mut DbConnection, after: i64, limit: i64) -> Result<Rows, ApiError> {
    facts_with(conn, false, after, limit)
}

fn facts_with_history_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    facts_with(conn, true, after, limit)
}

fn count_current_facts(conn: &mut DbConnection) -> Result<i64, ApiError> {
    count_facts(conn, &FactFilter::default())
}

fn count_all_facts(conn: &mut DbConnection) -> Result<i64, ApiError> {
    count_facts(
        conn,
        &FactFilter {
            include_history: true,
            ..FactFilter::default()
        },
    )
}

fn count_kecamatan(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(kecamatan::table.count().get_result(conn)?)
}

fn kecamatan_page(conn: &mut DbConnection, offset: i64, limit: i64) -> Result<Rows, ApiError> {
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

fn count_reports(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(report::table.count().get_result(conn)?)
}

fn reports_page(conn: &mut DbConnection, after: i64, limit: i64) -> Result<Rows, ApiError> {
    let reports = report_page(conn, after, limit)?;
    let next = next_key(reports.len(), limit, reports.last().map(|r| r.id));
    Ok((to_values(&reports)?, next))
}

fn count_budget_lines(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(budget_line::table
        .inner_join(report::table)
        .filter(report::superseded_by.is_null())
        .count()
        .get_result(conn)?)
}

fn budget_lines_page(conn: &mut DbConnection, after: i64, limit: i64) -> Result<Rows, ApiError> {
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

fn count_budget_programs(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(budget_program::table.count().get_result(conn)?)
}

fn budget_programs_page(
    conn: &mut DbConnection,
    offset: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    #[allow(clippy::type_complexity)]
    let programs: Vec<(
        String,
        i32,
        String,
        String,
        String,
        i64,
        String,
        String,
        Option<model::Exact>,
        Option<model::Exact>,
        Option<model::Exact>,
    )> = budget_program::table
        .order((
            budget_program::kecamatan_code,
            budget_program::tahun,
            budget_program::program_code,
        ))
        .offset(offset)
        .limit(limit)
        .select((
            budget_program::kecamatan_code,
            budget_program::tahun,
            budget_program::program_code,
            budget_program::kabupaten_code,
            budget_program::provinsi_code,
            budget_program::report_id,
            budget_program::name,
            budget_program::code_source,
            budget_program::pagu,
            budget_program::realisasi,
            budget_program::serapan,
        ))
        .load(conn)?;
    let cites = Citations::of(conn, programs.iter().map(|p| p.5).collect(), Vec::new())?;
    let next = next_offset(programs.len(), limit, offset);
    let rows = programs
        .into_iter()
        .map(|p| {
            json!({
                "kecamatan_code": p.0, "tahun": p.1, "program_code": p.2,
                "kabupaten_code": p.3, "provinsi_code": p.4,
                "name": p.6, "code_source": p.7,
                "pagu": p.8, "realisasi": p.9, "serapan": p.10,
                "source": source_value(cites.source(p.5, None)),
            })
        })
        .collect();
    Ok((rows, next))
}

fn count_rankings(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(indicator_rank::table.count().get_result(conn)?)
}

fn rankings_page(conn: &mut DbConnection, after: i64, limit: i64) -> Result<Rows, ApiError> {
    #[allow(clippy::type_complexity)]
    let ranks: Vec<(
        (String, i32, String, String, String, i64, i64, String),
        (
            Option<model::Exact>,
            Option<model::Exact>,
            Option<i32>,
            i32,
            Option<f64>,
            Option<i32>,
            i32,
            Option<f64>,
            Option<i32>,
            i32,
            Option<f64>,
            Option<f64>,
        ),
    )> = indicator_rank::table
        .filter(indicator_rank::fact_id.gt(after))
        .order(indicator_rank::fact_id)
        .limit(limit)
        .select((
            (
                indicator_rank::concept_key,
                indicator_rank::tahun,
                indicator_rank::kecamatan_code,
                indicator_rank::kabupaten_code,
                indicator_rank::provinsi_code,
                indicator_rank::report_id,
                indicator_rank::fact_id,
                indicator_rank::direction,
            ),
            (
                indicator_rank::realisasi,
                indicator_rank::capaian,
                indicator_rank::rank_kabupaten,
                indicator_rank::n_kabupaten,
                indicator_rank::percentile_kabupaten,
                indicator_rank::rank_provinsi,
                indicator_rank::n_provinsi,
                indicator_rank::percentile_provinsi,
                indicator_rank::rank_nasional,
                indicator_rank::n_nasional,
                indicator_rank::percentile_nasional,
                indicator_rank::kabupaten_median,
            ),
        ))
        .load(conn)?;
    let cites = Citations::of(
        conn,
        ranks.iter().map(|r| r.0 .5).collect(),
        ranks.iter().map(|r| r.0 .6).collect(),
    )?;
    let next = next_key(ranks.len(), limit, ranks.last().map(|r| r.0 .6));
    let rows = ranks
        .into_iter()
        .map(|(k, v)| {
            json!({
                "concept": k.0, "tahun": k.1, "kecamatan_code": k.2,
                "kabupaten_code": k.3, "provinsi_code": k.4, "direction": k.7,
                "realisasi": v.0, "capaian": v.1,
                "rank_kabupaten": v.2, "n_kabupaten": v.3, "percentile_kabupaten": v.4,
                "rank_provinsi": v.5, "n_provinsi": v.6, "percentile_provinsi": v.7,
                "rank_nasional": v.8, "n_nasional": v.9, "percentile_nasional": v.10,
                "kabupaten_median": v.11,
                "fact_id": k.6,
                "source": source_value(cites.source(k.5, Some(k.6))),
            })
        })
        .collect();
    Ok((rows, next))
}

fn count_scores(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(composite_score::table.count().get_result(conn)?)
}

fn scores_page(conn: &mut DbConnection, after: i64, limit: i64) -> Result<Rows, ApiError> {
    #[allow(clippy::type_complexity)]
    let scores: Vec<(
        i64,
        String,
        i32,
        String,
        String,
        f64,
        i32,
        String,
        i32,
        i32,
        i32,
        i32,
        i32,
        i32,
    )> = composite_score::table
        .filter(composite_score::report_id.gt(after))
        .order(composite_score::report_id)
        .limit(limit)
        .select((
            composite_score::report_id,
            composite_score::kecamatan_code,
            composite_score::tahun,
            composite_score::kabupaten_code,
            composite_score::provinsi_code,
            composite_score::score,
            composite_score::n_concepts,
            composite_score::concept_keys,
            composite_score::rank_kabupaten,
            composite_score::n_kabupaten,
            composite_score::rank_provinsi,
            composite_score::n_provinsi,
            composite_score::rank_nasional,
            composite_score::n_nasional,
        ))
        .load(conn)?;
    let cites = Citations::of(conn, scores.iter().map(|s| s.0).collect(), Vec::new())?;
    let next = next_key(scores.len(), limit, scores.last().map(|s| s.0));
    let rows = scores
        .into_iter()
        .map(|s| {
            json!({
                "kecamatan_code": s.1, "tahun": s.2, "kabupaten_code": s.3, "provinsi_code": s.4,
                "score": s.5, "n_concepts": s.6, "concepts": parse_strings(&s.7),
                "rank_kabupaten": s.8, "n_kabupaten": s.9,
                "rank_provinsi": s.10, "n_provinsi": s.11,
                "rank_nasional": s.12, "n_nasional": s.13,
                "source": source_value(cites.source(s.0, None)),
            })
        })
        .collect();
    Ok((rows, next))
}

fn count_trends(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(indicator_trend::table.count().get_result(conn)?)
}

fn trends_page(conn: &mut DbConnection, offset: i64, limit: i64) -> Result<Rows, ApiError> {
    #[allow(clippy::type_complexity)]
    let trends: Vec<(
        (String, String, i32, String, String, String, i64, i64, bool),
        (
            Option<model::Exact>,
            Option<model::Exact>,
            Option<model::Exact>,
            Option<model::Exact>,
            Option<model::Exact>,
            Option<f64>,
            Option<String>,
        ),
    )> = indicator_trend::table
        .order((
            indicator_trend::kecamatan_code,
            indicator_trend::concept_key,
            indicator_trend::tahun,
        ))
        .offset(offset)
        .limit(limit)
        .select((
            (
                indicator_trend::kecamatan_code,
                indicator_trend::concept_key,
                indicator_trend::tahun,
                indicator_trend::kabupaten_code,
                indicator_trend::provinsi_code,
                indicator_trend::direction,
                indicator_trend::report_id,
                indicator_trend::fact_id,
                indicator_trend::from_history,
            ),
            (
                indicator_trend::target,
                indicator_trend::realisasi,
                indicator_trend::capaian,
                indicator_trend::previous_realisasi,
                indicator_trend::change,
                indicator_trend::change_relative,
                indicator_trend::movement,
            ),
        ))
        .load(conn)?;
    let cites = Citations::of(
        conn,
        trends.iter().map(|t| t.0 .6).collect(),
        trends.iter().map(|t| t.0 .7).collect(),
    )?;
    let next = next_offset(trends.len(), limit, offset);
    let rows = trends
        .into_iter()
        .map(|(k, v)| {
            json!({
                "kecamatan_code": k.0, "concept": k.1, "tahun": k.2,
                "kabupaten_code": k.3, "provinsi_code": k.4, "direction": k.5,
                "from_history": k.8,
                "target": v.0, "realisasi": v.1, "capaian": v.2,
                "previous_realisasi": v.3, "change": v.4, "change_relative": v.5, "movement": v.6,
                "fact_id": k.7,
                "source": source_value(cites.source(k.6, Some(k.7))),
            })
        })
        .collect();
    Ok((rows, next))
}

fn count_story_leads(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(story_flag::table.count().get_result(conn)?)
}

fn story_leads_page(conn: &mut DbConnection, offset: i64, limit: i64) -> Result<Rows, ApiError> {
    #[allow(clippy::type_complexity)]
    let leads: Vec<(
        String,
        String,
        String,
        i32,
        i32,
        String,
        String,
        String,
        String,
        String,
        Option<model::Exact>,
        String,
        String,
    )> = story_flag::table
        .order((
            story_flag::code,
            story_flag::kecamatan_code,
            story_flag::concept_key,
            story_flag::tahun_last,
        ))
        .offset(offset)
        .limit(limit)
        .select((
            story_flag::code,
            story_flag::kecamatan_code,
            story_flag::concept_key,
            story_flag::tahun_first,
            story_flag::tahun_last,
            story_flag::kabupaten_code,
            story_flag::provinsi_code,
            story_flag::severity,
            story_flag::years,
            story_flag::report_ids,
            story_flag::value,
            story_flag::message_id,
            story_flag::message_en,
        ))
        .load(conn)?;
    let report_ids = |json: &str| -> Vec<i64> { serde_json::from_str(json).unwrap_or_default() };
    let cites = Citations::of(
        conn,
        leads.iter().flat_map(|l| report_ids(&l.9)).collect(),
        Vec::new(),
    )?;
    let next = next_offset(leads.len(), limit, offset);
    let rows = leads
        .into_iter()
        .map(|l| {
            let ids = report_ids(&l.9);
            // The newest report the lead rests on is the one to cite; all are listed.
            let source = ids.iter().max().and_then(|id| cites.source(*id, None));
            let years: Vec<i64> = serde_json::from_str(&l.8).unwrap_or_default();
            json!({
                "code": l.0, "kecamatan_code": l.1, "concept": l.2,
                "tahun_first": l.3, "tahun_last": l.4,
                "kabupaten_code": l.5, "provinsi_code": l.6, "severity": l.7,
                "years": years, "report_ids": ids, "value": l.10,
                "message_id": l.11, "message_en": l.12,
                "source": source_value(source),
            })
        })
        .collect();
    Ok((rows, next))
}

fn count_quality(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(report_quality::table.count().get_result(conn)?)
}

fn quality_page(conn: &mut DbConnection, after: i64, limit: i64) -> Result<Rows, ApiError> {
    #[allow(clippy::type_complexity)]
    let grades: Vec<(
        i64,
        String,
        i32,
        i32,
        i32,
        f64,
        i32,
        String,
        String,
        f64,
        String,
    )> = report_quality::table
        .filter(report_quality::report_id.gt(after))
        .order(report_quality::report_id)
        .limit(limit)
        .select((
            report_quality::report_id,
            report_quality::kecamatan_code,
            report_quality::tahun,
            report_quality::n_figures,
            report_quality::n_flagged,
            report_quality::flagged_share,
            report_quality::n_conflicts,
            report_quality::conflict_codes,
            report_quality::missing_sections,
            report_quality::points,
            report_quality::grade,
        ))
        .load(conn)?;
    let cites = Citations::of(conn, grades.iter().map(|g| g.0).collect(), Vec::new())?;
    let next = next_key(grades.len(), limit, grades.last().map(|g| g.0));
    let rows = grades
        .into_iter()
        .map(|g| {
            json!({
                "report_id": g.0, "kecamatan_code": g.1, "tahun": g.2,
                "grade": g.10, "points": g.9,
                "n_figures": g.3, "n_flagged": g.4, "flagged_share": g.5,
                "n_conflicts": g.6, "conflict_codes": parse_strings(&g.7),
                "missing_sections": parse_strings(&g.8),
                "source": source_value(cites.source(g.0, None)),
            })
        })
        .collect();
    Ok((rows, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_stop_at_a_short_page() {
        assert_eq!(next_key(10, 10, Some(42)), Some(42));
        assert_eq!(next_key(9, 10, Some(42)), None);
        assert_eq!(next_offset(10, 10, 20), Some(30));
        assert_eq!(next_offset(3, 10, 20), None);
    }

    #[test]
    fn names_are_unique_and_found() {
        for t in &TABLES {
            assert_eq!(TABLES.iter().filter(|u| u.name == t.name).count(), 1);
            assert!(table(t.name).is_some());
        }
        assert!(table("nope").is_none());
    }
}
