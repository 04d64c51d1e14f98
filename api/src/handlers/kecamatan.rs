//! Kecamatan: search, detail (camat, villages, area, population), indicators and budget.

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use model::Exact;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{
    budget_line, indicator_fact, kabupaten, kecamatan, provinsi, report, village,
};
use warehouse::DbConnection;

use super::report_years;
use crate::error::ApiError;
use crate::params;
use crate::provenance::{parse_lines, parse_strings, Provenance, ReportRef};
use crate::respond::{next_link, respond, Page};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KecamatanSummary {
    #[schema(example = "33.13.11")]
    pub code: String,
    #[schema(example = "Jaten")]
    pub name: String,
    pub kabupaten_code: String,
    pub kabupaten: String,
    pub provinsi_code: String,
    pub provinsi: String,
    /// Years for which the warehouse holds a current report.
    pub report_years: Vec<i32>,
}

/// Kecamatan rows with their kabupaten and provinsi names, optionally of one kabupaten or provinsi.
pub(crate) fn kecamatan_rows(
    conn: &mut DbConnection,
    kabupaten_code: Option<&str>,
    provinsi_code: Option<&str>,
    code: Option<&str>,
) -> QueryResult<Vec<KecamatanSummary>> {
    let mut q = kecamatan::table
        .inner_join(kabupaten::table.inner_join(provinsi::table))
        .order(kecamatan::code)
        .select((
            kecamatan::code,
            kecamatan::name,
            kabupaten::code,
            kabupaten::name,
            provinsi::code,
            provinsi::name,
        ))
        .into_boxed();
    if let Some(k) = kabupaten_code {
        q = q.filter(kecamatan::kabupaten_code.eq(k.to_owned()));
    }
    if let Some(p) = provinsi_code {
        q = q.filter(kabupaten::provinsi_code.eq(p.to_owned()));
    }
    if let Some(c) = code {
        q = q.filter(kecamatan::code.eq(c.to_owned()));
    }
    let rows: Vec<(String, String, String, String, String, String)> = q.load(conn)?;
    // Few rows (a kabupaten, one kecamatan): ask for their years only.
    let codes: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let years = report_years(conn, (codes.len() <= 500).then_some(codes.as_slice()))?;
    Ok(rows
        .into_iter()
        .map(
            |(code, name, kabupaten_code, kabupaten, provinsi_code, provinsi)| KecamatanSummary {
                report_years: years.get(&code).cloned().unwrap_or_default(),
                code,
                name,
                kabupaten_code,
                kabupaten,
                provinsi_code,
                provinsi,
            },
        )
        .collect())
}

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
        let page: Vec<KecamatanSummary> = rows
            .into_iter()
            .filter(|k| after.as_ref().is_none_or(|a| k.code.as_str() > a.as_str()))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect();
        let next = next_link(&req, page.len(), limit, page.last().map(|k| k.code.clone()));
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

/// A 404 that suggests kecamatan whose code or name is close to what was asked.
pub(crate) fn not_found_kecamatan(code: &str) -> ApiError {
    params::unknown_region(model::RegionLevel::Kecamatan, code)
}

/// The kecamatan row, or a 404 with suggestions.
pub(crate) fn summary(conn: &mut DbConnection, code: &str) -> Result<KecamatanSummary, ApiError> {
    kecamatan_rows(conn, None, None, Some(code))?
        .into_iter()
        .next()
        .ok_or_else(|| not_found_kecamatan(code))
}

/// A current report of a kecamatan: what its figures' citations need.
#[derive(Queryable, Selectable)]
#[diesel(table_name = report)]
struct ReportHead {
    id: i64,
    tahun: i32,
    file_name: String,
    sha256: String,
    page_starts: String,
}

impl ReportHead {
    /// What a citation of this report of kecamatan `k` needs.
    fn cite_as<'a>(&'a self, k: &'a KecamatanSummary) -> ReportRef<'a> {
        ReportRef {
            report_id: self.id,
            file: &self.file_name,
            sha256: &self.sha256,
            kecamatan: &k.name,
            kabupaten: &k.kabupaten,
            tahun: self.tahun,
            page_starts: &self.page_starts,
        }
    }
}

