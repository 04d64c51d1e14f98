//! The flat facts table: every indicator figure of every current report, filterable — the
//! journalist's workhorse, as JSON or CSV.

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use model::Exact;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use warehouse::schema::{indicator_fact, kabupaten, kecamatan, provinsi, report};

use crate::error::ApiError;
use crate::params;
use crate::provenance::{parse_lines, parse_strings, Provenance, ReportRef};
use crate::respond::{next_link, respond, Page};
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

#[derive(Debug, Serialize, ToSchema)]
pub struct Fact {
    pub id: i64,
    pub kecamatan_code: String,
    pub kecamatan: String,
    pub kabupaten_code: String,
    pub kabupaten: String,
    pub provinsi_code: String,
    pub provinsi: String,
    pub tahun: i32,
    pub is_history: bool,
    pub level: Option<String>,
    pub name: String,
    pub concept: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<String>,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
    pub flags: Vec<String>,
    /// `high`, `medium` or `low` (see /methodology): a low figure is shown but not ranked,
    /// compared or averaged until confirmed.
    #[schema(example = "high")]
    pub confidence: String,
    /// The flag and issue codes that lowered the confidence; empty when high.
    pub confidence_reasons: Vec<String>,
    pub source: Provenance,
    /// `extracted` (as read from the report), `confirmed`, `corrected` (target, realisasi and
    /// capaian_computed are then the corrected values) or `withheld` (not published: the
    /// values are null). The extracted values of a reviewed figure are in `review.extracted`.
    #[schema(example = "extracted")]
    pub status: String,
    /// The reviewer's decision, when there is one.
    pub review: Option<PublishedReview>,
    /// How many logged changes this figure has had (re-extraction, superseding report).
    pub changes: i64,
    /// Its changes, with the earlier values: `/api/v1/changes?fact=<id>`.
    pub changes_url: String,
}

/// A figure's review and the values it replaced.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedReview {
    #[serde(flatten)]
    pub review: super::review::FigureReview,
    /// The values as extracted from the report, kept under the published ones.
    pub extracted: ExtractedValues,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExtractedValues {
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
}

/// An indicator figure's status and values, extracted or published.
pub(crate) struct FigureValues<'a> {
    pub status: &'a mut String,
    pub target: &'a mut Option<Exact>,
    pub realisasi: &'a mut Option<Exact>,
    pub capaian_reported: &'a mut Option<Exact>,
    pub capaian_computed: &'a mut Option<Exact>,
}

impl FigureValues<'_> {
    /// Publishes the review's status and values over the extracted ones (the overlay of
    /// `warehouse::review`); the extracted ones are kept in the returned review.
    pub(crate) fn publish(self, review: warehouse::review::Review) -> PublishedReview {
        let extracted = ExtractedValues {
            target: *self.target,
            realisasi: *self.realisasi,
            capaian_reported: *self.capaian_reported,
            capaian_computed: *self.capaian_computed,
        };
        let [target, realisasi, capaian] = warehouse::review::published(
            Some(&review),
            *self.target,
            *self.realisasi,
            self.capaian_computed.or(*self.capaian_reported),
        );
        match review.status.as_str() {
            "withheld" => {
                *self.target = None;
                *self.realisasi = None;
                *self.capaian_reported = None;
                *self.capaian_computed = None;
            }
            "corrected" => {
                *self.target = target;
                *self.realisasi = realisasi;
                *self.capaian_computed = capaian;
            }
            _ => {}
        }
        self.status.clone_from(&review.status);
        PublishedReview {
            review: review.into(),
            extracted,
        }
    }
}

impl Fact {
    pub(crate) fn apply_review(&mut self, review: warehouse::review::Review) {
        self.review = Some(
            FigureValues {
                status: &mut self.status,
                target: &mut self.target,
                realisasi: &mut self.realisasi,
                capaian_reported: &mut self.capaian_reported,
                capaian_computed: &mut self.capaian_computed,
            }
            .publish(review),
        );
    }
}

#[allow(clippy::type_complexity)]
type FactTuple = (
    (
        i64,
        i32,
        bool,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    (
        Option<Exact>,
        Option<Exact>,
        Option<Exact>,
        Option<Exact>,
        String,
        String,
        Option<String>,
        String,
    ),
    (i64, String, String, i32, i32, String),
    (String, String, String, String, String, String),
);

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
    let (facts, total) = state
        .db(move |conn| {
            let total = match known_total {
                Some(total) => total,
                None => count_facts(conn, &filter)?,
            };
            Ok((load_facts(conn, &filter, after, limit)?, total))
        })
        .await?;
    if known_total.is_none() {
        state.cache.keep_total(total_key, total);
    }
    let next = next_link(
        &req,
        facts.len(),
        limit,
        facts.last().map(|f| f.id.to_string()),
    );
    respond(&req, &Page::new(facts, total, next))
}

/// Which facts a request asks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct FactFilter {
    pub concept: Option<String>,
    pub tahun: Option<i32>,
    pub kecamatan: Option<model::RegionCode>,
    pub kabupaten: Option<model::RegionCode>,
    pub provinsi: Option<model::RegionCode>,
    pub level: Option<String>,
    pub include_history: bool,
    pub flagged: Option<bool>,
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

