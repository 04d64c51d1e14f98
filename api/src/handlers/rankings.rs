//! Rankings per indicator concept and year, and the composite score, from the analytics
//! snapshots: every rank comes with the number of kecamatan compared.

use std::collections::HashMap;

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use model::{Exact, RegionLevel};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{indicator_fact, kabupaten, kecamatan, report};
use warehouse::schema_analytics::{composite_score, indicator_rank};
use warehouse::DbConnection;

use crate::error::ApiError;
use crate::params;
use crate::provenance::{parse_lines, parse_strings, Provenance, ReportRef};
use crate::respond::{respond, Page};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ScopeQuery {
    /// Year; default: the newest year with figures.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// Only this kabupaten, ranks within it (code, e.g. `33.13`).
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2})?$")]
    pub kabupaten: Option<String>,
    /// Only this provinsi, ranks within it (code, e.g. `33`).
    #[param(value_type = Option<String>, pattern = "^([0-9]{2})?$")]
    pub provinsi: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// Where the ranks are taken: the kabupaten, the provinsi or the whole country.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Kabupaten,
    Provinsi,
    Nasional,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RankedKecamatan {
    /// Rank within the scope (1 = best, direction-aware); null when the figure is missing.
    pub rank: Option<i32>,
    /// How many kecamatan the rank is among.
    pub compared: i32,
    /// Share of the compared kecamatan this one does at least as well as, 0–100.
    pub percentile: Option<f64>,
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten_code: String,
    pub kabupaten: String,
    pub tahun: i32,
    pub direction: String,
    #[schema(value_type = Option<String>, example = "83.20")]
    pub realisasi: Option<Exact>,
    /// Capaian used for ranking, in percent (recomputed; the printed one when not computable).
    #[schema(value_type = Option<String>, example = "110.93")]
    pub capaian: Option<Exact>,
    pub rank_kabupaten: Option<i32>,
    pub n_kabupaten: i32,
    pub rank_provinsi: Option<i32>,
    pub n_provinsi: i32,
    pub rank_nasional: Option<i32>,
    pub n_nasional: i32,
    pub kabupaten_median: Option<f64>,
    pub distance_to_median: Option<f64>,
    pub flags: Vec<String>,
    /// Data-quality grade (A–E) of the report the figure comes from; see /api/v1/quality.
    pub quality_grade: Option<String>,
    pub source: Provenance,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Ranking {
    pub concept: String,
    pub tahun: Option<i32>,
    pub scope: Scope,
    /// How many kecamatan are compared in the scope.
    pub compared: i64,
    pub data: Vec<RankedKecamatan>,
    pub licence: &'static str,
}

#[allow(clippy::type_complexity)]
type RankTuple = (
    (String, i32, String, String, i64, i64, String),
    (Option<Exact>, Option<Exact>),
    (
        Option<i32>,
        i32,
        Option<f64>,
        Option<i32>,
        i32,
        Option<f64>,
        Option<i32>,
        i32,
        Option<f64>,
    ),
    (Option<f64>, Option<f64>),
    (String, String, String, String),
);

fn scope_of(kabupaten: &Option<model::RegionCode>, provinsi: &Option<model::RegionCode>) -> Scope {
    match (kabupaten, provinsi) {
        (Some(_), _) => Scope::Kabupaten,
        (None, Some(_)) => Scope::Provinsi,
        (None, None) => Scope::Nasional,
    }
}

/// (lines, flags) of the facts behind ranked rows.
fn fact_details(
    conn: &mut DbConnection,
    ids: Vec<i64>,
) -> QueryResult<HashMap<i64, (String, String)>> {
    let rows: Vec<(i64, String, String)> = indicator_fact::table
        .filter(indicator_fact::id.eq_any(ids))
        .select((
            indicator_fact::id,
            indicator_fact::lines,
            indicator_fact::flags,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, lines, flags)| (id, (lines, flags)))
        .collect())
}

