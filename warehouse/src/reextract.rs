//! Re-extraction of stored reports: the figures of a report are read again from its stored
//! original with the current parser and taxonomy, in one transaction per report. Indicator
//! figures are rewritten in place (same id, so links to them still work), every other row of
//! the report is replaced, and each change to a published figure goes to the change log.

use diesel::prelude::*;
use model::{Exact, Extracted};

use crate::changes::{self, Change, ChangeContext};
use crate::connection::{DbConnection, MultiBackend};
use crate::error::LoadError;
use crate::load::{insert_other_children, new_facts, new_report, place};
use crate::schema::{
    budget_line, extraction_issue, indicator_fact, kecamatan, report, report_line, report_original,
    satisfaction_survey, village,
};
use crate::views::budget::BudgetTotals;
use crate::views::kecamatan::Profile;

/// A stored original read again: the extract, and the report text its line numbers refer to
/// (the original itself for text; for PDF and DOCX what the reader made of the document,
/// which a better reader changes).
pub struct Reread {
    pub extract: Extracted,
    pub text: Vec<u8>,
}

/// The step from a stored original's file name and bytes to a [`Reread`].
pub type ReadOriginal<'a> = &'a dyn Fn(&str, &[u8]) -> Result<Reread, String>;

/// The extractor a re-extraction uses: its versions, and the step from a stored original's
/// bytes to an extract (with concepts mapped by the taxonomy named by `taxonomy_version`).
pub struct Producer<'a> {
    pub parser_version: &'a str,
    pub taxonomy_version: &'a str,
    pub extract: ReadOriginal<'a>,
}

/// A stored current report, with what produced its figures.
#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct StoredReport {
    pub id: i64,
    pub kecamatan_code: String,
    pub tahun: i32,
    pub file_name: String,
    pub parser_version: String,
    pub taxonomy_version: Option<String>,
}

impl StoredReport {
    /// Whether its figures come from this parser and taxonomy.
    pub fn is_current(&self, producer: &Producer<'_>) -> bool {
        self.parser_version == producer.parser_version
            && self.taxonomy_version.as_deref() == Some(producer.taxonomy_version)
    }

    /// Why it is re-extracted: `parser 0.1.0 → 0.2.0`, `taxonomy 3f2a9c1e → 8b0d44a2`, both
    /// (joined by `, `), or `re-extraction` when neither moved.
    pub fn cause(&self, producer: &Producer<'_>) -> String {
        let mut parts = Vec::new();
        if self.parser_version != producer.parser_version {
            parts.push(format!(
                "parser {} → {}",
                self.parser_version, producer.parser_version
            ));
        }
        if self.taxonomy_version.as_deref() != Some(producer.taxonomy_version) {
            let short = |v: &str| v.chars().take(8).collect::<String>();
            let old = self
                .taxonomy_version
                .as_deref()
                .map_or_else(|| "unrecorded".to_owned(), short);
            parts.push(format!(
                "taxonomy {old} → {}",
                short(producer.taxonomy_version)
            ));
        }
        if parts.is_empty() {
            "re-extraction".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// Which reports a re-extraction considers: the current (not superseded), real (not
/// synthetic) ones, of one kabupaten or one report when asked.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub kabupaten: Option<String>,
    pub report: Option<i64>,
}

/// The reports a selection names, in id order.
pub fn current_reports(
    conn: &mut DbConnection,
    selection: &Selection,
) -> QueryResult<Vec<StoredReport>> {
    let mut q = report::table
        .filter(report::superseded_by.is_null())
        .filter(report::synthetic.eq(false))
        .select(StoredReport::as_select())
        .order(report::id)
        .into_boxed();
    if let Some(kab) = &selection.kabupaten {
        q = q.filter(
            report::kecamatan_code.eq_any(
                kecamatan::table
                    .filter(kecamatan::kabupaten_code.eq(kab.clone()))
                    .select(kecamatan::code),
            ),
        );
    }
    if let Some(id) = selection.report {
        q = q.filter(report::id.eq(id));
    }
    q.load(conn)
}

/// The current reports whose figures come from another parser or taxonomy and that can be
/// re-extracted (their original, or at least their lines, is stored), in id order: one query.
pub fn stale_reports(
    conn: &mut DbConnection,
    producer: &Producer<'_>,
) -> QueryResult<Vec<StoredReport>> {
    report::table
        .filter(report::superseded_by.is_null())
        .filter(report::synthetic.eq(false))
        .filter(
            report::parser_version
                .ne(producer.parser_version)
                .or(report::taxonomy_version.is_null())
                .or(report::taxonomy_version.ne(producer.taxonomy_version)),
        )
        .filter(
            diesel::dsl::exists(
                report_original::table.filter(
                    report_original::sha256
                        .nullable()
                        .eq(report::original_sha256),
                ),
            )
            .or(diesel::dsl::exists(
                report_line::table.filter(report_line::report_id.eq(report::id)),
            )),
        )
        .select(StoredReport::as_select())
        .order(report::id)
        .load(conn)
}

/// Points in a re-extraction where a test can make it fail, to prove a report is never left
/// half old, half new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReextractStage {
    FactsRewritten,
    ChangesRecorded,
}

/// What re-extracting one report did (or, in a dry run, would do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Already produced by this parser and taxonomy: not read again.
    UpToDate,
    /// Read again; no published figure changed (its versions are now the current ones).
    Unchanged,
    /// Read again; these figures changed, and the log has them.
    Changed(Vec<Change>),
}

