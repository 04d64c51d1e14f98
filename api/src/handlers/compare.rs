//! Several kecamatan side by side: the same indicators and budget, one column each.

use std::collections::BTreeMap;

use actix_web::{get, web, HttpRequest, HttpResponse};
use model::Exact;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::ApiError;
use crate::params;
use crate::provenance::Provenance;
use crate::read::budget::{budgets, BudgetTotal};
use crate::read::figures::{indicator_results, Figure};
use crate::read::kecamatan::{summary, KecamatanSummary};
use crate::respond::respond;
use crate::state::AppState;

/// How many kecamatan one comparison may hold.
const MIN_COMPARED: usize = 2;
const MAX_COMPARED: usize = 10;

#[derive(Debug, Deserialize, IntoParams)]
pub struct CompareQuery {
    /// 2–10 kecamatan codes, comma-separated: `33.13.11,33.13.16`.
    #[param(required = true, value_type = String, pattern = "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}(,[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}){1,9}$")]
    pub kecamatan: Option<String>,
    /// Report year; default: each kecamatan's newest report.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// One kecamatan's value of a compared indicator.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComparedValue {
    pub kecamatan_code: String,
    pub tahun: i32,
    pub name: String,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
    pub flags: Vec<String>,
    /// `high`, `medium` or `low`: a low figure is shown, never ranked (see /methodology).
    pub confidence: String,
    pub confidence_reasons: Vec<String>,
    pub source: Provenance,
}

/// An indicator concept across the compared kecamatan (null where one does not report it).
#[derive(Debug, Serialize, ToSchema)]
pub struct ComparedIndicator {
    pub concept: String,
    pub unit: Option<String>,
    pub direction: Option<String>,
    /// In the order of `kecamatan`.
    pub values: Vec<Option<ComparedValue>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Comparison {
    pub kecamatan: Vec<KecamatanSummary>,
    /// Indicators with a canonical concept, in key order.
    pub indicators: Vec<ComparedIndicator>,
    /// In the order of `kecamatan`; null where no budget is reported.
    pub budget: Vec<Option<BudgetTotal>>,
}

fn parse_codes(value: Option<&str>) -> Result<Vec<String>, ApiError> {
    let given: Vec<&str> = value
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if !(MIN_COMPARED..=MAX_COMPARED).contains(&given.len()) {
        return Err(ApiError::bad(
            "kecamatan",
            format!(
                "give {MIN_COMPARED} to {MAX_COMPARED} kecamatan codes, comma-separated (got {})",
                given.len()
            ),
        ));
    }
    // A code given twice is compared once.
    let mut codes: Vec<String> = Vec::new();
    for part in given {
        let code = params::region_code("kecamatan", part)?.to_string();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

fn newest_goal_results(results: Vec<Figure>) -> BTreeMap<String, Figure> {
    let mut by_concept: BTreeMap<String, Figure> = BTreeMap::new();
    // Newest year first (the order of indicator_results): the first seen per concept wins.
    for r in results.into_iter().filter(|r| !r.is_history) {
        if let Some(concept) = r.concept.clone() {
            by_concept.entry(concept).or_insert(r);
        }
    }
    by_concept
}

/// Compare 2–10 kecamatan on the same indicators and budget.
#[utoipa::path(
    tag = "kecamatan", params(CompareQuery),
    responses(
        (status = 200, description = "The kecamatan side by side", content((Comparison = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/compare")]
pub async fn compare(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, ApiError> {
    let codes = parse_codes(query.kecamatan.as_deref())?;
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let comparison = state
        .db(move |conn| {
            let mut kecamatan = Vec::new();
            let mut results = Vec::new();
            let mut budget = Vec::new();
            for code in &codes {
                let k = summary(conn, code)?;
                results.push(newest_goal_results(
                    indicator_results(conn, &k, tahun)?
                        .into_iter()
                        .map(|r| r.figure)
                        .collect(),
                ));
                budget.push(
                    budgets(conn, &k, tahun)?
                        .into_iter()
                        .next()
                        .map(|b| BudgetTotal::of(&k.code, b)),
                );
                kecamatan.push(k);
            }
            let concepts: std::collections::BTreeSet<String> =
                results.iter().flat_map(|r| r.keys().cloned()).collect();
            let indicators = concepts
                .into_iter()
                .map(|concept| {
                    let first = results.iter().find_map(|r| r.get(&concept));
                    let (unit, direction) =
                        first.map_or((None, None), |r| (r.unit.clone(), r.direction.clone()));
                    let values = results
                        .iter_mut()
                        .zip(&kecamatan)
                        .map(|(r, k)| {
                            r.remove(&concept).map(|v| ComparedValue {
                                kecamatan_code: k.code.clone(),
                                tahun: v.tahun,
                                name: v.name,
                                target: v.target,
                                realisasi: v.realisasi,
                                capaian_reported: v.capaian_reported,
                                capaian_computed: v.capaian_computed,
                                flags: v.flags,
                                confidence: v.confidence,
                                confidence_reasons: v.confidence_reasons,
                                source: v.source,
                            })
                        })
                        .collect();
                    ComparedIndicator {
                        concept,
                        unit,
                        direction,
                        values,
                    }
                })
                .collect();
            Ok(Comparison {
                kecamatan,
                indicators,
                budget,
            })
        })
        .await?;
    respond(&req, &comparison)
}
