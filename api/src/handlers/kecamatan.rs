//! Kecamatan: search, detail (camat, villages, area, population), indicators and budget.

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use model::Exact;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{report, village};
use warehouse::views::kecamatan::ProfileRow;
use warehouse::DbConnection;

use crate::error::ApiError;
use crate::params;
use crate::provenance::{parse_lines, Provenance};
use crate::read::budget::{budgets, Budget};
use crate::read::figures::{indicator_results, IndicatorResult};
use crate::read::kecamatan::{kecamatan_rows, summary, KecamatanSummary};
use crate::read::reports::current_reports;
use crate::respond::{next_page, respond, Page};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct KecamatanQuery {
    /// Provinsi code, e.g. `33`.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2})?$")]
    pub provinsi: Option<String>,
    /// Kabupaten code, e.g. `33.13`.
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2})?$")]
    pub kabupaten: Option<String>,
    /// Name search, tolerant of case, prefixes (`Kec.`) and small misspellings; matches the
    /// kecamatan or its kabupaten. Results are ordered best match first (no `next` link).
    pub q: Option<String>,
    /// Only kecamatan with a report for this year.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// Only kecamatan with at least one report (true) or with none (false).
    #[param(value_type = Option<bool>)]
    pub with_reports: Option<String>,
    /// Keyset cursor: the code after which the page starts (from a `next` link).
    #[param(value_type = Option<String>, pattern = "^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$")]
    pub after: Option<String>,
    /// Page size, 1–1000 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// How well a name matches a search key: 3 exact, 2 prefix, 1 contains or close, 0 no match.
fn match_score(name: &str, key: &str) -> u8 {
    let name_key = regions::kecamatan_key(name);
    let (kab_key, _) = regions::kabupaten_key(name);
    if name_key == key || kab_key == key {
        3
    } else if name_key.starts_with(key) || kab_key.starts_with(key) {
        2
    } else if name_key.contains(key)
        || kab_key.contains(key)
        || strsim::jaro_winkler(&name_key, key) >= 0.88
    {
        1
    } else {
        0
    }
}

