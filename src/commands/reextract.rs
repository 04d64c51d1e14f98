//! `kinerja reextract`: reads the stored reports again from their stored originals with the
//! current parser and taxonomy, one transaction per report, and logs every figure that changed.

use std::fmt;

use indicatif::{ProgressBar, ProgressStyle};
use ingest::taxonomy::Taxonomy;
use warehouse::reextract::{Outcome, Producer, Reread, Selection, StoredReport};
use warehouse::DbConnection;

use super::exit;
use crate::cli::ReextractArgs;

/// Stale reports that `kinerja serve` and `kinerja ingest` re-extract by themselves at start
/// (a few seconds); above it they say how to do it.
pub const AUTO_LIMIT: usize = 20;

/// The one step from a stored original's bytes (text, DOCX or PDF, told by its bytes) to an
/// extract and the text it was read from; a document that cannot be read is refused with the
/// reason.
pub fn read_original(file_name: &str, bytes: &[u8]) -> Result<Reread, String> {
    ingest::extract_file(file_name, bytes)
        .map(|file| Reread {
            extract: file.extract,
            text: file.text,
        })
        .map_err(|e| e.to_string())
}

/// [`read_original`], refused when nothing usable is found, with concepts mapped by `taxonomy`.
fn extract_with(taxonomy: &Taxonomy, file_name: &str, bytes: &[u8]) -> Result<Reread, String> {
    let Reread { mut extract, text } = read_original(file_name, bytes)?;
    if ingest::is_unusable(&extract) {
        let reasons: Vec<&str> = extract
            .issues
            .iter()
            .filter(|i| i.severity == model::extract::Severity::Error)
            .map(|i| i.message.as_str())
            .collect();
        return Err(reasons.join("; "));
    }
    taxonomy.remap(&mut extract);
    Ok(Reread { extract, text })
}

#[derive(Default)]
struct Summary {
    changed: usize,
    unchanged: usize,
    up_to_date: usize,
    failed: usize,
    figures_changed: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} report(s): {} changed ({} figure field(s)), {} unchanged, {} already current, {} failed",
            self.changed + self.unchanged + self.up_to_date + self.failed,
            self.changed,
            self.figures_changed,
            self.unchanged,
            self.up_to_date,
            self.failed
        )
    }
}

pub fn run(args: &ReextractArgs) -> u8 {
    let owned;
    let taxonomy = match &args.taxonomy {
        None => Taxonomy::embedded(),
        Some(path) => {
            match std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|text| Taxonomy::from_toml(&text).map_err(|e| e.to_string()))
            {
                Ok(t) => {
                    owned = t;
                    &owned
                }
                Err(e) => {
                    eprintln!("error: cannot read the taxonomy {}: {e}", path.display());
                    return exit::UNREADABLE;
                }
            }
        }
    };
    let mut conn = match warehouse::open_ready(&args.database.database_url) {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATABASE;
        }
    };
    let selection = Selection {
        kabupaten: args.kabupaten.clone(),
        report: args.report,
    };
    let reports = match warehouse::reextract::current_reports(&mut conn, &selection) {
        Ok(reports) => reports,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATABASE;
        }
    };
    if reports.is_empty() {
        eprintln!("no current report matches: nothing to re-extract");
    }
    let code = reextract(&mut conn, taxonomy, &reports, args.dry_run, true);
    if code != exit::OK && code != exit::SOME_FAILED {
        return code;
    }
    if !args.dry_run && !args.no_refresh && super::report_refresh(&mut conn, true) != exit::OK {
        return exit::DATABASE;
    }
    code
}

