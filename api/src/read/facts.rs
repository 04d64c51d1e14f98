//! The flat facts table: every indicator figure of the current reports with its region and
//! provenance, by a typed filter; shared by `/api/v1/facts` and the `facts` export.

use diesel::prelude::*;
use model::Exact;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::{indicator_fact, kabupaten, kecamatan, provinsi, report};
use warehouse::views::facts::FactView;

use crate::error::ApiError;
use crate::provenance::{parse_lines, parse_strings, Provenance, ReportRef};
use crate::read::figures::{
    change_counts, changes_url, confidence_text, FigureValues, PublishedReview,
};

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
    let rows: Vec<FactView> = filtered!(filter, FactView::as_select())
        .filter(indicator_fact::id.gt(after))
        .order(indicator_fact::id)
        .limit(limit)
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.figure.id).collect();
    let counts = change_counts(conn, &ids)?;
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

fn to_fact(row: FactView) -> Fact {
    let FactView {
        figure: f,
        report: rep,
        region,
    } = row;
    let source = ReportRef {
        report_id: rep.report_id,
        file: &rep.file_name,
        sha256: &rep.sha256,
        kecamatan: &region.kecamatan,
        kabupaten: &region.kabupaten,
        tahun: rep.tahun,
        page_starts: &rep.page_starts,
    }
    .provenance(parse_lines(&f.lines))
    .at_revision(rep.revision);
    Fact {
        status: "extracted".to_owned(),
        review: None,
        changes: 0,
        changes_url: changes_url(f.id),
        id: f.id,
        tahun: f.tahun,
        is_history: f.is_history,
        level: f.level,
        name: f.raw_name,
        concept: f.concept_key,
        unit: f.unit,
        direction: f.direction,
        target: f.target,
        realisasi: f.realisasi,
        capaian_reported: f.capaian_reported,
        capaian_computed: f.capaian_computed,
        flags: parse_strings(&f.flags),
        confidence: confidence_text(f.confidence),
        confidence_reasons: parse_strings(&f.confidence_reasons),
        source,
        kecamatan_code: region.kecamatan_code,
        kecamatan: region.kecamatan,
        kabupaten_code: region.kabupaten_code,
        kabupaten: region.kabupaten,
        provinsi_code: region.provinsi_code,
        provinsi: region.provinsi,
    }
}
