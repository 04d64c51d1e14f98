//! A kecamatan's indicators across years: each year's figure from that year's own report, or,
//! where the warehouse has no report of that year, from a later report's comparison tables.

use std::collections::BTreeMap;

use actix_web::{get, web, HttpRequest, HttpResponse};
use model::Exact;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::params;
use crate::provenance::Provenance;
use crate::read::budget::{budgets, BudgetTotal};
use crate::read::figures::{indicator_results, Figure};
use crate::read::kecamatan::summary;
use crate::respond::respond;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendPoint {
    pub tahun: i32,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
    /// realisasi minus the previous point's realisasi (exact), when both are known.
    pub change: Option<Exact>,
    /// True when the figure comes from a later report's comparison table, not its own year's.
    pub from_later_report: bool,
    pub source: Provenance,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Trend {
    pub concept: String,
    pub name: String,
    pub unit: Option<String>,
    pub direction: Option<String>,
    /// Oldest year first.
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Trends {
    pub kecamatan_code: String,
    pub indicators: Vec<Trend>,
    /// Oldest year first.
    pub budget: Vec<BudgetTotal>,
}

/// Per concept and year, the best figure: the year's own report beats a later one's history.
fn series(results: Vec<Figure>) -> Vec<Trend> {
    let mut by_concept: BTreeMap<String, (Trend, BTreeMap<i32, TrendPoint>)> = BTreeMap::new();
    for r in results {
        let Some(concept) = r.concept.clone() else {
            continue;
        };
        let entry = by_concept.entry(concept.clone()).or_insert_with(|| {
            (
                Trend {
                    concept,
                    name: r.name.clone(),
                    unit: r.unit.clone(),
                    direction: r.direction.clone(),
                    points: Vec::new(),
                },
                BTreeMap::new(),
            )
        });
        if entry.0.direction.is_none() {
            entry.0.direction = r.direction.clone();
            entry.0.unit = r.unit.clone();
        }
        let point = TrendPoint {
            tahun: r.tahun,
            target: r.target,
            realisasi: r.realisasi,
            capaian_reported: r.capaian_reported,
            capaian_computed: r.capaian_computed,
            change: None,
            from_later_report: r.is_history,
            source: r.source,
        };
        match entry.1.get(&r.tahun) {
            Some(existing) if !existing.from_later_report || point.from_later_report => {}
            _ => {
                entry.1.insert(r.tahun, point);
            }
        }
    }
    by_concept
        .into_values()
        .map(|(mut trend, points)| {
            let mut previous: Option<Exact> = None;
            trend.points = points
                .into_values()
                .map(|mut p| {
                    p.change = match (p.realisasi, previous) {
                        (Some(now), Some(before)) => {
                            now.value().checked_sub(before.value()).map(Exact::new)
                        }
                        _ => None,
                    };
                    previous = p.realisasi.or(previous);
                    p
                })
                .collect();
            trend
        })
        .collect()
}

/// A kecamatan's indicators and budget across the years the warehouse knows.
#[utoipa::path(
    tag = "kecamatan",
    params(("code" = String, Path, description = "Kecamatan code", pattern = "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$")),
    responses(
        crate::problems::Malformed,
        (status = 200, description = "Series per indicator concept and the budget series", content((Trends = "application/json"), (String = "text/csv"))),
        crate::problems::NotFound
    )
)]
#[get("/kecamatan/{code}/trends")]
pub async fn kecamatan_trends(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = params::region_code("code", &code)?.to_string();
    let trends = state
        .db(move |conn| {
            let k = summary(conn, &code)?;
            let indicators = series(
                indicator_results(conn, &k, None)?
                    .into_iter()
                    .map(|r| r.figure)
                    .collect(),
            );
            let mut budget: Vec<BudgetTotal> = budgets(conn, &k, None)?
                .into_iter()
                .map(|b| BudgetTotal::of(&k.code, b))
                .collect();
            budget.sort_by_key(|b| b.tahun);
            Ok(Trends {
                kecamatan_code: k.code,
                indicators,
                budget,
            })
        })
        .await?;
    respond(&req, &trends)
}
