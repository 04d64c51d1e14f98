//! Rankings per indicator concept and year, and the composite score, from the analytics
//! snapshots: every rank comes with the number of kecamatan compared.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use model::{Exact, RegionLevel};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{indicator_fact, kabupaten, kecamatan, report};
use warehouse::schema_analytics::{composite_score, indicator_rank};
use warehouse::views::rankings::{RankView, ScoreView};
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

/// A [`ScopeQuery`] checked: the year and the region codes asked for.
struct ScopeFilter {
    tahun: Option<i32>,
    kabupaten: Option<model::RegionCode>,
    provinsi: Option<model::RegionCode>,
}

impl ScopeQuery {
    /// Checks each parameter: a malformed year or code is a 400, an unknown code a 404.
    fn parse(&self) -> Result<ScopeFilter, ApiError> {
        Ok(ScopeFilter {
            tahun: params::year("tahun", self.tahun.as_deref())?,
            kabupaten: params::optional_code_at(
                "kabupaten",
                self.kabupaten.as_deref(),
                RegionLevel::Kabupaten,
            )?,
            provinsi: params::optional_code_at(
                "provinsi",
                self.provinsi.as_deref(),
                RegionLevel::Provinsi,
            )?,
        })
    }
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
    pub realisasi: Option<Exact>,
    /// Capaian used for ranking, in percent (recomputed; the printed one when not computable).
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
    /// `high` or `medium`: low-confidence figures are never ranked (see `left_out`).
    #[schema(example = "high")]
    pub confidence: String,
    pub confidence_reasons: Vec<String>,
    /// Data-quality grade (A–E) of the report the figure comes from; see /api/v1/quality.
    pub quality_grade: Option<String>,
    pub source: Provenance,
}

/// Figures a ranking or score left out under the publication rule (see /methodology): of low
/// confidence and not confirmed. They are shown on their reports' pages with their reasons.
#[derive(Debug, Default, Serialize, ToSchema, PartialEq, Eq)]
pub struct LeftOut {
    /// How many figures were left out.
    pub count: i64,
    /// How many of them each reason applies to (a figure may have several reasons).
    pub reasons: BTreeMap<String, i64>,
}

