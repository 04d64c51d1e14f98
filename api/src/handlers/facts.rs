//! The flat facts table: every indicator figure of every current report, filterable — the
//! journalist's workhorse, as JSON or CSV.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::params;
use crate::read::facts::{count_facts, load_facts, Fact, FactFilter};
use crate::respond::{next_page, respond, Page};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct FactQuery {
    /// Indicator concept key, e.g. `ikm` (see `/api/v1/indicators`).
    pub concept: Option<String>,
    /// Year of the figure.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// Kecamatan code.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$")]
    pub kecamatan: Option<String>,
    /// Kabupaten code.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2})?$")]
    pub kabupaten: Option<String>,
    /// Provinsi code.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2})?$")]
    pub provinsi: Option<String>,
    /// `tujuan`, `sasaran`, `iku`, `program`, `kegiatan` or `sub_kegiatan`.
    #[param(value_type = Option<String>, pattern = "^((tujuan|sasaran|iku|program|kegiatan|sub_kegiatan))?$")]
    pub level: Option<String>,
    /// Include earlier years' figures printed in the reports (default false).
    #[param(value_type = Option<bool>)]
    pub include_history: Option<String>,
    /// Only figures with (true) or without (false) flags.
    #[param(value_type = Option<bool>)]
    pub flagged: Option<String>,
    /// Keyset cursor (from a `next` link).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 2147483647)]
    pub after: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

fn level_param(value: Option<&str>) -> Result<Option<String>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<model::Level>()
                .map(|l| l.to_string())
                .map_err(|e| ApiError::bad("level", e.to_string()))
        })
        .transpose()
}

/// Indicator figures of the current reports, in a stable order (by id), with provenance.
#[utoipa::path(
    tag = "facts", params(FactQuery),
    responses(
        (status = 200, description = "Facts, with `next` for the following page", content((Page<Fact> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/facts")]
pub async fn list_facts(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<FactQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = FactFilter::from_query(&query)?;
    let after = params::after_id(query.after.as_deref())?.unwrap_or(0);
    let limit = params::limit(query.limit.as_deref())?;
    // Paging through a filter asks for the same total again and again: it is counted once per
    // data version.
    let total_key = format!("{filter:?}");
    let known_total = state.cache.total(&total_key);
    let (mut facts, total) = state
        .db(move |conn| {
            let total = match known_total {
                Some(total) => total,
                None => count_facts(conn, &filter)?,
            };
            Ok((load_facts(conn, &filter, after, limit + 1)?, total))
        })
        .await?;
    if known_total.is_none() {
        state.cache.keep_total(total_key, total);
    }
    let next = next_page(&req, &mut facts, limit, |f| f.id.to_string());
    respond(&req, &Page::new(facts, total, next))
}

impl FactFilter {
    fn from_query(query: &FactQuery) -> Result<Self, ApiError> {
        use model::RegionLevel;
        Ok(FactFilter {
            concept: query.concept.clone().filter(|c| !c.is_empty()),
            tahun: params::year("tahun", query.tahun.as_deref())?,
            kecamatan: params::optional_code_at(
                "kecamatan",
                query.kecamatan.as_deref(),
                RegionLevel::Kecamatan,
            )?,
            kabupaten: params::optional_code_at(
                "kabupaten",
                query.kabupaten.as_deref(),
                RegionLevel::Kabupaten,
            )?,
            provinsi: params::optional_code_at(
                "provinsi",
                query.provinsi.as_deref(),
                RegionLevel::Provinsi,
            )?,
            level: level_param(query.level.as_deref())?,
            include_history: params::boolean("include_history", query.include_history.as_deref())?
                .unwrap_or(false),
            flagged: params::boolean("flagged", query.flagged.as_deref())?,
        })
    }
}
