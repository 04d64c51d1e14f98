//! What the analytics snapshots tell beyond rankings: each report's data quality, story leads
//! for journalists, and budget efficiency for planners.

use std::collections::HashMap;

use actix_web::{get, web, HttpRequest, HttpResponse};
use analytics::{QualityRow, StoryFlagRow};
use diesel::prelude::*;
use model::{Exact, RegionLevel};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{kabupaten, kecamatan};
use warehouse::schema_analytics::{budget_summary, report_quality, story_flag};
use warehouse::views::snapshots::BudgetSummaryRow;
use warehouse::DbConnection;

use crate::error::ApiError;
use crate::params;
use crate::provenance::parse_strings;
use crate::respond::{respond, Page};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct InsightQuery {
    /// Year.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// Only this kecamatan (code, e.g. `33.13.11`).
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$")]
    pub kecamatan: Option<String>,
    /// Only this kabupaten (code, e.g. `33.13`).
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2})?$")]
    pub kabupaten: Option<String>,
    /// Only this provinsi (code, e.g. `33`).
    #[param(value_type = Option<String>, pattern = "^([0-9]{2})?$")]
    pub provinsi: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// The filters of an insight query, parsed.
struct Filter {
    tahun: Option<i32>,
    kecamatan: Option<String>,
    kabupaten: Option<String>,
    provinsi: Option<String>,
}

impl Filter {
    fn from_query(q: &InsightQuery) -> Result<Self, ApiError> {
        let code = |name, value: Option<&str>, level| {
            params::optional_code_at(name, value, level).map(|c| c.map(|c| c.to_string()))
        };
        Ok(Filter {
            tahun: params::year("tahun", q.tahun.as_deref())?,
            kecamatan: code("kecamatan", q.kecamatan.as_deref(), RegionLevel::Kecamatan)?,
            kabupaten: code("kabupaten", q.kabupaten.as_deref(), RegionLevel::Kabupaten)?,
            provinsi: code("provinsi", q.provinsi.as_deref(), RegionLevel::Provinsi)?,
        })
    }

    /// Whether a row of this kecamatan (in this kabupaten/provinsi) and year is asked for.
    fn keeps(&self, kecamatan: &str, tahun: i32) -> bool {
        self.tahun.is_none_or(|t| t == tahun)
            && self.kecamatan.as_deref().is_none_or(|k| k == kecamatan)
            && self
                .kabupaten
                .as_deref()
                .is_none_or(|k| kecamatan.starts_with(&format!("{k}.")))
            && self
                .provinsi
                .as_deref()
                .is_none_or(|p| kecamatan.starts_with(&format!("{p}.")))
    }
}

/// The rows a filter keeps (by kecamatan and year), in their order, each with the names of its
/// kecamatan and kabupaten.
fn kept_and_named<R>(
    conn: &mut DbConnection,
    rows: Vec<R>,
    filter: &Filter,
    place: impl Fn(&R) -> (&str, i32),
) -> QueryResult<Vec<(R, String, String)>> {
    let rows: Vec<R> = rows
        .into_iter()
        .filter(|r| {
            let (code, tahun) = place(r);
            filter.keeps(code, tahun)
        })
        .collect();
    let codes: Vec<String> = rows.iter().map(|r| place(r).0.to_owned()).collect();
    let names: HashMap<String, (String, String)> = kecamatan::table
        .inner_join(kabupaten::table)
        .filter(kecamatan::code.eq_any(codes))
        .select((kecamatan::code, (kecamatan::name, kabupaten::name)))
        .load::<(String, (String, String))>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let (kecamatan, kabupaten) = names.get(place(&r).0).cloned().unwrap_or_default();
            (r, kecamatan, kabupaten)
        })
        .collect())
}