impl LeftOut {
    fn add(&mut self, reasons: &[String]) {
        self.count += 1;
        for r in reasons {
            *self.reasons.entry(r.clone()).or_default() += 1;
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Ranking {
    pub concept: String,
    pub tahun: Option<i32>,
    pub scope: Scope,
    /// How many kecamatan are compared in the scope.
    pub compared: i64,
    /// Kecamatan of the scope whose figure for the concept and year was left out (low
    /// confidence, not confirmed), counted by reason; they are not in `data`.
    pub left_out: LeftOut,
    pub left_out_kecamatan: Vec<String>,
    pub data: Vec<RankedKecamatan>,
    pub licence: &'static str,
}

/// Own-year figures of current reports that the publication rule leaves out of comparisons.
fn low_unconfirmed() -> diesel::dsl::And<
    diesel::dsl::Eq<indicator_fact::confidence, &'static str>,
    diesel::dsl::Eq<indicator_fact::confirmed, bool>,
> {
    indicator_fact::confidence
        .eq("low")
        .and(indicator_fact::confirmed.eq(false))
}

/// The kecamatan of the scope whose figure of `concept` in `tahun` is left out of the ranking
/// (none of their figures of the concept ranked), and why.
fn ranking_left_out(
    conn: &mut DbConnection,
    concept: &str,
    tahun: i32,
    kab: &Option<model::RegionCode>,
    prov: &Option<model::RegionCode>,
    ranked: &BTreeSet<String>,
) -> QueryResult<(LeftOut, Vec<String>)> {
    let mut q = indicator_fact::table
        .inner_join(report::table.inner_join(kecamatan::table.inner_join(kabupaten::table)))
        .filter(report::superseded_by.is_null())
        .filter(indicator_fact::is_history.eq(false))
        .filter(indicator_fact::concept_key.eq(concept.to_owned()))
        .filter(indicator_fact::tahun.eq(tahun))
        .filter(report::tahun.eq(tahun))
        .filter(low_unconfirmed())
        .order(indicator_fact::id)
        .select((report::kecamatan_code, indicator_fact::confidence_reasons))
        .into_boxed();
    if let Some(k) = kab {
        q = q.filter(kecamatan::kabupaten_code.eq(k.to_string()));
    }
    if let Some(p) = prov {
        q = q.filter(kabupaten::provinsi_code.eq(p.to_string()));
    }
    let rows: Vec<(String, String)> = q.load(conn)?;
    let mut out = LeftOut::default();
    let mut kecamatan = Vec::new();
    for (code, reasons) in rows {
        if ranked.contains(&code) || kecamatan.contains(&code) {
            continue;
        }
        out.add(&parse_strings(&reasons));
        kecamatan.push(code);
    }
    Ok((out, kecamatan))
}

/// Per report, the goal-level concepts of its own year left out of its composite score (low
/// confidence, not confirmed), and why.
fn score_left_out(
    conn: &mut DbConnection,
    entered: &HashMap<i64, Vec<String>>,
) -> QueryResult<HashMap<i64, LeftOut>> {
    let rows: Vec<(i64, String, String)> = indicator_fact::table
        .inner_join(report::table)
        .filter(indicator_fact::report_id.eq_any(entered.keys().copied().collect::<Vec<_>>()))
        .filter(indicator_fact::is_history.eq(false))
        .filter(indicator_fact::tahun.eq(report::tahun))
        .filter(indicator_fact::level.eq_any(["tujuan", "sasaran", "iku"]))
        .filter(low_unconfirmed())
        .order(indicator_fact::id)
        .select((
            indicator_fact::report_id,
            indicator_fact::concept_key.assume_not_null(),
            indicator_fact::confidence_reasons,
        ))
        .filter(indicator_fact::concept_key.is_not_null())
        .load(conn)?;
    let mut out: HashMap<i64, LeftOut> = HashMap::new();
    let mut seen: BTreeSet<(i64, String)> = BTreeSet::new();
    for (report_id, concept, reasons) in rows {
        let counted = entered
            .get(&report_id)
            .is_some_and(|c| c.contains(&concept));
        if counted || !seen.insert((report_id, concept)) {
            continue;
        }
        out.entry(report_id)
            .or_default()
            .add(&parse_strings(&reasons));
    }
    Ok(out)
}

fn scope_of(kabupaten: &Option<model::RegionCode>, provinsi: &Option<model::RegionCode>) -> Scope {
    match (kabupaten, provinsi) {
        (Some(_), _) => Scope::Kabupaten,
        (None, Some(_)) => Scope::Provinsi,
        (None, None) => Scope::Nasional,
    }
}

/// Details of a fact behind a ranked row: lines, flags, confidence and its reasons.
type FactDetails = (String, String, Option<String>, String);

/// The details of the facts behind ranked rows.
fn fact_details(conn: &mut DbConnection, ids: Vec<i64>) -> QueryResult<HashMap<i64, FactDetails>> {
    let rows: Vec<(i64, FactDetails)> = indicator_fact::table
        .filter(indicator_fact::id.eq_any(ids))
        .select((
            indicator_fact::id,
            (
                indicator_fact::lines,
                indicator_fact::flags,
                indicator_fact::confidence,
                indicator_fact::confidence_reasons,
            ),
        ))
        .load(conn)?;
    Ok(rows.into_iter().collect())
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
        .select(RankView::as_select())
        .into_boxed();
    if let Some(k) = kab {
        q = q.filter(indicator_rank::kabupaten_code.eq(k.to_string()));
    }
    if let Some(p) = prov {
        q = q.filter(indicator_rank::provinsi_code.eq(p.to_string()));
    }
    let rows: Vec<RankView> = q.load(conn)?;
    let details = fact_details(conn, rows.iter().map(|r| r.rank.fact_id).collect())?;
    let grades =
        crate::read::quality::grades_of(conn, rows.iter().map(|r| r.rank.report_id).collect())?;
    let mut data: Vec<RankedKecamatan> = rows
        .into_iter()
        .map(
            |RankView {
                 rank: r,
                 places,
                 report,
             }| {
                let (rank, compared, percentile) = match scope {
                    Scope::Kabupaten => (r.rank_kabupaten, r.n_kabupaten, r.percentile_kabupaten),
                    Scope::Provinsi => (r.rank_provinsi, r.n_provinsi, r.percentile_provinsi),
                    Scope::Nasional => (r.rank_nasional, r.n_nasional, r.percentile_nasional),
                };
                let (lines, flags, confidence, reasons) =
                    details.get(&r.fact_id).cloned().unwrap_or_default();
                let source = ReportRef {
                    report_id: r.report_id,
                    file: &report.file_name,
                    sha256: &report.sha256,
                    kecamatan: &places.kecamatan,
                    kabupaten: &places.kabupaten,
                    tahun: r.tahun,
                    page_starts: &report.page_starts,
                }
                .provenance(parse_lines(&lines));
                RankedKecamatan {
                    rank,
                    compared,
                    percentile,
                    quality_grade: grades.get(&r.report_id).cloned(),
                    kecamatan_code: r.kecamatan_code,
                    kecamatan: places.kecamatan,
                    kabupaten_code: r.kabupaten_code,
                    kabupaten: places.kabupaten,
                    tahun: r.tahun,
                    direction: r.direction,
                    realisasi: r.realisasi,
                    capaian: r.capaian,
                    rank_kabupaten: r.rank_kabupaten,
                    n_kabupaten: r.n_kabupaten,
                    rank_provinsi: r.rank_provinsi,
                    n_provinsi: r.n_provinsi,
                    rank_nasional: r.rank_nasional,
                    n_nasional: r.n_nasional,
                    kabupaten_median: r.kabupaten_median,
                    distance_to_median: r.distance_to_median,
                    flags: parse_strings(&flags),
                    confidence: crate::read::figures::confidence_text(confidence),
                    confidence_reasons: parse_strings(&reasons),
                    source,
                }
            },
        )
        .collect();
    // Best first; kecamatan without a comparable figure last, in code order.
    data.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, &a.kecamatan_code).cmp(&(
            b.rank.is_none(),
            b.rank,
            &b.kecamatan_code,
        ))
    });
    let ranked: BTreeSet<String> = data.iter().map(|d| d.kecamatan_code.clone()).collect();
    let (left_out, left_out_kecamatan) = match tahun {
        Some(t) => ranking_left_out(conn, concept, t, kab, prov, &ranked)?,
        None => (LeftOut::default(), Vec::new()),
    };
    Ok(Ranking {
        concept: concept.to_owned(),
        tahun,
        scope,
        compared: data.first().map_or(0, |d| i64::from(d.compared)),
        left_out,
        left_out_kecamatan,
        data,
        licence: crate::respond::LICENCE,
    })
}

