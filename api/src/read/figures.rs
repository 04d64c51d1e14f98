//! Indicator figures as a kecamatan's page shows them, with the published review laid over the
//! extracted values and the count of logged changes.

use std::collections::HashMap;

use diesel::prelude::*;
use model::Exact;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::review::Review;
use warehouse::schema::{figure_change, indicator_fact, report};
use warehouse::views::facts::FigureRow;
use warehouse::DbConnection;

use crate::error::ApiError;
use crate::provenance::{parse_lines, parse_strings, Provenance};
use crate::read::kecamatan::KecamatanSummary;
use crate::read::reports::current_reports;

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
    pub review: Option<PublishedReview>,
    /// How many logged changes this figure has had (re-extraction, superseding report).
    pub changes: i64,
    /// Its changes, with the earlier values: `/api/v1/changes?fact=<id>`.
    pub changes_url: String,
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
        let facts: Vec<FigureRow> = indicator_fact::table
            .filter(indicator_fact::report_id.eq(report_id))
            .order(indicator_fact::position)
            .select(FigureRow::as_select())
            .load(conn)?;
        let ids: Vec<i64> = facts.iter().map(|f| f.id).collect();
        let counts = change_counts(conn, &ids)?;
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
                fact_id: f.id,
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
                source: r.provenance(parse_lines(&f.lines)).at_revision(revision),
                status: "extracted".to_owned(),
                review: None,
                changes: counts.get(&f.id).copied().unwrap_or(0),
                changes_url: changes_url(f.id),
            };
            if let Some(review) = reviews.remove(&row.fact_id) {
                row.review = Some(
                    FigureValues {
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

/// A stored confidence as the API shows it: a figure not yet assessed (only between a migration
/// and its backfill) shows as high, as analytics treats it.
pub(crate) fn confidence_text(stored: Option<String>) -> String {
    stored.unwrap_or_else(|| model::Confidence::High.as_str().to_owned())
}

/// A figure's review and the values it replaced.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedReview {
    #[serde(flatten)]
    pub review: FigureReview,
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

/// The review of a figure, as published: the reviewer is named by role and region only.
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureReview {
    pub fact_id: i64,
    /// `confirmed`, `corrected` or `withheld`.
    pub status: String,
    /// For `corrected`: the published values that replace the extracted ones (null: kept).
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian: Option<Exact>,
    pub note: String,
    /// `admin` or `reviewer`.
    pub reviewer_role: String,
    /// The provinsi or kabupaten code the reviewer reviews; null for an admin.
    pub reviewer_region: Option<String>,
    pub reviewed_at: String,
    /// A re-extraction changed the extracted values since: the figure is in the queue again.
    pub requeued: bool,
}

impl From<Review> for FigureReview {
    fn from(r: Review) -> Self {
        FigureReview {
            fact_id: r.fact_id,
            status: r.status,
            target: r.target,
            realisasi: r.realisasi,
            capaian: r.capaian,
            note: r.note,
            reviewer_role: r.reviewer_role,
            reviewer_region: r.reviewer_region,
            reviewed_at: r.reviewed_at,
            requeued: r.requeued,
        }
    }
}

/// How many logged changes each of these indicator figures has.
pub(crate) fn change_counts(
    conn: &mut DbConnection,
    fact_ids: &[i64],
) -> QueryResult<HashMap<i64, i64>> {
    if fact_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Option<i64>, i64)> = figure_change::table
        .filter(figure_change::fact_id.eq_any(fact_ids.to_vec()))
        .group_by(figure_change::fact_id)
        .select((figure_change::fact_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect())
}

/// The link to an indicator figure's changes.
pub(crate) fn changes_url(fact_id: i64) -> String {
    format!("/api/v1/changes?fact={fact_id}")
}