/// An insight endpoint's answer: the snapshot rows `load` reads, those the query's filter keeps
/// (by the kecamatan and year `place` gives), each made an answer row with its kecamatan's and
/// kabupaten's names.
async fn insight_page<R, A>(
    req: &HttpRequest,
    state: &AppState,
    query: &InsightQuery,
    load: fn(&mut DbConnection) -> QueryResult<Vec<R>>,
    place: fn(&R) -> (&str, i32),
    answer: fn(R, String, String) -> A,
) -> Result<HttpResponse, ApiError>
where
    R: Send + 'static,
    A: Serialize + ToSchema + Send + 'static,
{
    let filter = Filter::from_query(query)?;
    let rows = state
        .db(move |conn| {
            let rows = load(conn)?;
            Ok(kept_and_named(conn, rows, &filter, place)?
                .into_iter()
                .map(|(r, kecamatan, kabupaten)| answer(r, kecamatan, kabupaten))
                .collect::<Vec<A>>())
        })
        .await?;
    respond(req, &Page::whole(rows))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportQuality {
    pub report_id: i64,
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub tahun: i32,
    /// A (best) to E; see /methodology.
    pub grade: String,
    pub points: f64,
    pub n_figures: i32,
    pub n_flagged: i32,
    pub flagged_share: f64,
    /// Unresolved disagreements inside the report.
    pub n_conflicts: i32,
    pub conflict_codes: Vec<String>,
    /// Sections the report lacks (budget, goal indicators, camat).
    pub missing_sections: Vec<String>,
}

impl ReportQuality {
    fn of_row(r: QualityRow, kecamatan: String, kabupaten: String) -> Self {
        ReportQuality {
            report_id: r.report_id,
            kecamatan_code: r.kecamatan_code,
            kecamatan,
            kabupaten,
            tahun: r.tahun,
            n_figures: r.n_figures,
            n_flagged: r.n_flagged,
            flagged_share: r.flagged_share,
            n_conflicts: r.n_conflicts,
            conflict_codes: parse_strings(&r.conflict_codes),
            missing_sections: parse_strings(&r.missing_sections),
            points: r.points,
            grade: r.grade,
        }
    }
}

/// Data quality of each current report, graded A–E: shown beside every score.
#[utoipa::path(
    tag = "reports", params(InsightQuery),
    responses(
        (status = 200, description = "One row per current report", content((Page<ReportQuality> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/quality")]
pub async fn quality(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<InsightQuery>,
) -> Result<HttpResponse, ApiError> {
    insight_page(
        &req,
        &state,
        &query,
        |conn| {
            report_quality::table
                .order((report_quality::kecamatan_code, report_quality::tahun))
                .select(QualityRow::as_select())
                .load(conn)
        },
        |r| (&r.kecamatan_code, r.tahun),
        ReportQuality::of_row,
    )
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoryLead {
    /// Stable code, e.g. `capaian_printed_disagrees`.
    pub code: String,
    pub severity: String,
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub concept: String,
    pub tahun_first: i32,
    pub tahun_last: i32,
    pub years: Vec<i32>,
    pub report_ids: Vec<i64>,
    pub value: Option<Exact>,
    /// The lead in Indonesian.
    pub message_id: String,
    /// The lead in English.
    pub message_en: String,
}

impl StoryLead {
    fn of_row(r: StoryFlagRow, kecamatan: String, kabupaten: String) -> Self {
        StoryLead {
            code: r.code,
            kecamatan_code: r.kecamatan_code,
            kecamatan,
            kabupaten,
            concept: r.concept_key,
            tahun_first: r.tahun_first,
            tahun_last: r.tahun_last,
            severity: r.severity,
            years: serde_json::from_str(&r.years).unwrap_or_default(),
            report_ids: serde_json::from_str(&r.report_ids).unwrap_or_default(),
            value: r.value,
            message_id: r.message_id,
            message_en: r.message_en,
        }
    }
}

/// Leads a journalist would want: capaian of exactly 100 % year after year, figures copied
/// across years, targets lowered after a miss, results far beyond a low target, printed
/// capaian that disagrees with the figures.
#[utoipa::path(
    tag = "facts", params(InsightQuery),
    responses(
        (status = 200, description = "Story leads, newest first", content((Page<StoryLead> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/story-leads")]
pub async fn story_leads(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<InsightQuery>,
) -> Result<HttpResponse, ApiError> {
    insight_page(
        &req,
        &state,
        &query,
        |conn| {
            story_flag::table
                .order((
                    story_flag::tahun_last.desc(),
                    story_flag::kecamatan_code,
                    story_flag::code,
                ))
                .select(StoryFlagRow::as_select())
                .load(conn)
        },
        |r| (&r.kecamatan_code, r.tahun_last),
        StoryLead::of_row,
    )
    .await
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetEfficiency {
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten: String,
    pub tahun: i32,
    pub report_id: i64,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    /// realisasi / pagu × 100.
    pub serapan: Option<Exact>,
    pub penduduk: Option<Exact>,
    /// Rupiah spent per inhabitant, where the population is known.
    pub spend_per_capita: Option<f64>,
    /// Composite score of the same report.
    pub score: Option<f64>,
    /// Spend versus achievement, split at the year's national medians; see /methodology.
    pub quadrant: Option<String>,
}

impl BudgetEfficiency {
    fn of_row(r: BudgetSummaryRow, kecamatan: String, kabupaten: String) -> Self {
        BudgetEfficiency {
            kecamatan_code: r.kecamatan_code,
            kecamatan,
            kabupaten,
            tahun: r.tahun,
            report_id: r.report_id,
            pagu: r.pagu,
            realisasi: r.realisasi,
            serapan: r.serapan,
            penduduk: r.penduduk,
            spend_per_capita: r.spend_per_capita,
            score: r.score,
            quadrant: r.quadrant,
        }
    }
}

/// Budget absorption, spending per inhabitant and spend-versus-results quadrants per
/// kecamatan and year.
#[utoipa::path(
    tag = "kecamatan", params(InsightQuery),
    responses(
        (status = 200, description = "One row per kecamatan-year", content((Page<BudgetEfficiency> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/budget-efficiency")]
pub async fn budget_efficiency(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<InsightQuery>,
) -> Result<HttpResponse, ApiError> {
    insight_page(
        &req,
        &state,
        &query,
        |conn| {
            budget_summary::table
                .order((budget_summary::kecamatan_code, budget_summary::tahun))
                .select(BudgetSummaryRow::as_select())
                .load(conn)
        },
        |r| (&r.kecamatan_code, r.tahun),
        BudgetEfficiency::of_row,
    )
    .await
}