/// The facts matching a filter; `filtered!` builds the query shared by the count and the page.
macro_rules! filtered {
    ($filter:expr, $select:expr) => {{
        let filter: &FactFilter = $filter;
        let mut q = indicator_fact::table
            .inner_join(report::table.inner_join(
                kecamatan::table.inner_join(kabupaten::table.inner_join(provinsi::table)),
            ))
            .filter(report::superseded_by.is_null())
            .select($select)
            .into_boxed();
        if let Some(c) = &filter.concept {
            q = q.filter(indicator_fact::concept_key.eq(c.clone()));
        }
        if let Some(t) = filter.tahun {
            q = q.filter(indicator_fact::tahun.eq(t));
        }
        // A region filter names the region's reports by id, so that each report's figures
        // are found through `indicator_fact_report_concept_idx` rather than by walking all
        // figures of the concept and year nationally and joining each to its region.
        if let Some(k) = &filter.kecamatan {
            q = q.filter(
                indicator_fact::report_id.eq_any(
                    report_alias
                        .filter(report_alias.field(report::kecamatan_code).eq(k.to_string()))
                        .select(report_alias.field(report::id)),
                ),
            );
        }
        if let Some(k) = &filter.kabupaten {
            q = q.filter(
                indicator_fact::report_id.eq_any(
                    report_alias
                        .filter(
                            report_alias.field(report::kecamatan_code).eq_any(
                                kecamatan_alias
                                    .filter(
                                        kecamatan_alias
                                            .field(kecamatan::kabupaten_code)
                                            .eq(k.to_string()),
                                    )
                                    .select(kecamatan_alias.field(kecamatan::code)),
                            ),
                        )
                        .select(report_alias.field(report::id)),
                ),
            );
        }
        if let Some(p) = &filter.provinsi {
            q = q.filter(kabupaten::provinsi_code.eq(p.to_string()));
        }
        if let Some(l) = &filter.level {
            q = q.filter(indicator_fact::level.eq(l.clone()));
        }
        if !filter.include_history {
            q = q.filter(indicator_fact::is_history.eq(false));
        }
        match filter.flagged {
            Some(true) => q = q.filter(indicator_fact::flags.ne("[]")),
            Some(false) => q = q.filter(indicator_fact::flags.eq("[]")),
            None => {}
        }
        q
    }};
}

diesel::alias!(report as report_alias: ReportAlias, kecamatan as kecamatan_alias: KecamatanAlias);

/// How many facts match a filter, over all pages.
pub(crate) fn count_facts(
    conn: &mut warehouse::DbConnection,
    filter: &FactFilter,
) -> Result<i64, ApiError> {
    Ok(filtered!(filter, diesel::dsl::count_star()).get_result(conn)?)
}

/// A page of facts: ids above `after`, at most `limit`, in id order.
pub(crate) fn load_facts(
    conn: &mut warehouse::DbConnection,
    filter: &FactFilter,
    after: i64,
    limit: i64,
) -> Result<Vec<Fact>, ApiError> {
    let rows: Vec<FactTuple> = filtered!(
        filter,
        (
            (
                indicator_fact::id,
                indicator_fact::tahun,
                indicator_fact::is_history,
                indicator_fact::level,
                indicator_fact::raw_name,
                indicator_fact::concept_key,
                indicator_fact::unit,
                indicator_fact::direction,
            ),
            (
                indicator_fact::target,
                indicator_fact::realisasi,
                indicator_fact::capaian_reported,
                indicator_fact::capaian_computed,
                indicator_fact::flags,
                indicator_fact::lines,
                indicator_fact::confidence,
                indicator_fact::confidence_reasons,
            ),
            (
                report::id,
                report::file_name,
                report::sha256,
                report::tahun,
                report::revision,
                report::page_starts,
            ),
            (
                kecamatan::code,
                kecamatan::name,
                kabupaten::code,
                kabupaten::name,
                provinsi::code,
                provinsi::name,
            ),
        )
    )
    .filter(indicator_fact::id.gt(after))
    .order(indicator_fact::id)
    .limit(limit)
    .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0 .0).collect();
    let counts = super::changes::change_counts(conn, &ids)?;
    let mut reviews: std::collections::HashMap<i64, warehouse::review::Review> =
        warehouse::review::reviews_of(conn, &ids)?
            .into_iter()
            .map(|r| (r.fact_id, r))
            .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut fact = to_fact(row);
            fact.changes = counts.get(&fact.id).copied().unwrap_or(0);
            if let Some(review) = reviews.remove(&fact.id) {
                fact.apply_review(review);
            }
            fact
        })
        .collect())
}

fn to_fact(row: FactTuple) -> Fact {
    let (head, figures, rep, region) = row;
    let source = ReportRef {
        report_id: rep.0,
        file: &rep.1,
        sha256: &rep.2,
        kecamatan: &region.1,
        kabupaten: &region.3,
        tahun: rep.3,
        page_starts: &rep.5,
    }
    .provenance(parse_lines(&figures.5))
    .at_revision(rep.4);
    Fact {
        status: "extracted".to_owned(),
        review: None,
        changes: 0,
        changes_url: super::changes::changes_url(head.0),
        id: head.0,
        tahun: head.1,
        is_history: head.2,
        level: head.3,
        name: head.4,
        concept: head.5,
        unit: head.6,
        direction: head.7,
        target: figures.0,
        realisasi: figures.1,
        capaian_reported: figures.2,
        capaian_computed: figures.3,
        flags: parse_strings(&figures.4),
        confidence: super::kecamatan::confidence_text(figures.6),
        confidence_reasons: parse_strings(&figures.7),
        source,
        kecamatan_code: region.0,
        kecamatan: region.1,
        kabupaten_code: region.2,
        kabupaten: region.3,
        provinsi_code: region.4,
        provinsi: region.5,
    }
}