/// Kecamatan, filtered and searchable.
#[utoipa::path(
    tag = "kecamatan", params(KecamatanQuery),
    responses(
        (status = 200, description = "Kecamatan in code order (or best match first with `q`)", content((Page<KecamatanSummary> = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/kecamatan")]
pub async fn list_kecamatan(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<KecamatanQuery>,
) -> Result<HttpResponse, ApiError> {
    let provinsi = params::optional_code_at(
        "provinsi",
        query.provinsi.as_deref(),
        model::RegionLevel::Provinsi,
    )?;
    let kabupaten = params::optional_code_at(
        "kabupaten",
        query.kabupaten.as_deref(),
        model::RegionLevel::Kabupaten,
    )?;
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let limit = params::limit(query.limit.as_deref())?;
    let with_reports = params::boolean("with_reports", query.with_reports.as_deref())?;
    // The cursor is a kecamatan code from a `next` link; anything else would silently give an
    // empty or wrong page.
    let after = query
        .after
        .as_deref()
        .filter(|a| !a.is_empty())
        .map(|a| {
            params::code_at("after", a, model::RegionLevel::Kecamatan)
                .map(|c| c.to_string())
                .map_err(|_| {
                    ApiError::bad("after", format!("`{a}` is not a cursor from a `next` link"))
                })
        })
        .transpose()?;
    let search = query
        .q
        .as_deref()
        .map(regions::kecamatan_key)
        .filter(|k| !k.is_empty());
    let mut rows = state
        .db(move |conn| {
            Ok(kecamatan_rows(
                conn,
                kabupaten.as_ref().map(|k| k.as_str()),
                provinsi.as_ref().map(|p| p.as_str()),
                None,
            )?)
        })
        .await?;
    if let Some(tahun) = tahun {
        rows.retain(|k| k.report_years.contains(&tahun));
    }
    if let Some(wanted) = with_reports {
        rows.retain(|k| k.report_years.is_empty() != wanted);
    }
    let (page, total, next) = if let Some(key) = search {
        let mut scored: Vec<(u8, KecamatanSummary)> = rows
            .into_iter()
            .map(|k| {
                (
                    match_score(&k.name, &key).max(match_score(&k.kabupaten, &key).min(1)),
                    k,
                )
            })
            .filter(|(score, _)| *score > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
        let total = i64::try_from(scored.len()).unwrap_or(i64::MAX);
        let page: Vec<KecamatanSummary> = scored
            .into_iter()
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|(_, k)| k)
            .collect();
        (page, total, None)
    } else {
        let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        let mut page: Vec<KecamatanSummary> = rows
            .into_iter()
            .filter(|k| after.as_ref().is_none_or(|a| k.code.as_str() > a.as_str()))
            .take(usize::try_from(limit + 1).unwrap_or(usize::MAX))
            .collect();
        let next = next_page(&req, &mut page, limit, |k| k.code.clone());
        (page, total, next)
    };
    respond(&req, &Page::new(page, total, next))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Camat {
    pub nama: Option<String>,
    pub nip: Option<String>,
    /// Acting camat (Plt.).
    pub plt: bool,
    pub source: Provenance,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Village {
    pub nama: String,
    /// `desa` or `kelurahan`, when the report says.
    pub jenis: Option<String>,
    pub penduduk: Option<Exact>,
    pub source: Provenance,
}

/// What the newest report says about the kecamatan itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct Profile {
    pub tahun: i32,
    pub report_id: i64,
    pub camat: Option<Camat>,
    pub luas_km2: Option<Exact>,
    pub penduduk: Option<Exact>,
    pub jumlah_asn: Option<Exact>,
    pub wilayah_source: Provenance,
    pub villages: Vec<Village>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KecamatanDetail {
    #[serde(flatten)]
    pub kecamatan: KecamatanSummary,
    /// From the newest current report; null when the warehouse has none.
    pub profile: Option<Profile>,
}

fn profile(conn: &mut DbConnection, k: &KecamatanSummary) -> Result<Option<Profile>, ApiError> {
    let Some(head) = current_reports(conn, &k.code, None, Some(1))?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let (report_id, tahun) = (head.id, head.tahun);
    let r = head.cite_as(k);
    let p = report::table
        .find(report_id)
        .select(ProfileRow::as_select())
        .first::<ProfileRow>(conn)?
        .profile;
    let villages: Vec<(String, Option<String>, Option<Exact>, String)> = village::table
        .filter(village::report_id.eq(report_id))
        .order(village::position)
        .select((
            village::nama,
            village::jenis,
            village::penduduk,
            village::lines,
        ))
        .load(conn)?;
    let camat = (p.camat_nama.is_some() || p.camat_nip.is_some()).then(|| Camat {
        nama: p.camat_nama,
        nip: p.camat_nip,
        plt: p.camat_plt,
        source: r.provenance(parse_lines(&p.camat_lines)),
    });
    Ok(Some(Profile {
        tahun,
        report_id,
        camat,
        luas_km2: p.luas_km2,
        penduduk: p.penduduk,
        jumlah_asn: p.jumlah_asn,
        wilayah_source: r.provenance(parse_lines(&p.wilayah_lines)),
        villages: villages
            .into_iter()
            .map(|(nama, jenis, penduduk, lines)| Village {
                nama,
                jenis,
                penduduk,
                source: r.provenance(parse_lines(&lines)),
            })
            .collect(),
    }))
}

/// One kecamatan: identity, camat, villages, area, population.
#[utoipa::path(
    tag = "kecamatan",
    params(("code" = String, Path, description = "Kecamatan code, e.g. `33.13.11`", pattern = "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$")),
    responses(
        (status = 200, description = "The kecamatan", content((KecamatanDetail = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/kecamatan/{code}")]
pub async fn get_kecamatan(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = params::region_code("code", &code)?.to_string();
    let detail = state
        .db(move |conn| {
            let kecamatan = summary(conn, &code)?;
            let profile = profile(conn, &kecamatan)?;
            Ok(KecamatanDetail { kecamatan, profile })
        })
        .await?;
    respond(&req, &detail)
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct YearQuery {
    /// Report year: what that year's report prints, including the earlier years of its trend
    /// table (rows with `is_history: true` and their own `tahun`); default: every year with a
    /// current report.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// A kecamatan's indicator results: target, realisasi, capaian printed and recomputed.
#[utoipa::path(
    tag = "kecamatan",
    params(("code" = String, Path, description = "Kecamatan code", pattern = "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$"), YearQuery),
    responses(
        crate::problems::Malformed,
        (status = 200, description = "Indicator results with their sources", content((Page<IndicatorResult> = "application/json"), (String = "text/csv"))),
        crate::problems::NotFound
    )
)]
#[get("/kecamatan/{code}/indicators")]
pub async fn kecamatan_indicators(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, ApiError> {
    per_year_page(&req, &state, &code, &query, indicator_results).await
}

/// A kecamatan's budget per report year: pagu, realisasi, serapan, and its programs.
#[utoipa::path(
    tag = "kecamatan",
    params(("code" = String, Path, description = "Kecamatan code", pattern = "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$"), YearQuery),
    responses(
        crate::problems::Malformed,
        (status = 200, description = "Budgets, newest year first", content((Page<Budget> = "application/json"), (String = "text/csv"))),
        crate::problems::NotFound
    )
)]
#[get("/kecamatan/{code}/budget")]
pub async fn kecamatan_budget(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
    query: web::Query<YearQuery>,
) -> Result<HttpResponse, ApiError> {
    per_year_page(&req, &state, &code, &query, budgets).await
}

/// Reads a kecamatan's rows of one year, or of every year (`None`).
type PerYearRead<T> =
    fn(&mut DbConnection, &KecamatanSummary, Option<i32>) -> Result<Vec<T>, ApiError>;

/// The answer of a kecamatan's per-year endpoint: the rows `read` gives for the kecamatan at
/// path `code` and the query's year (every year when none is asked).
async fn per_year_page<T: Serialize + ToSchema + Send + 'static>(
    req: &HttpRequest,
    state: &AppState,
    code: &str,
    query: &YearQuery,
    read: PerYearRead<T>,
) -> Result<HttpResponse, ApiError> {
    let code = params::region_code("code", code)?.to_string();
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let rows = state
        .db(move |conn| {
            let k = summary(conn, &code)?;
            read(conn, &k, tahun)
        })
        .await?;
    respond(req, &Page::whole(rows))
}
