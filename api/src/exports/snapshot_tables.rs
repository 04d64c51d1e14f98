//! The bulk exports read from the analytics snapshot: rankings, scores, trends, story leads,
//! data quality and budget programs, each row citing the report (and figure) it was computed
//! from.

use analytics::{CompositeRow, IndicatorRankRow, QualityRow, StoryFlagRow};
use diesel::prelude::*;
use serde_json::json;
use warehouse::schema::{budget_line, indicator_fact, kabupaten, kecamatan, report};
use warehouse::schema_analytics::{
    budget_program, composite_score, indicator_rank, indicator_trend, report_quality, story_flag,
};
use warehouse::views::budget::ProgramLineView;
use warehouse::views::trends::TrendView;
use warehouse::DbConnection;

use super::paging::{next_key, next_offset, Rows};
use super::sources::{source_value, Citations};
use crate::error::ApiError;
use crate::provenance::parse_strings;

pub(super) fn count_budget_programs(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(budget_program::table.count().get_result(conn)?)
}

/// The rows of the `budget_program` view, read from the budget lines themselves so that the
/// pages follow the lines' primary key (`id > after`): through the view, each page of an OFFSET
/// would sort the whole national table again (docs/benchmarks.md, *Design decisions*).
pub(super) fn budget_programs_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let programs: Vec<ProgramLineView> = budget_line::table
        .inner_join(report::table.inner_join(kecamatan::table.inner_join(kabupaten::table)))
        .filter(report::superseded_by.is_null())
        .filter(budget_line::program_code_source.eq_any(COUNTED_PROGRAM_LINES))
        .filter(budget_line::id.gt(after))
        .order(budget_line::id)
        .limit(limit)
        .select(ProgramLineView::as_select())
        .load(conn)?;
    let cites = Citations::of(
        conn,
        programs.iter().map(|p| p.line.item.report_id).collect(),
        Vec::new(),
    )?;
    let next = next_key(programs.len(), limit, programs.last().map(|p| p.line.id));
    let rows = programs
        .into_iter()
        .map(|ProgramLineView { line, place, codes }| {
            let line = line.item;
            json!({
                "kecamatan_code": place.kecamatan_code, "tahun": place.tahun,
                "program_code": line.program_code,
                "kabupaten_code": codes.kabupaten_code, "provinsi_code": codes.provinsi_code,
                "name": line.name, "code_source": line.program_code_source,
                "pagu": line.pagu, "realisasi": line.realisasi,
                // Recomputed from the figures, exactly, as the report's own serapan is.
                "serapan": line.realisasi.zip(line.pagu)
                    .and_then(|(r, pagu)| model::Exact::percent_of(r, pagu, 2)),
                "source": source_value(cites.source(line.report_id, None)),
            })
        })
        .collect();
    Ok((rows, next))
}

/// The program lines that count (the view's rule): the first line of each program of a report,
/// coded from its printed code or its name; not a repeat, not a line still to be coded.
const COUNTED_PROGRAM_LINES: [&str; 2] = [
    model::program_code::source::PRINTED,
    model::program_code::source::NAME,
];

pub(super) fn count_rankings(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(indicator_rank::table.count().get_result(conn)?)
}

pub(super) fn rankings_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let ranks: Vec<IndicatorRankRow> = indicator_rank::table
        .filter(indicator_rank::fact_id.gt(after))
        .order(indicator_rank::fact_id)
        .limit(limit)
        .select(IndicatorRankRow::as_select())
        .load(conn)?;
    let cites = Citations::of(
        conn,
        ranks.iter().map(|r| r.report_id).collect(),
        ranks.iter().map(|r| r.fact_id).collect(),
    )?;
    let next = next_key(ranks.len(), limit, ranks.last().map(|r| r.fact_id));
    let rows = ranks
        .into_iter()
        .map(|r| {
            json!({
                "concept": r.concept_key, "tahun": r.tahun, "kecamatan_code": r.kecamatan_code,
                "kabupaten_code": r.kabupaten_code, "provinsi_code": r.provinsi_code,
                "direction": r.direction,
                "realisasi": r.realisasi, "capaian": r.capaian,
                "rank_kabupaten": r.rank_kabupaten, "n_kabupaten": r.n_kabupaten,
                "percentile_kabupaten": r.percentile_kabupaten,
                "rank_provinsi": r.rank_provinsi, "n_provinsi": r.n_provinsi,
                "percentile_provinsi": r.percentile_provinsi,
                "rank_nasional": r.rank_nasional, "n_nasional": r.n_nasional,
                "percentile_nasional": r.percentile_nasional,
                "kabupaten_median": r.kabupaten_median,
                "fact_id": r.fact_id,
                "source": source_value(cites.source(r.report_id, Some(r.fact_id))),
            })
        })
        .collect();
    Ok((rows, next))
}

pub(super) fn count_scores(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(composite_score::table.count().get_result(conn)?)
}

pub(super) fn scores_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let scores: Vec<CompositeRow> = composite_score::table
        .filter(composite_score::report_id.gt(after))
        .order(composite_score::report_id)
        .limit(limit)
        .select(CompositeRow::as_select())
        .load(conn)?;
    let cites = Citations::of(
        conn,
        scores.iter().map(|s| s.report_id).collect(),
        Vec::new(),
    )?;
    let next = next_key(scores.len(), limit, scores.last().map(|s| s.report_id));
    let rows = scores
        .into_iter()
        .map(|s| {
            json!({
                "kecamatan_code": s.kecamatan_code, "tahun": s.tahun,
                "kabupaten_code": s.kabupaten_code, "provinsi_code": s.provinsi_code,
                "score": s.score, "n_concepts": s.n_concepts,
                "concepts": parse_strings(&s.concept_keys),
                "rank_kabupaten": s.rank_kabupaten, "n_kabupaten": s.n_kabupaten,
                "rank_provinsi": s.rank_provinsi, "n_provinsi": s.n_provinsi,
                "rank_nasional": s.rank_nasional, "n_nasional": s.n_nasional,
                "source": source_value(cites.source(s.report_id, None)),
            })
        })
        .collect();
    Ok((rows, next))
}

