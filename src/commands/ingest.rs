//! `kinerja ingest`: extract (or read) reports and load them, one transaction each.

use std::fmt;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use model::Extracted;
use warehouse::{DbConnection, LoadOutcome};

use super::exit;
use crate::cli::IngestArgs;
use crate::inputs::{self, InputKind};

/// Files extracted ahead of the one being loaded: enough to keep the extracting thread busy
/// while a load waits on the database, few enough that memory stays small.
const READ_AHEAD: usize = 4;

/// One file read: its extract and, for a report, the text to keep for quoting.
/// An extract and, when at hand, its report's text and original file.
type Read = (Extracted, Option<Text>);

/// The text an extract's lines refer to, and the original file it was read from.
struct Text {
    text: Vec<u8>,
    original: Vec<u8>,
}

impl Text {
    fn file(&self) -> warehouse::ReportFile<'_> {
        warehouse::ReportFile::document(&self.text, &self.original)
    }
}

/// What happened to one file.
enum FileResult {
    Done(LoadOutcome, String),
    Failed(String),
    /// The file is a document that cannot be read as its format (corrupt, encrypted…).
    BadDocument(String),
}

/// Why a file was not read.
enum ReadError {
    Failed(String),
    BadDocument(String),
}

#[derive(Default)]
struct Summary {
    loaded: usize,
    unchanged: usize,
    superseded: usize,
    failed: usize,
    /// Of `failed`: documents that could not be read as their format.
    bad_documents: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} file(s): {} loaded, {} unchanged, {} superseded an older version, {} failed",
            self.loaded + self.unchanged + self.superseded + self.failed,
            self.loaded,
            self.unchanged,
            self.superseded,
            self.failed
        )
    }
}

pub fn run(args: &IngestArgs) -> u8 {
    let files = match inputs::expand(&args.paths) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: cannot list the reports to ingest: {e}");
            return exit::UNREADABLE;
        }
    };
    let mut conn = match warehouse::open_ready(&args.database.database_url) {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATABASE;
        }
    };
    if !args.dry_run {
        if let Err(e) = warehouse::sync_concepts(&mut conn, &taxonomy()) {
            eprintln!("error: cannot store the indicator taxonomy: {e}");
            return exit::DATABASE;
        }
        super::reextract::check_stale(&mut conn);
    }
    let progress = ProgressBar::new(files.len() as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if files.len() < 2 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let verb = if args.dry_run { "would be " } else { "" };
    let mut summary = Summary::default();
    std::thread::scope(|scope| {
        // Extraction (CPU) runs a few files ahead on another thread while this one loads
        // (database round trips and writes), in the files' order, so that which report
        // supersedes which does not depend on timing.
        let (sender, extracts) = std::sync::mpsc::sync_channel(READ_AHEAD);
        let files = &files;
        scope.spawn(move || {
            for path in files {
                if sender.send(read_extract(path, args.json)).is_err() {
                    break; // the loader stopped
                }
            }
        });
        for (path, read) in files.iter().zip(extracts) {
            progress.set_message(path.display().to_string());
            let result = load_one(&mut conn, read, args);
            let line = match &result {
                FileResult::Done(LoadOutcome::Loaded { report_id }, what) => {
                    summary.loaded += 1;
                    format!(
                        "{verb}loaded      {} → report {report_id} ({what})",
                        path.display()
                    )
                }
                FileResult::Done(LoadOutcome::Unchanged { report_id }, what) => {
                    summary.unchanged += 1;
                    format!(
                        "unchanged   {} = report {report_id}, already loaded ({what})",
                        path.display()
                    )
                }
                FileResult::Done(
                    LoadOutcome::Superseded {
                        report_id,
                        previous,
                    },
                    what,
                ) => {
                    summary.superseded += 1;
                    let previous: Vec<String> = previous.iter().map(i64::to_string).collect();
                    format!(
                        "{verb}superseded  {} → report {report_id} ({what}) replaces report {}",
                        path.display(),
                        previous.join(", ")
                    )
                }
                FileResult::Failed(reason) => {
                    summary.failed += 1;
                    format!("failed      {}: {reason}", path.display())
                }
                FileResult::BadDocument(reason) => {
                    summary.failed += 1;
                    summary.bad_documents += 1;
                    format!("unreadable  {}: {reason}; not loaded", path.display())
                }
            };
            progress.suspend(|| println!("{line}"));
            progress.inc(1);
        }
    });
    progress.finish_and_clear();
    println!(
        "{}{summary}",
        if args.dry_run {
            "dry run, nothing changed: "
        } else {
            ""
        }
    );
    // Rankings, scores and story leads must describe the reports just loaded: refresh once for
    // the whole batch (the version counters skip it when nothing changed).
    if !args.dry_run && !args.no_refresh && super::report_refresh(&mut conn, true) != exit::OK {
        return exit::DATABASE;
    }
    if summary.bad_documents > 0 {
        exit::BAD_DOCUMENT
    } else if summary.failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    }
}

