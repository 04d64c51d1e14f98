//! Provinsi and kabupaten/kota: the official regions, with what the warehouse holds for them.

use std::collections::HashMap;

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use model::Exact;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{kabupaten, kecamatan, provinsi};

use crate::error::ApiError;
use crate::params;
use crate::read::kecamatan::{kecamatan_rows, KecamatanSummary};
use crate::respond::{respond, Page};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Provinsi {
    #[schema(example = "35")]
    pub code: String,
    #[schema(example = "Jawa Timur")]
    pub name: String,
    pub luas_km2: Option<Exact>,
    pub penduduk: Option<Exact>,
    pub kabupaten_count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Kabupaten {
    #[schema(example = "35.20")]
    pub code: String,
    #[schema(example = "Kabupaten Magetan")]
    pub name: String,
    #[schema(example = "Magetan")]
    pub short_name: String,
    /// `kabupaten` or `kota`.
    pub kind: String,
    pub provinsi_code: String,
    pub luas_km2: Option<Exact>,
    pub penduduk: Option<Exact>,
    pub kecamatan_count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KabupatenDetail {
    #[serde(flatten)]
    pub kabupaten: Kabupaten,
    pub provinsi_name: String,
    /// Its kecamatan, with the years the warehouse has reports for.
    pub kecamatan: Vec<KecamatanSummary>,
}

type KabupatenRow = (
    String,
    String,
    String,
    String,
    String,
    Option<Exact>,
    Option<Exact>,
);

fn kecamatan_counts(conn: &mut warehouse::DbConnection) -> QueryResult<HashMap<String, i64>> {
    Ok(kecamatan::table
        .group_by(kecamatan::kabupaten_code)
        .select((kecamatan::kabupaten_code, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect())
}

fn to_kabupaten(row: KabupatenRow, counts: &HashMap<String, i64>) -> Kabupaten {
    let (code, provinsi_code, name, short_name, kind, luas_km2, penduduk) = row;
    Kabupaten {
        kecamatan_count: counts.get(&code).copied().unwrap_or(0),
        code,
        name,
        short_name,
        kind,
        provinsi_code,
        luas_km2,
        penduduk,
    }
}

const KABUPATEN_COLUMNS: (
    kabupaten::code,
    kabupaten::provinsi_code,
    kabupaten::name,
    kabupaten::short_name,
    kabupaten::kind,
    kabupaten::luas_km2,
    kabupaten::penduduk,
) = (
    kabupaten::code,
    kabupaten::provinsi_code,
    kabupaten::name,
    kabupaten::short_name,
    kabupaten::kind,
    kabupaten::luas_km2,
    kabupaten::penduduk,
);

/// All provinsi, in code order.
#[utoipa::path(
    tag = "regions",
    params(crate::respond::FormatQuery),
    responses(crate::problems::Malformed, (status = 200, description = "All provinsi", content((Page<Provinsi> = "application/json"), (String = "text/csv"))))
)]
#[get("/provinsi")]
pub async fn list_provinsi(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let rows = state
        .db(|conn| {
            let counts: HashMap<String, i64> = kabupaten::table
                .group_by(kabupaten::provinsi_code)
                .select((kabupaten::provinsi_code, diesel::dsl::count_star()))
                .load::<(String, i64)>(conn)?
                .into_iter()
                .collect();
            let rows: Vec<(String, String, Option<Exact>, Option<Exact>)> = provinsi::table
                .order(provinsi::code)
                .select((
                    provinsi::code,
                    provinsi::name,
                    provinsi::luas_km2,
                    provinsi::penduduk,
                ))
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(code, name, luas_km2, penduduk)| Provinsi {
                    kabupaten_count: counts.get(&code).copied().unwrap_or(0),
                    code,
                    name,
                    luas_km2,
                    penduduk,
                })
                .collect::<Vec<_>>())
        })
        .await?;
    respond(&req, &Page::whole(rows))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct KabupatenQuery {
    /// Only the kabupaten/kota of this provinsi (code, e.g. `35`).
    #[param(value_type = Option<String>, pattern = "^([0-9]{2})?$")]
    pub provinsi: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// Kabupaten and kota, in code order.
#[utoipa::path(
    tag = "regions", params(KabupatenQuery),
    responses(
        (status = 200, description = "Kabupaten and kota", content((Page<Kabupaten> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/kabupaten")]
pub async fn list_kabupaten(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<KabupatenQuery>,
) -> Result<HttpResponse, ApiError> {
    let provinsi = params::optional_code_at(
        "provinsi",
        query.provinsi.as_deref(),
        model::RegionLevel::Provinsi,
    )?;
    let rows = state
        .db(move |conn| {
            let counts = kecamatan_counts(conn)?;
            let mut q = kabupaten::table
                .order(kabupaten::code)
                .select(KABUPATEN_COLUMNS)
                .into_boxed();
            if let Some(p) = &provinsi {
                q = q.filter(kabupaten::provinsi_code.eq(p.as_str().to_owned()));
            }
            let rows: Vec<KabupatenRow> = q.load(conn)?;
            Ok(rows
                .into_iter()
                .map(|r| to_kabupaten(r, &counts))
                .collect::<Vec<_>>())
        })
        .await?;
    respond(&req, &Page::whole(rows))
}

/// One kabupaten/kota with all its kecamatan.
#[utoipa::path(
    tag = "regions",
    params(("code" = String, Path, description = "Kabupaten code, e.g. `33.13`", pattern = "^[0-9]{2}\\.[0-9]{2}$")),
    responses(
        crate::problems::Malformed,
        (status = 200, description = "The kabupaten", content((KabupatenDetail = "application/json"), (String = "text/csv"))),
        crate::problems::NotFound
    )
)]
#[get("/kabupaten/{code}")]
pub async fn get_kabupaten(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let parsed = params::region_code("code", &code)?;
    let detail = state
        .db(move |conn| {
            let row: Option<KabupatenRow> = kabupaten::table
                .find(parsed.as_str())
                .select(KABUPATEN_COLUMNS)
                .first(conn)
                .optional()?;
            let Some(row) = row else {
                return Err(not_found_kabupaten(&code));
            };
            let counts = kecamatan_counts(conn)?;
            let kabupaten = to_kabupaten(row, &counts);
            let provinsi_name: String = provinsi::table
                .find(&kabupaten.provinsi_code)
                .select(provinsi::name)
                .first(conn)?;
            let kecamatan = kecamatan_rows(conn, Some(&kabupaten.code), None, None)?;
            Ok(KabupatenDetail {
                kabupaten,
                provinsi_name,
                kecamatan,
            })
        })
        .await?;
    respond(&req, &detail)
}

/// A 404 that suggests kabupaten whose code or name is close to what was asked.
pub(crate) fn not_found_kabupaten(code: &str) -> ApiError {
    params::unknown_region(model::RegionLevel::Kabupaten, code)
}