/// Kecamatan ranked on one indicator concept in one year, within a kabupaten, a provinsi or
/// the country.
#[utoipa::path(
    tag = "indicators",
    params(("concept" = String, Path, description = "Concept key, e.g. `ikm` (see /api/v1/indicators)"), ScopeQuery),
    responses(
        (status = 200, description = "The ranking, best first, with the number compared", content((Ranking = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
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
    let ScopeFilter {
        tahun,
        kabupaten: kab,
        provinsi: prov,
    } = query.parse()?;
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
    /// Goal-level concepts of the report left out of the score (low confidence, not
    /// confirmed), counted by reason.
    pub left_out: LeftOut,
}

/// Composite scores per kecamatan and year, with their coverage and ranks.
#[utoipa::path(
    tag = "indicators", params(ScopeQuery),
    responses(
        (status = 200, description = "Scores, best first nationally", content((Page<CompositeScore> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/scores")]
pub async fn scores(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ScopeQuery>,
) -> Result<HttpResponse, ApiError> {
    let ScopeFilter {
        tahun,
        kabupaten: kab,
        provinsi: prov,
    } = query.parse()?;
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
                .select(ScoreView::as_select())
                .into_boxed();
            if let Some(k) = &kab {
                q = q.filter(composite_score::kabupaten_code.eq(k.to_string()));
            }
            if let Some(p) = &prov {
                q = q.filter(composite_score::provinsi_code.eq(p.to_string()));
            }
            let rows: Vec<ScoreView> = q.load(conn)?;
            let grades = crate::read::quality::grades_of(
                conn,
                rows.iter().map(|r| r.score.report_id).collect(),
            )?;
            let entered: HashMap<i64, Vec<String>> = rows
                .iter()
                .map(|r| (r.score.report_id, parse_strings(&r.score.concept_keys)))
                .collect();
            let mut left_out = score_left_out(conn, &entered)?;
            Ok(rows
                .into_iter()
                .map(|ScoreView { score: s, places }| CompositeScore {
                    left_out: left_out.remove(&s.report_id).unwrap_or_default(),
                    quality_grade: grades.get(&s.report_id).cloned(),
                    concepts: parse_strings(&s.concept_keys),
                    kecamatan_code: s.kecamatan_code,
                    tahun: s.tahun,
                    kabupaten_code: s.kabupaten_code,
                    report_id: s.report_id,
                    score: s.score,
                    rank_kabupaten: s.rank_kabupaten,
                    n_kabupaten: s.n_kabupaten,
                    rank_provinsi: s.rank_provinsi,
                    n_provinsi: s.n_provinsi,
                    rank_nasional: s.rank_nasional,
                    n_nasional: s.n_nasional,
                    kecamatan: places.kecamatan,
                    kabupaten: places.kabupaten,
                })
                .collect::<Vec<_>>())
        })
        .await?;
    respond(&req, &Page::whole(rows))
}