/// Why a report could not be re-extracted. The report is unchanged whenever one is returned.
#[derive(Debug, thiserror::Error)]
pub enum ReextractError {
    #[error("report {0} has no stored original and no stored lines to read it again from")]
    NoOriginal(i64),
    #[error("the stored original is no longer read as an LKjIP: {0}")]
    Unusable(String),
    #[error("read again, the report places itself in {found}, not {stored} where it is stored")]
    Moved { stored: String, found: String },
    #[error(transparent)]
    Load(#[from] LoadError),
}

impl From<diesel::result::Error> for ReextractError {
    fn from(e: diesel::result::Error) -> Self {
        ReextractError::Load(e.into())
    }
}

/// Re-extracts one report (see the module documentation); a report already at the
/// producer's versions is skipped unless `force`. With `dry_run` the work is done inside a
/// transaction that is rolled back, and the changes it would make are returned.
pub fn reextract_report(
    conn: &mut DbConnection,
    stored: &StoredReport,
    producer: &Producer<'_>,
    force: bool,
    dry_run: bool,
) -> Result<Outcome, ReextractError> {
    reextract_report_with_hook(conn, stored, producer, force, dry_run, &mut |_| Ok(()))
}

/// [`reextract_report`] with a hook called at each [`ReextractStage`]; an error from the hook
/// aborts it like any other failure. For tests of atomicity.
#[doc(hidden)]
pub fn reextract_report_with_hook(
    conn: &mut DbConnection,
    stored: &StoredReport,
    producer: &Producer<'_>,
    force: bool,
    dry_run: bool,
    hook: &mut dyn FnMut(ReextractStage) -> Result<(), LoadError>,
) -> Result<Outcome, ReextractError> {
    if stored.is_current(producer) && !force {
        return Ok(Outcome::UpToDate);
    }
    let cause = stored.cause(producer);
    let mut outcome = None;
    let result = conn.transaction::<(), ReextractError, _>(|conn| {
        let original = crate::original::ensure_original(conn, stored.id)?
            .ok_or(ReextractError::NoOriginal(stored.id))?;
        let Reread { extract, text } = (producer.extract)(&stored.file_name, &original.bytes)
            .map_err(ReextractError::Unusable)?;
        let placed = place(&extract)?;
        if placed.kecamatan_code.as_str() != stored.kecamatan_code || placed.tahun != stored.tahun {
            return Err(ReextractError::Moved {
                stored: format!("{} {}", stored.kecamatan_code, stored.tahun),
                found: format!("{} {}", placed.kecamatan_code, placed.tahun),
            });
        }
        let before = changes::figures_of(conn, stored.id)?;
        rewrite(conn, stored.id, &extract, &placed, producer)?;
        rewrite_lines(conn, stored.id, &text)?;
        hook(ReextractStage::FactsRewritten)?;
        let after = changes::figures_of(conn, stored.id)?;
        let changed = changes::diff(&before, &after);
        if !changed.is_empty() {
            diesel::update(report::table.find(stored.id))
                .set(report::revision.eq(report::revision + 1))
                .execute(conn)?;
        }
        crate::version::mark_warehouse_changed(conn)?;
        changes::record(
            conn,
            &ChangeContext {
                report_id: stored.id,
                previous_report_id: None,
                cause: &cause,
            },
            &changed,
        )?;
        // A reviewed figure whose extracted values changed keeps its review and is queued again.
        crate::review::requeue_changed(conn, &changed)?;
        hook(ReextractStage::ChangesRecorded)?;
        tracing::info!(
            report_id = stored.id,
            changes = changed.len(),
            cause = cause.as_str(),
            "report re-extracted"
        );
        outcome = Some(if changed.is_empty() {
            Outcome::Unchanged
        } else {
            Outcome::Changed(changed)
        });
        if dry_run {
            // Rolls the transaction back; the outcome is kept.
            return Err(LoadError::Interrupted("dry run").into());
        }
        Ok(())
    });
    match (result, outcome) {
        (Ok(()), Some(outcome)) => Ok(outcome),
        (Err(ReextractError::Load(LoadError::Interrupted("dry run"))), Some(outcome))
            if dry_run =>
        {
            Ok(outcome)
        }
        (Err(e), _) => Err(e),
        (Ok(()), None) => Err(LoadError::Interrupted("no outcome").into()),
    }
}

/// The report's own columns, rewritten from a new extract (its sha256, file and load time stay).
#[derive(AsChangeset)]
#[diesel(table_name = report, treat_none_as_null = true)]
struct ReportRewrite {
    parser_version: String,
    taxonomy_version: Option<String>,
    line_count: i32,
    kecamatan_printed: Option<String>,
    kabupaten_printed: Option<String>,
    identity_lines: String,
    #[diesel(embed)]
    profile: Profile,
    #[diesel(embed)]
    budget: BudgetTotals,
    page_starts: String,
}

/// An indicator figure's columns, rewritten in place.
#[derive(AsChangeset)]
#[diesel(table_name = indicator_fact, treat_none_as_null = true)]
struct FactRewrite {
    position: i32,
    level: Option<String>,
    concept_key: Option<String>,
    unit: Option<String>,
    direction: Option<String>,
    target: Option<Exact>,
    realisasi: Option<Exact>,
    capaian_reported: Option<Exact>,
    capaian_computed: Option<Exact>,
    lines: String,
    flags: String,
    confidence: Option<String>,
    confidence_reasons: String,
}

fn rewrite(
    conn: &mut DbConnection,
    report_id: i64,
    extract: &Extracted,
    placed: &crate::load::Placement,
    producer: &Producer<'_>,
) -> QueryResult<()> {
    let row = new_report(extract, placed);
    diesel::update(report::table.find(report_id))
        .set(ReportRewrite {
            parser_version: producer.parser_version.to_owned(),
            taxonomy_version: Some(producer.taxonomy_version.to_owned()),
            line_count: row.line_count,
            kecamatan_printed: row.kecamatan_printed,
            kabupaten_printed: row.kabupaten_printed,
            identity_lines: row.identity_lines,
            profile: row.profile,
            budget: row.budget,
            page_starts: row.page_starts,
        })
        .execute(conn)?;
    rewrite_facts(conn, report_id, extract)?;
    diesel::delete(budget_line::table.filter(budget_line::report_id.eq(report_id)))
        .execute(conn)?;
    diesel::delete(village::table.filter(village::report_id.eq(report_id))).execute(conn)?;
    diesel::delete(satisfaction_survey::table.filter(satisfaction_survey::report_id.eq(report_id)))
        .execute(conn)?;
    diesel::delete(extraction_issue::table.filter(extraction_issue::report_id.eq(report_id)))
        .execute(conn)?;
    insert_other_children(conn, report_id, extract)
}

/// The report's lines become those of the text read again, so that every figure's lines quote
/// what it was read from (a PDF or DOCX reader that improved reads other lines). Nothing is
/// written when the lines are the same.
fn rewrite_lines(conn: &mut DbConnection, report_id: i64, text: &[u8]) -> QueryResult<()> {
    let stored: Vec<String> = report_line::table
        .filter(report_line::report_id.eq(report_id))
        .order(report_line::line_no)
        .select(report_line::text)
        .load(conn)?;
    let text = String::from_utf8_lossy(text);
    if stored.iter().map(String::as_str).eq(text.lines()) {
        return Ok(());
    }
    diesel::delete(report_line::table.filter(report_line::report_id.eq(report_id)))
        .execute(conn)?;
    crate::load::insert_lines(conn, report_id, text.as_bytes())
}

/// Pairs the stored indicator figures with the new ones by key ([`changes::Figure::key`]):
/// a pair is updated in place, a stored figure without a new one is deleted, a new one
/// without a stored one is inserted.
fn rewrite_facts(conn: &mut DbConnection, report_id: i64, extract: &Extracted) -> QueryResult<()> {
    let stored: Vec<(i64, bool, String, i32)> = indicator_fact::table
        .filter(indicator_fact::report_id.eq(report_id))
        .order(indicator_fact::position)
        .select((
            indicator_fact::id,
            indicator_fact::is_history,
            indicator_fact::raw_name,
            indicator_fact::tahun,
        ))
        .load(conn)?;
    let stored_keys =
        changes::unique_keys(stored.iter().map(|f| changes::fact_key(f.1, &f.2, f.3)));
    let mut by_key: std::collections::HashMap<String, i64> = stored_keys
        .into_iter()
        .zip(stored.iter().map(|f| f.0))
        .collect();
    let fresh = new_facts(report_id, extract);
    let fresh_keys = changes::unique_keys(
        fresh
            .iter()
            .map(|f| changes::fact_key(f.is_history, &f.raw_name, f.tahun)),
    );
    let mut inserts = Vec::new();
    for (fact, key) in fresh.into_iter().zip(fresh_keys) {
        match by_key.remove(&key) {
            Some(id) => {
                diesel::update(indicator_fact::table.find(id))
                    .set(FactRewrite {
                        position: fact.position,
                        level: fact.level,
                        concept_key: fact.concept_key,
                        unit: fact.unit,
                        direction: fact.direction,
                        target: fact.target,
                        realisasi: fact.realisasi,
                        capaian_reported: fact.capaian_reported,
                        capaian_computed: fact.capaian_computed,
                        lines: fact.lines,
                        flags: fact.flags,
                        confidence: fact.confidence,
                        confidence_reasons: fact.confidence_reasons,
                    })
                    .execute(conn)?;
            }
            None => inserts.push(fact),
        }
    }
    let gone: Vec<i64> = by_key.into_values().collect();
    if !gone.is_empty() {
        diesel::delete(indicator_fact::table.filter(indicator_fact::id.eq_any(gone)))
            .execute(conn)?;
    }
    crate::insert_all!(conn, indicator_fact::table, inserts, 17)?;
    Ok(())
}