/// The extractor's indicator taxonomy, as the warehouse stores it.
pub fn taxonomy() -> Vec<model::IndicatorConcept> {
    ingest::taxonomy::indicator_concepts()
}

fn describe(extract: &Extracted) -> String {
    let r = &extract.report;
    format!(
        "{}, {}, {}",
        r.kecamatan.as_deref().unwrap_or("?"),
        r.kabupaten.as_deref().unwrap_or("?"),
        r.tahun.map_or_else(|| "?".to_owned(), |y| y.to_string())
    )
}

/// Reads one file into an extract and, for a report, the text to keep for quoting.
fn read_extract(path: &Path, force_json: bool) -> Result<Read, ReadError> {
    let bytes =
        std::fs::read(path).map_err(|e| ReadError::Failed(format!("cannot read the file: {e}")))?;
    match inputs::kind_of(path, force_json) {
        InputKind::ExtractJson => {
            let extract =
                Extracted::from_json(&bytes).map_err(|e| ReadError::Failed(e.to_string()))?;
            // The report the JSON was extracted from, when it sits beside it, lets every
            // figure be quoted back with its lines (for a PDF or DOCX, the lines of its text).
            let text = path
                .parent()
                .map(|dir| dir.join(&extract.source.file))
                .and_then(|p| std::fs::read(p).ok())
                .filter(|original| warehouse::sha256_hex(original) == extract.source.sha256)
                .and_then(|original| {
                    let text = if extract.source.format.is_text() {
                        original.clone()
                    } else {
                        ingest::extract_file(&extract.source.file, &original)
                            .ok()?
                            .text
                    };
                    Some(Text { text, original })
                });
            Ok((extract, text))
        }
        InputKind::Report => {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let read = ingest::extract_file(&name, &bytes)
                .map_err(|e| ReadError::BadDocument(e.to_string()))?;
            refuse_unusable(&read.extract).map_err(ReadError::Failed)?;
            Ok((
                read.extract,
                Some(Text {
                    text: read.text,
                    original: bytes,
                }),
            ))
        }
    }
}

/// A file that is no usable report is refused with the extractor's reasons.
fn refuse_unusable(extract: &Extracted) -> Result<(), String> {
    if ingest::is_unusable(extract) {
        let reasons: Vec<&str> = extract
            .issues
            .iter()
            .filter(|i| i.severity == model::extract::Severity::Error)
            .map(|i| i.message.as_str())
            .collect();
        return Err(format!("not loaded: {}", reasons.join("; ")));
    }
    Ok(())
}

/// Extracts report text; a file that is no usable report is refused with the extractor's reasons.
fn extract_text(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    let extract = ingest::extract(name, bytes);
    refuse_unusable(&extract)?;
    Ok(extract)
}

/// Extracts and loads one report given as bytes (the samples bundled in the binary).
pub fn ingest_text(
    conn: &mut DbConnection,
    name: &str,
    bytes: &[u8],
) -> Result<(LoadOutcome, String), String> {
    let extract = extract_text(name, bytes)?;
    let outcome = warehouse::load_report(conn, &extract, Some(bytes)).map_err(|e| e.to_string())?;
    Ok((outcome, describe(&extract)))
}

/// Loads what [`read_extract`] made of one file.
fn load_one(
    conn: &mut DbConnection,
    read: Result<Read, ReadError>,
    args: &IngestArgs,
) -> FileResult {
    let (extract, text) = match read {
        Ok(read) => read,
        Err(ReadError::Failed(reason)) => return FileResult::Failed(reason),
        Err(ReadError::BadDocument(reason)) => return FileResult::BadDocument(reason),
    };
    let outcome = if args.dry_run {
        warehouse::load_report_dry_run(conn, &extract, text.as_ref().map(Text::file))
    } else {
        match &text {
            Some(text) => warehouse::load_document(conn, &extract, text.file()),
            None => warehouse::load_report(conn, &extract, None),
        }
    };
    match outcome {
        Ok(outcome) => FileResult::Done(outcome, describe(&extract)),
        Err(e) => FileResult::Failed(e.to_string()),
    }
}
