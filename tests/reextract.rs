//! Re-extraction and the change log on both backends: a synonym added to the taxonomy reaches
//! the loaded figures and the rankings, every change is logged with its cause, a second run
//! changes nothing, a dry run changes nothing, and a failure leaves a report old or new.

use diesel::prelude::*;
use ingest::taxonomy::Taxonomy;
use testkit::{on_both_backends, samples, Backend, TestDb};
use warehouse::reextract::{
    current_reports, reextract_report, reextract_report_with_hook, Outcome, Producer,
    ReextractStage, Reread, Selection,
};
use warehouse::schema::{figure_change, indicator_fact, report, report_original};
use warehouse::schema_analytics::indicator_rank;
use warehouse::{DbConnection, LoadError};

/// Kartoharjo's "Kecamatan Berpredikat Kinerja Baik" maps to this concept through the synonym
/// "berpredikat kinerja" alone.
const CONCEPT: &str = "predikat_kinerja_kecamatan";
const SYNONYM: &str = "\"berpredikat kinerja\", ";
const NAME: &str = "Kecamatan Berpredikat Kinerja Baik";

/// A logged change as the first test reads it: report, fact, field, old, new, cause, revision.
type Logged = (
    i64,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    String,
    i32,
);

/// A logged change as the superseding test reads it: previous report, concept, field, old,
/// new, cause.
type Superseding = (
    Option<i64>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
);

fn fail<E: std::fmt::Display>(e: E) -> ! {
    panic!("{e}")
}

/// The built-in taxonomy, and the same file without the synonym (the file before it was added).
fn taxonomies() -> (Taxonomy, Taxonomy) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/indicators.toml");
    let with = std::fs::read_to_string(path).unwrap_or_else(|e| fail(e));
    assert!(with.contains(SYNONYM), "the taxonomy has {SYNONYM}");
    let without = with.replacen(SYNONYM, "", 1);
    (
        Taxonomy::from_toml(&with).unwrap_or_else(|e| fail(e)),
        Taxonomy::from_toml(&without).unwrap_or_else(|e| fail(e)),
    )
}

fn extract_with(taxonomy: &Taxonomy, name: &str, bytes: &[u8]) -> Result<Reread, String> {
    let mut extract = ingest::extract(name, bytes);
    taxonomy.remap(&mut extract);
    Ok(Reread {
        extract,
        text: bytes.to_vec(),
    })
}

/// A warehouse holding the sample reports, their concepts mapped by `taxonomy`.
fn loaded_with(backend: Backend, taxonomy: &Taxonomy) -> (TestDb, DbConnection) {
    let db = TestDb::fresh(backend).unwrap_or_else(|| fail("no test database"));
    let mut conn = db.open();
    testkit::load_samples_mapped_by(&mut conn, taxonomy);
    (db, conn)
}