pub(super) fn count_trends(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(indicator_trend::table.count().get_result(conn)?)
}

pub(super) fn trends_page(
    conn: &mut DbConnection,
    offset: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let trends: Vec<TrendView> = indicator_trend::table
        // The year's figure, its report and places are read through the fact and the kecamatan
        // (a trend row stores only what the trend adds).
        .inner_join(indicator_fact::table.on(indicator_fact::id.eq(indicator_trend::fact_id)))
        .inner_join(kecamatan::table.on(kecamatan::code.eq(indicator_trend::kecamatan_code)))
        .inner_join(kabupaten::table.on(kabupaten::code.eq(kecamatan::kabupaten_code)))
        .order((
            indicator_trend::kecamatan_code,
            indicator_trend::concept_key,
            indicator_trend::tahun,
        ))
        .offset(offset)
        .limit(limit)
        .select(TrendView::as_select())
        .load(conn)?;
    let cites = Citations::of(
        conn,
        trends.iter().map(|t| t.figure.report_id).collect(),
        trends.iter().map(|t| t.trend.fact_id).collect(),
    )?;
    let next = next_offset(trends.len(), limit, offset);
    let rows = trends
        .into_iter()
        .map(
            |TrendView {
                 trend: t,
                 figure: f,
                 codes,
             }| {
                json!({
                    "kecamatan_code": t.kecamatan_code, "concept": t.concept_key, "tahun": t.tahun,
                    "kabupaten_code": codes.kabupaten_code, "provinsi_code": codes.provinsi_code,
                    "direction": t.direction,
                    "from_history": t.from_history,
                    // The capaian analytics uses: our recomputation, else the printed one.
                    "target": f.target, "realisasi": f.realisasi,
                    "capaian": f.capaian_computed.or(f.capaian_reported),
                    "previous_realisasi": t.previous_realisasi, "change": t.change,
                    "change_relative": t.change_relative, "movement": t.movement,
                    "fact_id": t.fact_id,
                    "source": source_value(cites.source(f.report_id, Some(t.fact_id))),
                })
            },
        )
        .collect();
    Ok((rows, next))
}

pub(super) fn count_story_leads(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(story_flag::table.count().get_result(conn)?)
}

pub(super) fn story_leads_page(
    conn: &mut DbConnection,
    offset: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let leads: Vec<StoryFlagRow> = story_flag::table
        .order((
            story_flag::code,
            story_flag::kecamatan_code,
            story_flag::concept_key,
            story_flag::tahun_last,
        ))
        .offset(offset)
        .limit(limit)
        .select(StoryFlagRow::as_select())
        .load(conn)?;
    let report_ids = |json: &str| -> Vec<i64> { serde_json::from_str(json).unwrap_or_default() };
    let cites = Citations::of(
        conn,
        leads
            .iter()
            .flat_map(|l| report_ids(&l.report_ids))
            .collect(),
        Vec::new(),
    )?;
    let next = next_offset(leads.len(), limit, offset);
    let rows = leads
        .into_iter()
        .map(|l| {
            let ids = report_ids(&l.report_ids);
            // The newest report the lead rests on is the one to cite; all are listed.
            let source = ids.iter().max().and_then(|id| cites.source(*id, None));
            let years: Vec<i64> = serde_json::from_str(&l.years).unwrap_or_default();
            json!({
                "code": l.code, "kecamatan_code": l.kecamatan_code, "concept": l.concept_key,
                "tahun_first": l.tahun_first, "tahun_last": l.tahun_last,
                "kabupaten_code": l.kabupaten_code, "provinsi_code": l.provinsi_code,
                "severity": l.severity, "years": years, "report_ids": ids, "value": l.value,
                "message_id": l.message_id, "message_en": l.message_en,
                "source": source_value(source),
            })
        })
        .collect();
    Ok((rows, next))
}

pub(super) fn count_quality(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(report_quality::table.count().get_result(conn)?)
}

pub(super) fn quality_page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Rows, ApiError> {
    let grades: Vec<QualityRow> = report_quality::table
        .filter(report_quality::report_id.gt(after))
        .order(report_quality::report_id)
        .limit(limit)
        .select(QualityRow::as_select())
        .load(conn)?;
    let cites = Citations::of(
        conn,
        grades.iter().map(|g| g.report_id).collect(),
        Vec::new(),
    )?;
    let next = next_key(grades.len(), limit, grades.last().map(|g| g.report_id));
    let rows = grades
        .into_iter()
        .map(|g| {
            json!({
                "report_id": g.report_id, "kecamatan_code": g.kecamatan_code, "tahun": g.tahun,
                "grade": g.grade, "points": g.points,
                "n_figures": g.n_figures, "n_flagged": g.n_flagged,
                "flagged_share": g.flagged_share, "n_conflicts": g.n_conflicts,
                "conflict_codes": parse_strings(&g.conflict_codes),
                "missing_sections": parse_strings(&g.missing_sections),
                "source": source_value(cites.source(g.report_id, None)),
            })
        })
        .collect();
    Ok((rows, next))
}
