//! Every canonical figure of the current reports, own-year and comparison-table history alike:
//! read once per refresh, it feeds the standings (own-year facts), the trends and the story
//! leads (whole series).

use diesel::prelude::*;
use model::Exact;
use warehouse::schema::{figure_review, indicator_fact, kabupaten, kecamatan, report};
use warehouse::DbConnection;

use crate::facts::FactRecord;

/// One indicator fact of a current report, with what the series need beyond [`FactRecord`].
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesFact {
    pub fact: FactRecord,
    /// The year of the report the fact was printed in (a history figure's own year is earlier).
    pub report_tahun: i32,
    pub is_history: bool,
    pub target: Option<Exact>,
    /// Whether the figure may be ranked, compared or averaged: not of low confidence, or
    /// confirmed by a reviewer (the publication rule, docs/methodology.md).
    pub comparable: bool,
}

impl SeriesFact {
    /// A figure of the report's own results, the only kind the standings compare.
    pub fn is_own_year(&self) -> bool {
        !self.is_history && self.fact.tahun == self.report_tahun
    }
}

type Ids = (i64, i64, i32, i32, bool, Option<String>, bool);
type Places = (String, String, String);
type Row = (Ids, Labels, Figures, Places, Option<Corrected>);
/// A correction's published target, realisasi and capaian.
type Corrected = (Option<Exact>, Option<Exact>, Option<Exact>);
type Labels = (Option<String>, Option<String>, String);
type Figures = (Option<Exact>, Option<Exact>, Option<Exact>, Option<Exact>);

/// The canonical facts of every current report (nothing supersedes it), in fact id order, which
/// is report order within a report, as published after review: a withheld figure is left out,
/// a corrected one has its corrected values.
pub fn series_facts(conn: &mut DbConnection) -> QueryResult<Vec<SeriesFact>> {
    let query = indicator_fact::table
        .inner_join(report::table.inner_join(kecamatan::table.inner_join(kabupaten::table)))
        .left_join(
            figure_review::table.on(figure_review::fact_id
                .eq(indicator_fact::id)
                .and(figure_review::status.ne("confirmed"))),
        )
        .filter(report::superseded_by.is_null())
        .filter(
            figure_review::status
                .is_null()
                .or(figure_review::status.ne("withheld")),
        )
        .filter(indicator_fact::concept_key.is_not_null())
        .order(indicator_fact::id)
        .select((
            (
                indicator_fact::id,
                indicator_fact::report_id,
                indicator_fact::tahun,
                report::tahun,
                indicator_fact::is_history,
                indicator_fact::confidence,
                indicator_fact::confirmed,
            ),
            (
                indicator_fact::level,
                indicator_fact::direction,
                indicator_fact::concept_key.assume_not_null(),
            ),
            (
                indicator_fact::target,
                indicator_fact::realisasi,
                indicator_fact::capaian_reported,
                indicator_fact::capaian_computed,
            ),
            (
                report::kecamatan_code,
                kecamatan::kabupaten_code,
                kabupaten::provinsi_code,
            ),
            (
                figure_review::target,
                figure_review::realisasi,
                figure_review::capaian,
            )
                .nullable(),
        ));
    // On the backend's own connection rather than through the multi-backend one, whose rows
    // hand over every field through one more layer: the refresh's largest read, on the path
    // every other step waits for.
    let rows: Vec<Row> = match conn {
        DbConnection::Sqlite(c) => query.load(c)?,
        DbConnection::Postgres(c) => query.load(c)?,
    };
    Ok(rows.into_iter().map(series_fact).collect())
}

fn series_fact(row: Row) -> SeriesFact {
    let (
        (fact_id, report_id, tahun, report_tahun, is_history, confidence, confirmed),
        labels,
        figures,
        places,
        corrected,
    ) = row;
    let (level, direction, concept_key) = labels;
    let (mut target, mut realisasi, capaian_reported, mut capaian_computed) = figures;
    // Only corrections join (confirmations change no value; withheld rows are filtered out).
    if let Some((t, r, c)) = corrected {
        target = t.or(target);
        realisasi = r.or(realisasi);
        capaian_computed = c.or(capaian_computed);
    }
    let (kecamatan_code, kabupaten_code, provinsi_code) = places;
    SeriesFact {
        fact: FactRecord {
            fact_id,
            report_id,
            kecamatan_code,
            kabupaten_code,
            provinsi_code,
            concept_key,
            tahun,
            level,
            direction,
            realisasi,
            capaian_reported,
            capaian_computed,
        },
        report_tahun,
        is_history,
        target,
        comparable: comparable(confidence.as_deref(), confirmed),
    }
}

/// The publication rule: a low-confidence figure is not compared until confirmed. A figure not
/// yet assessed (NULL, only between a migration and its backfill) counts as comparable.
pub fn comparable(confidence: Option<&str>, confirmed: bool) -> bool {
    let level = confidence.and_then(|c| c.parse::<model::Confidence>().ok());
    level.is_none_or(|c| c.is_comparable(confirmed))
}

/// The facts the standings compare (what [`crate::current_facts`] reads), taken from the series:
/// own-year figures that may be compared (low-confidence ones are left out until confirmed).
pub fn own_year_facts(series: &[SeriesFact]) -> Vec<&FactRecord> {
    series
        .iter()
        .filter(|s| s.is_own_year() && s.comparable)
        .map(|s| &s.fact)
        .collect()
}