/// Re-extracts every current report with `taxonomy`; `fail_report` fails mid-way.
fn reextract_all(
    conn: &mut DbConnection,
    taxonomy: &Taxonomy,
    dry_run: bool,
    fail_report: Option<i64>,
) -> Vec<Result<Outcome, String>> {
    if !dry_run {
        warehouse::sync_concepts(conn, &taxonomy.indicator_concepts()).unwrap_or_else(|e| fail(e));
    }
    let extract = |name: &str, bytes: &[u8]| extract_with(taxonomy, name, bytes);
    let producer = Producer {
        parser_version: ingest::PARSER_VERSION,
        taxonomy_version: taxonomy.version(),
        extract: &extract,
    };
    let reports = current_reports(conn, &Selection::default()).unwrap_or_else(|e| fail(e));
    reports
        .iter()
        .map(|r| {
            let mut hook = |stage: ReextractStage| {
                if Some(r.id) == fail_report && stage == ReextractStage::FactsRewritten {
                    Err(LoadError::Interrupted("test"))
                } else {
                    Ok(())
                }
            };
            reextract_report_with_hook(conn, r, &producer, false, dry_run, &mut hook)
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// The fact of the named indicator: (id, report id, concept).
fn the_fact(conn: &mut DbConnection) -> (i64, i64, Option<String>) {
    indicator_fact::table
        .filter(indicator_fact::raw_name.eq(NAME))
        .filter(indicator_fact::is_history.eq(false))
        .select((
            indicator_fact::id,
            indicator_fact::report_id,
            indicator_fact::concept_key,
        ))
        .first(conn)
        .unwrap_or_else(|e| fail(e))
}

fn change_count(conn: &mut DbConnection) -> i64 {
    figure_change::table
        .count()
        .get_result(conn)
        .unwrap_or_else(|e| fail(e))
}

fn taxonomy_of(conn: &mut DbConnection, report_id: i64) -> (Option<String>, i32) {
    report::table
        .find(report_id)
        .select((report::taxonomy_version, report::revision))
        .first(conn)
        .unwrap_or_else(|e| fail(e))
}

/// The report lines a figure's stored `lines` quote.
fn quoted(conn: &mut DbConnection, report_id: i64, lines_json: &str) -> Vec<String> {
    use warehouse::schema::report_line;
    let lines: Vec<i32> = serde_json::from_str(lines_json).unwrap_or_else(|e| fail(e));
    report_line::table
        .filter(report_line::report_id.eq(report_id))
        .filter(report_line::line_no.eq_any(lines))
        .order(report_line::line_no)
        .select(report_line::text)
        .load(conn)
        .unwrap_or_else(|e| fail(e))
}

/// A DOCX or PDF reader that improved reads other lines from the same document: after
/// re-extraction each figure still quotes the text it was read from.
fn a_document_read_again_quotes_the_lines_of_its_new_reading(backend: Backend) {
    let (with, _) = taxonomies();
    let (_db, mut conn) = loaded_with(backend, &with);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/documents/fixtures/docx/karanganyar-kerjo-2025.docx"
    );
    let docx = std::fs::read(path).unwrap_or_else(|e| fail(e));
    let read = ingest::extract_file("kerjo.docx", &docx).unwrap_or_else(|e| fail(e));
    let mut extract = read.extract;
    with.remap(&mut extract);
    let report_id = warehouse::load_document(
        &mut conn,
        &extract,
        warehouse::ReportFile::document(&read.text, &docx),
    )
    .unwrap_or_else(|e| fail(e))
    .report_id();
    let first_figure = |conn: &mut DbConnection| -> (String, Vec<String>) {
        let lines: String = indicator_fact::table
            .filter(indicator_fact::report_id.eq(report_id))
            .filter(indicator_fact::is_history.eq(false))
            .order(indicator_fact::position)
            .select(indicator_fact::lines)
            .first(conn)
            .unwrap_or_else(|e| fail(e));
        let text = quoted(conn, report_id, &lines);
        (lines, text)
    };
    let (lines_before, quoted_before) = first_figure(&mut conn);
    assert!(!quoted_before.is_empty());
    // The "better" reader puts two lines (a heading it now keeps) above everything.
    let reader = |name: &str, bytes: &[u8]| -> Result<Reread, String> {
        let read = ingest::extract_file(name, bytes).map_err(|e| e.to_string())?;
        let mut text = b"KOP SURAT\nPEMERINTAH KABUPATEN\n".to_vec();
        text.extend_from_slice(&read.text);
        let mut extract = ingest::extract(name, &text);
        extract.source = read.extract.source;
        with.remap(&mut extract);
        Ok(Reread { extract, text })
    };
    let producer = Producer {
        parser_version: "9.9.9",
        taxonomy_version: with.version(),
        extract: &reader,
    };
    let stored = current_reports(
        &mut conn,
        &Selection {
            report: Some(report_id),
            ..Selection::default()
        },
    )
    .unwrap_or_else(|e| fail(e));
    reextract_report(&mut conn, &stored[0], &producer, true, false).unwrap_or_else(|e| fail(e));
    let (lines_after, quoted_after) = first_figure(&mut conn);
    assert_ne!(lines_after, lines_before, "the figure moved two lines down");
    assert_eq!(
        quoted_after, quoted_before,
        "and its lines quote the same text"
    );
}

fn ranked(conn: &mut DbConnection, fact_id: i64) -> bool {
    diesel::select(diesel::dsl::exists(
        indicator_rank::table
            .filter(indicator_rank::concept_key.eq(CONCEPT))
            .filter(indicator_rank::fact_id.eq(fact_id)),
    ))
    .get_result(conn)
    .unwrap_or_else(|e| fail(e))
}

on_both_backends!(
    a_document_read_again_quotes_the_lines_of_its_new_reading,
    a_new_synonym_reaches_the_figures_the_rankings_and_the_change_log,
    an_interrupted_reextraction_leaves_each_report_old_or_new,
    a_superseding_report_logs_its_changes_as_new_report,
    reports_loaded_before_originals_were_kept_get_theirs_at_reextraction,
);

fn a_new_synonym_reaches_the_figures_the_rankings_and_the_change_log(backend: Backend) {
    let (with, without) = taxonomies();
    let (_db, mut conn) = loaded_with(backend, &without);
    let (fact_id, report_id, concept) = the_fact(&mut conn);
    assert_eq!(concept, None, "unmapped without the synonym");
    assert_eq!(
        current_reports(
            &mut conn,
            &Selection {
                kabupaten: Some("35.20".to_owned()),
                report: None,
            },
        )
        .unwrap_or_else(|e| fail(e))
        .len(),
        1,
        "one sample report in Kabupaten Magetan"
    );
    assert!(!ranked(&mut conn, fact_id));

    // A dry run says what would change, and changes nothing.
    let dry = reextract_all(&mut conn, &with, true, None);
    let would: Vec<_> = dry
        .iter()
        .filter_map(|o| match o {
            Ok(Outcome::Changed(changes)) => Some(changes.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        would
            .iter()
            .any(|c| c.field == "concept" && c.new_value.as_deref() == Some(CONCEPT)),
        "{dry:?}"
    );
    assert_eq!(
        the_fact(&mut conn).2,
        None,
        "the dry run changed the figure"
    );
    assert_eq!(change_count(&mut conn), 0, "the dry run logged changes");
    assert_eq!(
        taxonomy_of(&mut conn, report_id),
        (Some(without.version().to_owned()), 1)
    );

    // For real: the concept reaches the figure (same id), the log says why.
    let outcomes = reextract_all(&mut conn, &with, false, None);
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    let changed = outcomes
        .iter()
        .filter(|o| matches!(o, Ok(Outcome::Changed(_))))
        .count();
    assert_eq!(changed, 1, "only Kartoharjo's figures change: {outcomes:?}");
    assert_eq!(
        the_fact(&mut conn),
        (fact_id, report_id, Some(CONCEPT.to_owned()))
    );
    assert_eq!(
        taxonomy_of(&mut conn, report_id),
        (Some(with.version().to_owned()), 2)
    );
    let logged: Vec<Logged> = figure_change::table
        .order(figure_change::id)
        .select((
            figure_change::report_id,
            figure_change::fact_id,
            figure_change::field,
            figure_change::old_value,
            figure_change::new_value,
            figure_change::cause,
            figure_change::revision,
        ))
        .load(&mut conn)
        .unwrap_or_else(|e| fail(e));
    assert!(!logged.is_empty());
    assert!(logged.iter().all(|c| c.0 == report_id), "{logged:?}");
    assert!(
        logged
            .iter()
            .all(|c| c.5.starts_with("taxonomy ") && c.6 == 2),
        "{logged:?}"
    );
    assert!(
        logged.iter().any(|c| c.1 == Some(fact_id)
            && c.2 == "concept"
            && c.3.is_none()
            && c.4.as_deref() == Some(CONCEPT)),
        "{logged:?}"
    );
    // The rankings include it once the analytics are refreshed (once, for the batch).
    assert!(analytics::refresh_if_stale(&mut conn)
        .unwrap_or_else(|e| fail(e))
        .is_some());
    assert!(ranked(&mut conn, fact_id), "the figure is ranked");

    // Nothing is stale any more for this taxonomy; everything is for the older one.
    let stale = |conn: &mut DbConnection, taxonomy: &Taxonomy| {
        let extract = |name: &str, bytes: &[u8]| extract_with(taxonomy, name, bytes);
        let producer = Producer {
            parser_version: ingest::PARSER_VERSION,
            taxonomy_version: taxonomy.version(),
            extract: &extract,
        };
        warehouse::reextract::stale_reports(conn, &producer)
            .unwrap_or_else(|e| fail(e))
            .len()
    };
    assert_eq!(stale(&mut conn, &with), 0);
    assert_eq!(stale(&mut conn, &without), 4);

    // Running again changes nothing.
    let before = change_count(&mut conn);
    let again = reextract_all(&mut conn, &with, false, None);
    assert!(
        again.iter().all(|o| matches!(o, Ok(Outcome::UpToDate))),
        "{again:?}"
    );
    assert_eq!(change_count(&mut conn), before);
}

fn an_interrupted_reextraction_leaves_each_report_old_or_new(backend: Backend) {
    let (with, without) = taxonomies();
    let (_db, mut conn) = loaded_with(backend, &without);
    let (fact_id, report_id, _) = the_fact(&mut conn);
    let outcomes = reextract_all(&mut conn, &with, false, Some(report_id));
    assert_eq!(
        outcomes.iter().filter(|o| o.is_err()).count(),
        1,
        "{outcomes:?}"
    );
    // The failed report is entirely as it was: figures, versions, log.
    assert_eq!(the_fact(&mut conn), (fact_id, report_id, None));
    assert_eq!(
        taxonomy_of(&mut conn, report_id),
        (Some(without.version().to_owned()), 1)
    );
    assert_eq!(change_count(&mut conn), 0);
    // The others are entirely new.
    for r in current_reports(&mut conn, &Selection::default()).unwrap_or_else(|e| fail(e)) {
        if r.id != report_id {
            assert_eq!(r.taxonomy_version.as_deref(), Some(with.version()));
        }
    }
    // Run again: the failed one is done, the others are current.
    let retry = reextract_all(&mut conn, &with, false, None);
    let done: Vec<bool> = retry
        .iter()
        .map(|o| matches!(o, Ok(Outcome::Changed(_))))
        .collect();
    assert_eq!(done.iter().filter(|d| **d).count(), 1, "{retry:?}");
    assert_eq!(the_fact(&mut conn).2.as_deref(), Some(CONCEPT));
}

fn a_superseding_report_logs_its_changes_as_new_report(backend: Backend) {
    let (with, _) = taxonomies();
    let (_db, mut conn) = loaded_with(backend, &with);
    assert_eq!(
        change_count(&mut conn),
        0,
        "first loads change no published figure"
    );
    let (name, bytes) = samples()
        .into_iter()
        .find(|(n, _)| n.contains("jaten"))
        .unwrap_or_else(|| fail("the Jaten sample"));
    let text = String::from_utf8_lossy(&bytes).replace("83,20", "84,20");
    assert_ne!(text.as_bytes(), &bytes[..]);
    let extract = extract_with(&with, &name, text.as_bytes())
        .unwrap_or_else(|e| fail(e))
        .extract;
    let outcome = warehouse::load_report(&mut conn, &extract, Some(text.as_bytes()))
        .unwrap_or_else(|e| fail(e));
    let warehouse::LoadOutcome::Superseded {
        report_id,
        previous,
    } = outcome
    else {
        fail(format!("{outcome:?}"))
    };
    let logged: Vec<Superseding> = figure_change::table
        .filter(figure_change::report_id.eq(report_id))
        .select((
            figure_change::previous_report_id,
            figure_change::concept_key,
            figure_change::field,
            figure_change::old_value,
            figure_change::new_value,
            figure_change::cause,
        ))
        .load(&mut conn)
        .unwrap_or_else(|e| fail(e));
    assert!(
        logged.iter().any(|c| c.0 == previous.first().copied()
            && c.1.as_deref() == Some("ikm")
            && c.2 == "realisasi"
            && c.3.as_deref() == Some("83.20")
            && c.4.as_deref() == Some("84.20")
            && c.5 == "new report"),
        "{logged:?}"
    );
}

fn reports_loaded_before_originals_were_kept_get_theirs_at_reextraction(backend: Backend) {
    let (with, without) = taxonomies();
    let (_db, mut conn) = loaded_with(backend, &without);
    let (_, report_id, _) = the_fact(&mut conn);
    let stored = warehouse::original::original_of(&mut conn, report_id)
        .unwrap_or_else(|e| fail(e))
        .unwrap_or_else(|| fail("an original"));
    let (_, sample) = samples()
        .into_iter()
        .find(|(n, _)| *n == stored.file_name)
        .unwrap_or_else(|| fail("the sample"));
    assert_eq!(stored.bytes, sample, "the file as loaded");
    assert!(!stored.reconstructed);
    // As before migration 000012: no original kept.
    diesel::update(report::table)
        .set(report::original_sha256.eq(None::<String>))
        .execute(&mut conn)
        .unwrap_or_else(|e| fail(e));
    diesel::delete(report_original::table)
        .execute(&mut conn)
        .unwrap_or_else(|e| fail(e));
    let rebuilt = warehouse::original::original_of(&mut conn, report_id)
        .unwrap_or_else(|e| fail(e))
        .unwrap_or_else(|| fail("rebuilt from the lines"));
    assert_eq!(
        String::from_utf8_lossy(&rebuilt.bytes).lines().count(),
        String::from_utf8_lossy(&sample).lines().count()
    );
    let stored_count = |conn: &mut DbConnection| -> i64 {
        report_original::table
            .count()
            .get_result(conn)
            .unwrap_or_else(|e| fail(e))
    };
    assert_eq!(stored_count(&mut conn), 0, "reading it stores nothing");
    let outcomes = reextract_all(&mut conn, &with, false, None);
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(
        stored_count(&mut conn),
        4,
        "the backfill kept each original"
    );
    assert_eq!(the_fact(&mut conn).2.as_deref(), Some(CONCEPT));
    // A report given explicitly is skipped when current.
    let extract = |name: &str, bytes: &[u8]| extract_with(&with, name, bytes);
    let producer = Producer {
        parser_version: ingest::PARSER_VERSION,
        taxonomy_version: with.version(),
        extract: &extract,
    };
    let one = current_reports(
        &mut conn,
        &Selection {
            kabupaten: None,
            report: Some(report_id),
        },
    )
    .unwrap_or_else(|e| fail(e));
    assert_eq!(one.len(), 1);
    let again =
        reextract_report(&mut conn, &one[0], &producer, false, false).unwrap_or_else(|e| fail(e));
    assert_eq!(again, Outcome::UpToDate);
}