fn load_ranking(
    conn: &mut DbConnection,
    concept: &str,
    tahun: Option<i32>,
    kab: &Option<model::RegionCode>,
    prov: &Option<model::RegionCode>,
) -> Result<Ranking, ApiError> {
    let tahun = match tahun {
        Some(t) => Some(t),
        None => indicator_rank::table
            .filter(indicator_rank::concept_key.eq(concept))
            .select(diesel::dsl::max(indicator_rank::tahun))
            .first::<Option<i32>>(conn)?,
    };
    let scope = scope_of(kab, prov);
    let mut q = indicator_rank::table
        .inner_join(kecamatan::table.inner_join(kabupaten::table))
        .inner_join(report::table)
        .filter(indicator_rank::concept_key.eq(concept.to_owned()))
        .filter(indicator_rank::tahun.eq(tahun.unwrap_or(0)))
        .select((
            (
                indicator_rank::kecamatan_code,
                indicator_rank::tahun,
                indicator_rank::kabupaten_code,
                indicator_rank::direction,
                indicator_rank::report_id,
                indicator_rank::fact_id,
                indicator_rank::provinsi_code,
            ),
            (indicator_rank::realisasi, indicator_rank::capaian),
            (
                indicator_rank::rank_kabupaten,
                indicator_rank::n_kabupaten,
                indicator_rank::percentile_kabupaten,
                indicator_rank::rank_provinsi,
                indicator_rank::n_provinsi,
                indicator_rank::percentile_provinsi,
                indicator_rank::rank_nasional,
                indicator_rank::n_nasional,
                indicator_rank::percentile_nasional,
            ),
            (
                indicator_rank::kabupaten_median,
                indicator_rank::distance_to_median,
            ),
            (
                kecamatan::name,
                kabupaten::name,
                report::file_name,
                report::sha256,
            ),
        ))
        .into_boxed();
    if let Some(k) = kab {
        q = q.filter(indicator_rank::kabupaten_code.eq(k.to_string()));
    }
    if let Some(p) = prov {
        q = q.filter(indicator_rank::provinsi_code.eq(p.to_string()));
    }
    let rows: Vec<RankTuple> = q.load(conn)?;
    let details = fact_details(conn, rows.iter().map(|r| r.0 .5).collect())?;
    let grades = super::insights::grades_of(conn, rows.iter().map(|r| r.0 .4).collect())?;
    let mut data: Vec<RankedKecamatan> = rows
        .into_iter()
        .map(|(head, figures, ranks, median, names)| {
            let (rank, compared, percentile) = match scope {
                Scope::Kabupaten => (ranks.0, ranks.1, ranks.2),
                Scope::Provinsi => (ranks.3, ranks.4, ranks.5),
                Scope::Nasional => (ranks.6, ranks.7, ranks.8),
            };
            let (lines, flags) = details.get(&head.5).cloned().unwrap_or_default();
            let source = ReportRef {
                report_id: head.4,
                file: &names.2,
                sha256: &names.3,
                kecamatan: &names.0,
                kabupaten: &names.1,
                tahun: head.1,
            }
            .provenance(parse_lines(&lines));
            RankedKecamatan {
                rank,
                compared,
                percentile,
                kecamatan_code: head.0,
                kecamatan: names.0,
                kabupaten_code: head.2,
                kabupaten: names.1,
                tahun: head.1,
                direction: head.3,
                realisasi: figures.0,
                capaian: figures.1,
                rank_kabupaten: ranks.0,
                n_kabupaten: ranks.1,
                rank_provinsi: ranks.3,
                n_provinsi: ranks.4,
                rank_nasional: ranks.6,
                n_nasional: ranks.7,
                kabupaten_median: median.0,
                distance_to_median: median.1,
                flags: parse_strings(&flags),
                quality_grade: grades.get(&head.4).cloned(),
                source,
            }
        })
        .collect();
    // Best first; kecamatan without a comparable figure last, in code order.
    data.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, &a.kecamatan_code).cmp(&(
            b.rank.is_none(),
            b.rank,
            &b.kecamatan_code,
        ))
    });
    Ok(Ranking {
        concept: concept.to_owned(),
        tahun,
        scope,
        compared: data.first().map_or(0, |d| i64::from(d.compared)),
        data,
        licence: crate::respond::LICENCE,
    })
}

