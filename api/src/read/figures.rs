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
    #[serde(flatten)]
    pub figure: Figure,
}

/// An indicator figure as every answer shows it: its values with the published review laid
/// over the extracted ones, its confidence, its source and its logged changes.
#[derive(Debug, Serialize, ToSchema)]
pub struct Figure {
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

impl Figure {
    /// The figure as extracted, citing `source`: no review laid over it, no change counted.
    pub(crate) fn extracted(row: FigureRow, source: Provenance) -> Figure {
        let FigureRow { id, fact: f } = row;
        Figure {
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
            status: "extracted".to_owned(),
            review: None,
            changes: 0,
            changes_url: changes_url(id),
        }
    }

    /// Publishes the review's status and values over the extracted ones (the overlay of
    /// `warehouse::review`); the extracted ones are kept in `review.extracted`.
    fn publish(&mut self, review: Review) {
        let extracted = ExtractedValues {
            target: self.target,
            realisasi: self.realisasi,
            capaian_reported: self.capaian_reported,
            capaian_computed: self.capaian_computed,
        };
        let [target, realisasi, capaian] = warehouse::review::published(
            Some(&review),
            self.target,
            self.realisasi,
            self.capaian_computed.or(self.capaian_reported),
        );
        match review.status.as_str() {
            "withheld" => {
                self.target = None;
                self.realisasi = None;
                self.capaian_reported = None;
                self.capaian_computed = None;
            }
            "corrected" => {
                self.target = target;
                self.realisasi = realisasi;
                self.capaian_computed = capaian;
            }
            _ => {}
        }
        self.status.clone_from(&review.status);
        self.review = Some(PublishedReview {
            review: review.into(),
            extracted,
        });
    }
}

/// The published reviews and the change counts of a set of figures, read once for all of them.
pub(crate) struct FigureNotes {
    counts: HashMap<i64, i64>,
    reviews: HashMap<i64, Review>,
}

impl FigureNotes {
    pub(crate) fn of(conn: &mut DbConnection, fact_ids: &[i64]) -> QueryResult<FigureNotes> {
        Ok(FigureNotes {
            counts: change_counts(conn, fact_ids)?,
            reviews: warehouse::review::reviews_of(conn, fact_ids)?
                .into_iter()
                .map(|r| (r.fact_id, r))
                .collect(),
        })
    }

    /// Counts the changes of figure `fact_id` and lays its review over it.
    pub(crate) fn annotate(&mut self, fact_id: i64, figure: &mut Figure) {
        figure.changes = self.counts.get(&fact_id).copied().unwrap_or(0);
        if let Some(review) = self.reviews.remove(&fact_id) {
            figure.publish(review);
        }
    }
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
        let mut notes = FigureNotes::of(conn, &ids)?;
        let revision: i32 = report::table
            .find(report_id)
            .select(report::revision)
            .first(conn)?;
        out.extend(facts.into_iter().map(|f| {
            let fact_id = f.id;
            let source = r
                .provenance(parse_lines(&f.fact.lines))
                .at_revision(revision);
            let mut figure = Figure::extracted(f, source);
            notes.annotate(fact_id, &mut figure);
            IndicatorResult { fact_id, figure }
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