/// Re-extracts `reports` with `taxonomy` (stores its concepts first), printing a line per
/// report, every changed field and the summary on stdout; without `listing`, only the
/// summary, on stderr (at the start of another command).
fn reextract(
    conn: &mut DbConnection,
    taxonomy: &Taxonomy,
    reports: &[StoredReport],
    dry_run: bool,
    listing: bool,
) -> u8 {
    if !dry_run {
        if let Err(e) = warehouse::sync_concepts(conn, &taxonomy.indicator_concepts()) {
            eprintln!("error: cannot store the indicator taxonomy: {e}");
            return exit::DATABASE;
        }
    }
    let extract = |name: &str, bytes: &[u8]| extract_with(taxonomy, name, bytes);
    let producer = Producer {
        parser_version: ingest::PARSER_VERSION,
        taxonomy_version: taxonomy.version(),
        extract: &extract,
    };
    let progress = ProgressBar::new(reports.len() as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if reports.len() < 2 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let force = false;
    let verb = if dry_run { "would change" } else { "changed" };
    // `--force` is not offered: a report at the current versions reads the same again.
    let mut summary = Summary::default();
    for stored in reports {
        progress.set_message(stored.file_name.clone());
        let cause = stored.cause(&producer);
        let result =
            warehouse::reextract::reextract_report(conn, stored, &producer, force, dry_run);
        let mut lines = Vec::new();
        match result {
            Ok(Outcome::UpToDate) => summary.up_to_date += 1,
            Ok(Outcome::Unchanged) => {
                summary.unchanged += 1;
                lines.push(format!(
                    "unchanged   report {} ({}): no figure changed ({cause})",
                    stored.id, stored.file_name
                ));
            }
            Ok(Outcome::Changed(changes)) => {
                summary.changed += 1;
                summary.figures_changed += changes.len();
                lines.push(format!(
                    "{verb:<11} report {} ({}): {} figure field(s) ({cause})",
                    stored.id,
                    stored.file_name,
                    changes.len()
                ));
                if listing {
                    lines.extend(changes.iter().map(|c| {
                        format!(
                            "    {} {}: {} → {}",
                            c.figure,
                            c.field,
                            c.old_value.as_deref().unwrap_or("∅"),
                            c.new_value.as_deref().unwrap_or("∅")
                        )
                    }));
                }
            }
            Err(e) => {
                summary.failed += 1;
                lines.push(format!(
                    "failed      report {} ({}): {e}",
                    stored.id, stored.file_name
                ));
            }
        }
        if listing {
            progress.suspend(|| {
                for line in &lines {
                    println!("{line}");
                }
            });
        } else if lines.first().is_some_and(|l| l.starts_with("failed")) {
            progress.suspend(|| eprintln!("{}", lines.join("\n")));
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    let prefix = if dry_run {
        "dry run, nothing changed: "
    } else {
        ""
    };
    if listing {
        println!("{prefix}{summary}");
    } else {
        eprintln!("re-extracted: {summary}");
    }
    if summary.failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    }
}

/// At the start of `kinerja serve` and `kinerja ingest`: says when reports were produced by
/// another parser or taxonomy, and re-extracts them when there are at most [`AUTO_LIMIT`]
/// (the caller refreshes the analytics afterwards, as it does anyway).
pub fn check_stale(conn: &mut DbConnection) {
    let taxonomy = Taxonomy::embedded();
    let extract = |name: &str, bytes: &[u8]| extract_with(taxonomy, name, bytes);
    let producer = Producer {
        parser_version: ingest::PARSER_VERSION,
        taxonomy_version: taxonomy.version(),
        extract: &extract,
    };
    let stale = match warehouse::reextract::stale_reports(conn, &producer) {
        Ok(stale) => stale,
        Err(e) => {
            tracing::warn!("cannot tell whether the reports are current: {e}");
            return;
        }
    };
    if stale.is_empty() {
        return;
    }
    if stale.len() > AUTO_LIMIT {
        eprintln!(
            "{} report(s) were read by an older parser or taxonomy (parser {} is current): \
             run `kinerja reextract` to bring their figures up to date (`--dry-run` shows the changes first).",
            stale.len(),
            ingest::PARSER_VERSION
        );
        return;
    }
    eprintln!(
        "{} report(s) were read by an older parser or taxonomy: re-extracting them (`kinerja reextract`).",
        stale.len()
    );
    let _ = reextract(conn, taxonomy, &stale, false, false);
}