/// The current reports of a kecamatan, newest first, optionally of one year; at most `limit`.
fn current_reports(
    conn: &mut DbConnection,
    code: &str,
    tahun: Option<i32>,
    limit: Option<i64>,
) -> QueryResult<Vec<ReportHead>> {
    let mut q = report::table
        .filter(report::kecamatan_code.eq(code.to_owned()))
        .filter(report::superseded_by.is_null())
        .order(report::tahun.desc())
        .select(ReportHead::as_select())
        .into_boxed();
    if let Some(t) = tahun {
        q = q.filter(report::tahun.eq(t));
    }
    if let Some(n) = limit {
        q = q.limit(n);
    }
    q.load(conn)
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
    #[allow(clippy::type_complexity)]
    let row: (
        Option<String>,
        Option<String>,
        bool,
        String,
        Option<Exact>,
        Option<Exact>,
        Option<Exact>,
        String,
    ) = report::table
        .find(report_id)
        .select((
            report::camat_nama,
            report::camat_nip,
            report::camat_plt,
            report::camat_lines,
            report::luas_km2,
            report::penduduk,
            report::jumlah_asn,
            report::wilayah_lines,
        ))
        .first(conn)?;
    let (
        camat_nama,
        camat_nip,
        camat_plt,
        camat_lines,
        luas_km2,
        penduduk,
        jumlah_asn,
        wilayah_lines,
    ) = row;
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
    let camat = (camat_nama.is_some() || camat_nip.is_some()).then(|| Camat {
        nama: camat_nama,
        nip: camat_nip,
        plt: camat_plt,
        source: r.provenance(parse_lines(&camat_lines)),
    });
    Ok(Some(Profile {
        tahun,
        report_id,
        camat,
        luas_km2,
        penduduk,
        jumlah_asn,
        wilayah_source: r.provenance(parse_lines(&wilayah_lines)),
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
    /// Report year; default: every year with a current report.
    #[param(value_type = Option<String>, pattern = "^((199[0-9]|20[0-9]{2}|2100))?$")]
    pub tahun: Option<String>,
    /// `json` (default) or `csv`.
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

/// One indicator result as a kecamatan's page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorResult {
    /// The figure's id: its review, changes and error reports are keyed by it.
    pub fact_id: i64,
    pub tahun: i32,
    /// True for a figure of an earlier year printed in this report (its comparison tables).
    pub is_history: bool,
    pub level: Option<String>,
    pub name: String,
    pub concept: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<String>,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    /// Capaian as the report prints it, in percent.
    pub capaian_reported: Option<Exact>,
    /// Capaian recomputed from target and realisasi with the indicator's direction.
    pub capaian_computed: Option<Exact>,
    pub flags: Vec<String>,
    /// `high`, `medium` or `low` (see /methodology): a low figure is shown but not ranked,
    /// compared or averaged until confirmed.
    #[schema(example = "high")]
    pub confidence: String,
    /// The flag and issue codes that lowered the confidence; empty when high.
    pub confidence_reasons: Vec<String>,
    pub source: Provenance,
    /// `extracted`, `confirmed`, `corrected` (the values are then the corrected ones) or
    /// `withheld` (values null); as in `/api/v1/facts`.
    #[schema(example = "extracted")]
    pub status: String,
    /// The reviewer's decision and the extracted values, when reviewed.
    pub review: Option<super::facts::PublishedReview>,
    /// How many logged changes this figure has had (re-extraction, superseding report).
    pub changes: i64,
    /// Its changes, with the earlier values: `/api/v1/changes?fact=<id>`.
    pub changes_url: String,
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
    let code = params::region_code("code", &code)?.to_string();
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let rows = state
        .db(move |conn| {
            let k = summary(conn, &code)?;
            indicator_results(conn, &k, tahun)
        })
        .await?;
    let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    respond(&req, &Page::new(rows, total, None))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetItem {
    /// `program`, `kegiatan` or `sub_kegiatan`.
    pub level: String,
    #[schema(example = "7.01.01")]
    pub kode: Option<String>,
    pub name: String,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub serapan_reported: Option<Exact>,
    /// realisasi / pagu × 100, two decimals.
    pub serapan_computed: Option<Exact>,
    pub flags: Vec<String>,
    /// `high`, `medium` or `low` (see /methodology): a low figure is shown but not ranked,
    /// compared or averaged until confirmed.
    #[schema(example = "high")]
    pub confidence: String,
    /// The flag and issue codes that lowered the confidence; empty when high.
    pub confidence_reasons: Vec<String>,
    pub source: Provenance,
}

/// A year's budget totals with the absorption recomputed: what comparisons and trends show.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetTotal {
    pub kecamatan_code: String,
    pub tahun: i32,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    /// realisasi / pagu × 100, two decimals.
    pub serapan_computed: Option<Exact>,
    pub source: Provenance,
}

impl BudgetTotal {
    pub(crate) fn of(kecamatan_code: &str, budget: Budget) -> Self {
        BudgetTotal {
            kecamatan_code: kecamatan_code.to_owned(),
            tahun: budget.tahun,
            serapan_computed: serapan(budget.realisasi, budget.pagu),
            pagu: budget.pagu,
            realisasi: budget.realisasi,
            source: budget.source,
        }
    }
}

/// A stored confidence as the API shows it: a figure not yet assessed (only between a migration
/// and its backfill) shows as high, as analytics treats it.
pub(crate) fn confidence_text(stored: Option<String>) -> String {
    stored.unwrap_or_else(|| model::Confidence::High.as_str().to_owned())
}

/// realisasi / pagu × 100, when both are known.
pub(crate) fn serapan(realisasi: Option<Exact>, pagu: Option<Exact>) -> Option<Exact> {
    Exact::percent_of(realisasi?, pagu?, 2)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Budget {
    pub report_id: i64,
    pub tahun: i32,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub serapan_reported: Option<Exact>,
    pub serapan_computed: Option<Exact>,
    /// `high`, `medium` or `low` (see /methodology): a low figure is shown but not ranked,
    /// compared or averaged until confirmed.
    #[schema(example = "high")]
    pub confidence: String,
    /// The flag and issue codes that lowered the confidence; empty when high.
    pub confidence_reasons: Vec<String>,
    pub source: Provenance,
    pub items: Vec<BudgetItem>,
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
    let code = params::region_code("code", &code)?.to_string();
    let tahun = params::year("tahun", query.tahun.as_deref())?;
    let budgets = state
        .db(move |conn| {
            let k = summary(conn, &code)?;
            budgets(conn, &k, tahun)
        })
        .await?;
    let total = i64::try_from(budgets.len()).unwrap_or(i64::MAX);
    respond(&req, &Page::new(budgets, total, None))
}

/// The indicator results of a kecamatan's current reports, newest year first.
pub(crate) fn indicator_results(
    conn: &mut DbConnection,
    k: &KecamatanSummary,
    tahun: Option<i32>,
) -> Result<Vec<IndicatorResult>, ApiError> {
    let code = k.code.clone();
    let mut out = Vec::new();
    for head in current_reports(conn, &code, tahun, None)? {
        let report_id = head.id;
        let r = head.cite_as(k);
        #[allow(clippy::type_complexity)]
        let facts: Vec<(
            i32,
            bool,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            String,
            String,
            i64,
            (Option<String>, String),
        )> = indicator_fact::table
            .filter(indicator_fact::report_id.eq(report_id))
            .order(indicator_fact::position)
            .select((
                indicator_fact::tahun,
                indicator_fact::is_history,
                indicator_fact::level,
                indicator_fact::raw_name,
                indicator_fact::concept_key,
                indicator_fact::unit,
                indicator_fact::direction,
                indicator_fact::target,
                indicator_fact::realisasi,
                indicator_fact::capaian_reported,
                indicator_fact::capaian_computed,
                indicator_fact::flags,
                indicator_fact::lines,
                indicator_fact::id,
                (
                    indicator_fact::confidence,
                    indicator_fact::confidence_reasons,
                ),
            ))
            .load(conn)?;
        let ids: Vec<i64> = facts.iter().map(|f| f.13).collect();
        let counts = super::changes::change_counts(conn, &ids)?;
        let revision: i32 = report::table
            .find(report_id)
            .select(report::revision)
            .first(conn)?;
        let mut reviews: std::collections::HashMap<i64, warehouse::review::Review> =
            warehouse::review::reviews_of(conn, &ids)?
                .into_iter()
                .map(|r| (r.fact_id, r))
                .collect();
        out.extend(facts.into_iter().map(|f| {
            let mut row = IndicatorResult {
                fact_id: f.13,
                tahun: f.0,
                is_history: f.1,
                level: f.2,
                name: f.3,
                concept: f.4,
                unit: f.5,
                direction: f.6,
                target: f.7,
                realisasi: f.8,
                capaian_reported: f.9,
                capaian_computed: f.10,
                flags: parse_strings(&f.11),
                confidence: confidence_text(f.14 .0),
                confidence_reasons: parse_strings(&f.14 .1),
                source: r.provenance(parse_lines(&f.12)).at_revision(revision),
                status: "extracted".to_owned(),
                review: None,
                changes: counts.get(&f.13).copied().unwrap_or(0),
                changes_url: super::changes::changes_url(f.13),
            };
            if let Some(review) = reviews.remove(&row.fact_id) {
                row.review = Some(
                    super::facts::FigureValues {
                        status: &mut row.status,
                        target: &mut row.target,
                        realisasi: &mut row.realisasi,
                        capaian_reported: &mut row.capaian_reported,
                        capaian_computed: &mut row.capaian_computed,
                    }
                    .publish(review),
                );
            }
            row
        }));
    }
    Ok(out)
}

/// The budgets of a kecamatan's current reports, newest year first.
pub(crate) fn budgets(
    conn: &mut DbConnection,
    k: &KecamatanSummary,
    tahun: Option<i32>,
) -> Result<Vec<Budget>, ApiError> {
    let code = k.code.clone();
    let mut out = Vec::new();
    for head in current_reports(conn, &code, tahun, None)? {
        let (report_id, report_tahun) = (head.id, head.tahun);
        let r = head.cite_as(k);
        #[allow(clippy::type_complexity)]
        let head: (
            Option<i32>,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            String,
            (Option<String>, String),
        ) = report::table
            .find(report_id)
            .select((
                report::budget_tahun,
                report::budget_pagu,
                report::budget_realisasi,
                report::budget_serapan_reported,
                report::budget_serapan_computed,
                report::budget_lines,
                (report::budget_confidence, report::budget_confidence_reasons),
            ))
            .first(conn)?;
        #[allow(clippy::type_complexity)]
        let items: Vec<(
            String,
            Option<String>,
            String,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            String,
            String,
            (Option<String>, String),
        )> = budget_line::table
            .filter(budget_line::report_id.eq(report_id))
            .order(budget_line::position)
            .select((
                budget_line::level,
                budget_line::kode,
                budget_line::name,
                budget_line::pagu,
                budget_line::realisasi,
                budget_line::serapan_reported,
                budget_line::flags,
                budget_line::lines,
                (budget_line::confidence, budget_line::confidence_reasons),
            ))
            .load(conn)?;
        if head.1.is_none() && head.2.is_none() && items.is_empty() {
            continue;
        }
        out.push(Budget {
            report_id,
            tahun: head.0.unwrap_or(report_tahun),
            pagu: head.1,
            realisasi: head.2,
            serapan_reported: head.3,
            serapan_computed: head.4,
            confidence: confidence_text(head.6 .0),
            confidence_reasons: parse_strings(&head.6 .1),
            source: r.provenance(parse_lines(&head.5)),
            items: items
                .into_iter()
                .map(|i| BudgetItem {
                    serapan_computed: serapan(i.4, i.3),
                    level: i.0,
                    kode: i.1,
                    name: i.2,
                    pagu: i.3,
                    realisasi: i.4,
                    serapan_reported: i.5,
                    flags: parse_strings(&i.6),
                    confidence: confidence_text(i.8 .0),
                    confidence_reasons: parse_strings(&i.8 .1),
                    source: r.provenance(parse_lines(&i.7)),
                })
                .collect(),
        });
    }
    Ok(out)
}