/// Kecamatan ranked on one indicator concept in one year, within a kabupaten, a provinsi or
/// the country.
#[utoipa::path(
    get, path = "/api/v1/rankings/{concept}", tag = "indicators",
    params(("concept" = String, Path, description = "Concept key, e.g. `ikm` (see /api/v1/indicators)"), ScopeQuery),
    responses(
        (status = 200, description = "The ranking, best first, with the number compared", content((Ranking = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A parameter is malformed", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such concept", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/rankings/{concept}")]
pub async fn ranking(
    req: HttpRequest,
    state: web::Data<AppState>,
    concept: web::Path<String>,
    query: web::Query<ScopeQuery>,
) -> Result<HttpResponse, ApiError> {
    let concept = concept.into_inner();
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let kab = params::optional_code_at(
        "kabupaten",
        query.kabupaten.as_deref(),
        RegionLevel::Kabupaten,
    )?;
    let prov =
        params::optional_code_at("provinsi", query.provinsi.as_deref(), RegionLevel::Provinsi)?;
    let ranking = state
        .db(move |conn| {
            // A concept of the taxonomy, or one the snapshots rank (facts may name concepts a
            // later taxonomy dropped). Two index lookups; the key lists only for a 404.
            let in_taxonomy: bool = diesel::select(diesel::dsl::exists(
                warehouse::schema::indicator_concept::table.find(&concept),
            ))
            .get_result(conn)?;
            let ranked = in_taxonomy
                || diesel::select(diesel::dsl::exists(
                    indicator_rank::table.filter(indicator_rank::concept_key.eq(&concept)),
                ))
                .get_result::<bool>(conn)?;
            if !ranked {
                let known: Vec<String> = warehouse::schema::indicator_concept::table
                    .select(warehouse::schema::indicator_concept::key)
                    .load(conn)?;
                let mut suggestions: Vec<String> = known
                    .into_iter()
                    .filter(|k| strsim::jaro_winkler(k, &concept) >= 0.8)
                    .collect();
                suggestions.truncate(5);
                return Err(ApiError::NotFound {
                    what: "indicator concept",
                    key: concept,
                    suggestions,
                });
            }
            load_ranking(conn, &concept, tahun, &kab, &prov)
        })
        .await?;
    respond(&req, &ranking)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CompositeScore {
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten_code: String,
    pub kabupaten: String,
    pub tahun: i32,
    pub report_id: i64,
    /// Mean capaian (capped) over the concepts that entered; see /methodology.
    pub score: f64,
    /// The concepts that entered the score.
    pub concepts: Vec<String>,
    pub rank_kabupaten: i32,
    pub n_kabupaten: i32,
    pub rank_provinsi: i32,
    pub n_provinsi: i32,
    pub rank_nasional: i32,
    pub n_nasional: i32,
    /// Data-quality grade (A–E) of the report; see /api/v1/quality.
    pub quality_grade: Option<String>,
}

#[allow(clippy::type_complexity)]
type ScoreTuple = (
    (String, i32, String, i64, f64, String),
    (i32, i32, i32, i32, i32, i32),
    (String, String),
);

/// Composite scores per kecamatan and year, with their coverage and ranks.
#[utoipa::path(
    get, path = "/api/v1/scores", tag = "indicators", params(ScopeQuery),
    responses(
        (status = 200, description = "Scores, best first nationally", content((Page<CompositeScore> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A parameter is malformed", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "An unknown region code in a filter; close codes are suggested", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/scores")]
pub async fn scores(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ScopeQuery>,
) -> Result<HttpResponse, ApiError> {
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let kab = params::optional_code_at(
        "kabupaten",
        query.kabupaten.as_deref(),
        RegionLevel::Kabupaten,
    )?;
    let prov =
        params::optional_code_at("provinsi", query.provinsi.as_deref(), RegionLevel::Provinsi)?;
    let rows = state
        .db(move |conn| {
            let tahun = match tahun {
                Some(t) => t,
                None => composite_score::table
                    .select(diesel::dsl::max(composite_score::tahun))
                    .first::<Option<i32>>(conn)?
                    .unwrap_or(0),
            };
            let mut q = composite_score::table
                .inner_join(kecamatan::table.inner_join(kabupaten::table))
                .filter(composite_score::tahun.eq(tahun))
                .order((
                    composite_score::rank_nasional,
                    composite_score::kecamatan_code,
                ))
                .select((
                    (
                        composite_score::kecamatan_code,
                        composite_score::tahun,
                        composite_score::kabupaten_code,
                        composite_score::report_id,
                        composite_score::score,
                        composite_score::concept_keys,
                    ),
                    (
                        composite_score::rank_kabupaten,
                        composite_score::n_kabupaten,
                        composite_score::rank_provinsi,
                        composite_score::n_provinsi,
                        composite_score::rank_nasional,
                        composite_score::n_nasional,
                    ),
                    (kecamatan::name, kabupaten::name),
                ))
                .into_boxed();
            if let Some(k) = &kab {
                q = q.filter(composite_score::kabupaten_code.eq(k.to_string()));
            }
            if let Some(p) = &prov {
                q = q.filter(composite_score::provinsi_code.eq(p.to_string()));
            }
            let rows: Vec<ScoreTuple> = q.load(conn)?;
            let grades = super::insights::grades_of(conn, rows.iter().map(|r| r.0 .3).collect())?;
            Ok(rows
                .into_iter()
                .map(|(head, ranks, names)| CompositeScore {
                    kecamatan_code: head.0,
                    tahun: head.1,
                    kabupaten_code: head.2,
                    report_id: head.3,
                    score: head.4,
                    concepts: parse_strings(&head.5),
                    rank_kabupaten: ranks.0,
                    n_kabupaten: ranks.1,
                    rank_provinsi: ranks.2,
                    n_provinsi: ranks.3,
                    rank_nasional: ranks.4,
                    n_nasional: ranks.5,
                    quality_grade: grades.get(&head.3).cloned(),
                    kecamatan: names.0,
                    kabupaten: names.1,
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    respond(&req, &Page::new(rows, total, None))
}
