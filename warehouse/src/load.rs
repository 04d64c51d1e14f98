//! Loading one extracted report: one transaction, idempotent on the file's sha256, superseding
//! the previous version of the same kecamatan and year without deleting it.

use std::time::SystemTime;

use diesel::prelude::*;
use model::extract::Extracted;
use model::program_code::ProgramCoder;
use model::{Level, RegionCode, EXTRACT_SCHEMA};
use regions::Gazetteer;
use sha2::{Digest, Sha256};

use crate::connection::DbConnection;
use crate::error::LoadError;
use crate::insert_all;
use crate::rows::{
    json_list, NewBudgetLine, NewFact, NewIssue, NewLine, NewReport, NewSurvey, NewVillage,
};
use crate::schema::{
    budget_line, extraction_issue, indicator_fact, kecamatan, report, report_line,
    satisfaction_survey, village,
};
use crate::views::budget::BudgetTotals;
use crate::views::kecamatan::Profile;
use crate::views::parts::{LoadedFile, ReportPlace};

/// What loading a report did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadOutcome {
    /// A report for a kecamatan-year the warehouse did not have.
    Loaded { report_id: i64 },
    /// This very file (same sha256) was loaded before; nothing changed.
    Unchanged { report_id: i64 },
    /// A new version of a kecamatan-year: the older ones are kept, marked superseded.
    Superseded { report_id: i64, previous: Vec<i64> },
}

impl LoadOutcome {
    pub fn report_id(&self) -> i64 {
        match self {
            LoadOutcome::Loaded { report_id }
            | LoadOutcome::Unchanged { report_id }
            | LoadOutcome::Superseded { report_id, .. } => *report_id,
        }
    }
}

/// Points in a load where a test can make it fail, to prove nothing partial survives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadStage {
    ReportInserted,
    FactsInserted,
    LinesInserted,
}

/// Hex sha256 of a report's bytes: its identity in the warehouse.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The report a figure is quoted from: the text its line numbers refer to, and the original
/// file as published (for a text report the same bytes; for PDF and DOCX the document the text
/// was read from). `original` is `None` when only the text is at hand.
#[derive(Clone, Copy, Debug)]
pub struct ReportFile<'a> {
    pub text: &'a [u8],
    pub original: Option<&'a [u8]>,
}

impl<'a> ReportFile<'a> {
    /// A report read from a document: its text and the document itself.
    pub fn document(text: &'a [u8], original: &'a [u8]) -> Self {
        ReportFile {
            text,
            original: Some(original),
        }
    }

    /// The text of `extract`'s report: for a text format it is the original file too; for PDF
    /// or DOCX it is only what was read from the document, never stored as its original.
    pub fn text_of(extract: &Extracted, text: &'a [u8]) -> Self {
        ReportFile {
            text,
            original: extract.source.format.is_text().then_some(text),
        }
    }
}

/// Loads an extract (and, when given, the text of the report it came from, so that any figure
/// can be quoted back with its lines). For PDF and DOCX, [`load_document`] keeps the original
/// file as well.
pub fn load_report(
    conn: &mut DbConnection,
    extract: &Extracted,
    text: Option<&[u8]>,
) -> Result<LoadOutcome, LoadError> {
    let file = text.map(|t| ReportFile::text_of(extract, t));
    load_report_with_hook(conn, extract, file, &mut |_| Ok(()))
}

/// Loads an extract with its report's text and original file.
pub fn load_document(
    conn: &mut DbConnection,
    extract: &Extracted,
    file: ReportFile<'_>,
) -> Result<LoadOutcome, LoadError> {
    load_report_with_hook(conn, extract, Some(file), &mut |_| Ok(()))
}

/// What [`load_document`] (or, without a file, [`load_report`]) would do, without changing
/// the database: the load runs inside a transaction that is always rolled back.
pub fn load_report_dry_run(
    conn: &mut DbConnection,
    extract: &Extracted,
    file: Option<ReportFile<'_>>,
) -> Result<LoadOutcome, LoadError> {
    let mut outcome = None;
    let rolled_back = conn.transaction::<(), LoadError, _>(|conn| {
        outcome = Some(load_report_with_hook(conn, extract, file, &mut |_| Ok(()))?);
        Err(LoadError::Interrupted("dry run"))
    });
    match (outcome, rolled_back) {
        (Some(outcome), _) => Ok(outcome),
        (None, Err(e)) => Err(e),
        (None, Ok(())) => Err(LoadError::Interrupted("dry run")),
    }
}

/// [`load_report`] with a hook called at each [`LoadStage`]; an error from the hook aborts the
/// load like any other failure. For tests of atomicity.
#[doc(hidden)]
pub fn load_report_with_hook(
    conn: &mut DbConnection,
    extract: &Extracted,
    file: Option<ReportFile<'_>>,
    hook: &mut dyn FnMut(LoadStage) -> Result<(), LoadError>,
) -> Result<LoadOutcome, LoadError> {
    let placed = place(extract)?;
    let text = file.map(|f| f.text);
    // The sha256 names the file as given (for PDF and DOCX the document's, which the text read
    // from it cannot be checked against): an original must be that very file.
    if let Some(original) = file.and_then(|f| f.original) {
        let actual = sha256_hex(original);
        if actual != extract.source.sha256 {
            return Err(LoadError::TextMismatch {
                expected: extract.source.sha256.clone(),
                actual,
            });
        }
    }
    conn.transaction(|conn| {
        let seen: Option<i64> = report::table
            .filter(report::sha256.eq(&extract.source.sha256))
            .select(report::id)
            .first(conn)
            .optional()?;
        if let Some(report_id) = seen {
            // Loaded before from its JSON alone: now that the text is here, keep its lines.
            if let Some(text) = text {
                let has_lines: bool = diesel::select(diesel::dsl::exists(
                    report_line::table.filter(report_line::report_id.eq(report_id)),
                ))
                .get_result(conn)?;
                if !has_lines {
                    insert_lines(conn, report_id, text)?;
                    // New source lines change what the API quotes, not what analytics compute;
                    // the counter still moves so cached answers are dropped.
                    crate::version::mark_warehouse_changed(conn)?;
                }
            }
            keep_what_was_missing(conn, report_id, extract, file)?;
            return Ok(LoadOutcome::Unchanged { report_id });
        }
        let mut row = new_report(extract, &placed);
        if let Some(original) = file.and_then(|f| f.original) {
            // Verified above: the original's sha256 is the report's.
            let media_type = crate::original::media_type(&extract.source.file, original);
            crate::original::store(conn, &extract.source.sha256, media_type, original, false)?;
            row.original_sha256 = Some(extract.source.sha256.clone());
        }
        diesel::insert_into(report::table)
            .values(row)
            .execute(conn)?;
        let report_id: i64 = report::table
            .filter(report::sha256.eq(&extract.source.sha256))
            .select(report::id)
            .first(conn)?;
        hook(LoadStage::ReportInserted)?;
        insert_children(conn, report_id, extract)?;
        hook(LoadStage::FactsInserted)?;
        if let Some(text) = text {
            insert_lines(conn, report_id, text)?;
        }
        hook(LoadStage::LinesInserted)?;
        let previous = supersede_older(conn, report_id, &placed)?;
        crate::version::mark_warehouse_changed(conn)?;
        for &older in &previous {
            crate::changes::record_superseding(conn, older, report_id)?;
        }
        tracing::info!(
            report_id,
            kecamatan = placed.kecamatan_code.as_str(),
            tahun = placed.tahun,
            superseded = ?previous,
            "report loaded"
        );
        Ok(if previous.is_empty() {
            LoadOutcome::Loaded { report_id }
        } else {
            LoadOutcome::Superseded {
                report_id,
                previous,
            }
        })
    })
}

/// Where a report belongs: its official kecamatan and its year.
pub(crate) struct Placement {
    pub(crate) kecamatan_code: RegionCode,
    pub(crate) tahun: i32,
}

pub(crate) fn place(extract: &Extracted) -> Result<Placement, LoadError> {
    if extract.schema != EXTRACT_SCHEMA {
        return Err(LoadError::WrongSchema {
            found: extract.schema.clone(),
            expected: EXTRACT_SCHEMA,
        });
    }
    let identity = &extract.report;
    let tahun = identity
        .tahun
        .ok_or(LoadError::MissingIdentity("year (tahun)"))?;
    let gazetteer = Gazetteer::official();
    let kecamatan_code = match (
        &identity.kode_kecamatan,
        &identity.kecamatan,
        &identity.kabupaten,
    ) {
        (_, Some(kec), Some(kab)) => gazetteer
            .resolve_kecamatan(kab, kec)?
            .kecamatan
            .code
            .clone(),
        (Some(code), _, _) => {
            let known = gazetteer.kecamatan.iter().any(|k| &k.code == code);
            if !known {
                return Err(LoadError::UnknownCode(code.to_string()));
            }
            code.clone()
        }
        (None, None, _) => return Err(LoadError::MissingIdentity("kecamatan")),
        (None, Some(_), None) => return Err(LoadError::MissingIdentity("kabupaten")),
    };
    Ok(Placement {
        kecamatan_code,
        tahun: i32::from(tahun.get()),
    })
}

/// A file loaded again keeps what an earlier load could not: the original (when it was loaded
/// without one, or an earlier version stored the text read from it in its place) and the pages
/// (reports loaded before pages were kept).
fn keep_what_was_missing(
    conn: &mut DbConnection,
    report_id: i64,
    extract: &Extracted,
    file: Option<ReportFile<'_>>,
) -> QueryResult<()> {
    if let Some(original) = file.and_then(|f| f.original) {
        let media_type = crate::original::media_type(&extract.source.file, original);
        crate::original::store(conn, &extract.source.sha256, media_type, original, false)?;
        diesel::update(report::table.find(report_id))
            .filter(report::original_sha256.is_null())
            .set(report::original_sha256.eq(&extract.source.sha256))
            .execute(conn)?;
    }
    if !extract.source.page_starts.is_empty() {
        let changed = diesel::update(report::table.find(report_id))
            .filter(report::page_starts.eq("[]"))
            .set(report::page_starts.eq(json_list(&extract.source.page_starts)))
            .execute(conn)?;
        if changed > 0 {
            crate::version::mark_warehouse_changed(conn)?;
        }
    }
    Ok(())
}

pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

pub(crate) fn new_report(extract: &Extracted, placed: &Placement) -> NewReport {
    let camat = extract.camat.as_ref();
    let wilayah = &extract.wilayah;
    let budget = extract.budget.as_ref();
    NewReport {
        place: ReportPlace {
            kecamatan_code: placed.kecamatan_code.to_string(),
            tahun: placed.tahun,
        },
        file: LoadedFile {
            file_name: extract.source.file.clone(),
            sha256: extract.source.sha256.clone(),
            parser_version: extract.source.parser_version.clone(),
            loaded_at: now_rfc3339(),
        },
        line_count: i32::try_from(extract.source.lines).unwrap_or(i32::MAX),
        kecamatan_printed: extract.report.kecamatan.clone(),
        kabupaten_printed: extract.report.kabupaten.clone(),
        identity_lines: json_list(&extract.report.lines),
        profile: Profile {
            camat_nama: camat.and_then(|c| c.nama.clone()),
            camat_nip: camat.and_then(|c| c.nip.clone()),
            camat_plt: camat.is_some_and(|c| c.plt),
            camat_lines: json_list(camat.map_or(&[][..], |c| &c.lines)),
            luas_km2: wilayah.luas_km2,
            penduduk: wilayah.penduduk,
            jumlah_asn: wilayah.jumlah_asn,
            wilayah_lines: json_list(&wilayah.lines),
        },
        budget: BudgetTotals {
            budget_tahun: budget.and_then(|b| b.tahun).map(|y| i32::from(y.get())),
            budget_pagu: budget.and_then(|b| b.pagu),
            budget_realisasi: budget.and_then(|b| b.realisasi),
            budget_serapan_reported: budget.and_then(|b| b.serapan_reported),
            budget_serapan_computed: budget.and_then(|b| b.serapan_computed),
            budget_lines: json_list(budget.map_or(&[][..], |b| &b.lines)),
            budget_confidence: budget.map(|b| b.confidence.as_str().to_owned()),
            budget_confidence_reasons: json_list(budget.map_or(&[][..], |b| &b.confidence_reasons)),
        },
        taxonomy_version: extract.source.taxonomy_version.clone(),
        original_sha256: None,
        page_starts: json_list(&extract.source.page_starts),
    }
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

/// The indicator figures of an extract as rows of `report_id`, in the extract's order
/// (`position`): this year's first, then the earlier years printed beside them.
pub(crate) fn new_facts(report_id: i64, extract: &Extracted) -> Vec<NewFact> {
    let current = extract.indicators.iter().map(|i| NewFact {
        report_id,
        position: 0,
        is_history: false,
        level: Some(i.level.to_string()),
        raw_name: i.name.clone(),
        concept_key: i.canonical.clone(),
        unit: i.unit.clone(),
        direction: Some(i.direction.to_string()),
        tahun: i32::from(i.tahun.get()),
        target: i.target,
        realisasi: i.realisasi,
        capaian_reported: i.capaian_reported,
        capaian_computed: i.capaian_computed,
        lines: json_list(&i.lines),
        flags: json_list(&i.flags),
        confidence: Some(i.confidence.as_str().to_owned()),
        confidence_reasons: json_list(&i.confidence_reasons),
    });
    let history = extract.history.iter().map(|h| NewFact {
        report_id,
        position: 0,
        is_history: true,
        level: None,
        raw_name: h.name.clone(),
        concept_key: h.canonical.clone(),
        unit: None,
        direction: None,
        tahun: i32::from(h.tahun.get()),
        target: h.target,
        realisasi: h.realisasi,
        capaian_reported: h.capaian_reported,
        capaian_computed: None,
        lines: json_list(&h.lines),
        flags: "[]".to_owned(),
        confidence: Some(h.confidence.as_str().to_owned()),
        confidence_reasons: json_list(&h.confidence_reasons),
    });
    current
        .chain(history)
        .enumerate()
        .map(|(i, fact)| NewFact {
            position: position(i),
            ..fact
        })
        .collect()
}

fn insert_children(
    conn: &mut DbConnection,
    report_id: i64,
    extract: &Extracted,
) -> QueryResult<()> {
    let facts = new_facts(report_id, extract);
    insert_all!(conn, indicator_fact::table, facts, 17)?;
    insert_other_children(conn, report_id, extract)
}

/// Every row of a report but its indicator figures: budget lines, villages, the satisfaction
/// survey and the extraction issues.
pub(crate) fn insert_other_children(
    conn: &mut DbConnection,
    report_id: i64,
    extract: &Extracted,
) -> QueryResult<()> {
    if let Some(budget) = &extract.budget {
        let mut coder = ProgramCoder::new();
        let items: Vec<NewBudgetLine> = budget
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (program_code, program_code_source) = match item.level {
                    Level::Program => coder.columns(item.kode.as_deref(), &item.name),
                    _ => (None, None),
                };
                NewBudgetLine {
                    report_id,
                    position: position(i),
                    level: item.level.to_string(),
                    kode: item.kode.clone(),
                    name: item.name.clone(),
                    pagu: item.pagu,
                    realisasi: item.realisasi,
                    serapan_reported: item.serapan_reported,
                    lines: json_list(&item.lines),
                    flags: json_list(&item.flags),
                    program_code,
                    program_code_source: program_code_source.map(str::to_owned),
                    confidence: Some(item.confidence.as_str().to_owned()),
                    confidence_reasons: json_list(&item.confidence_reasons),
                }
            })
            .collect();
        insert_all!(conn, budget_line::table, items, 14)?;
    }
    let villages: Vec<NewVillage> = extract
        .wilayah
        .desa
        .iter()
        .enumerate()
        .map(|(i, d)| NewVillage {
            report_id,
            position: position(i),
            nama: d.nama.clone(),
            jenis: d.jenis.map(|j| j.as_str().to_owned()),
            penduduk: d.penduduk,
            lines: json_list(&d.lines),
        })
        .collect();
    insert_all!(conn, village::table, villages, 6)?;
    if let Some(ikm) = &extract.ikm {
        diesel::insert_into(satisfaction_survey::table)
            .values(NewSurvey {
                report_id,
                nilai: ikm.nilai,
                nilai_recomputed: ikm.nilai_recomputed,
                responden: ikm.responden,
                mutu: ikm.mutu.clone(),
                lines: json_list(&ikm.lines),
                confidence: ikm.confidence.as_str(),
                confidence_reasons: json_list(&ikm.confidence_reasons),
            })
            .execute(conn)?;
    }
    let issues: Vec<NewIssue> = extract
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| NewIssue {
            report_id,
            position: position(i),
            code: issue.code.clone(),
            severity: issue.severity.as_str().to_owned(),
            message: issue.message.clone(),
            lines: json_list(&issue.lines),
        })
        .collect();
    insert_all!(conn, extraction_issue::table, issues, 6)?;
    Ok(())
}

pub(crate) fn insert_lines(
    conn: &mut DbConnection,
    report_id: i64,
    bytes: &[u8],
) -> QueryResult<()> {
    // Damaged bytes are shown as U+FFFD rather than refusing the report: the line numbers, which
    // are what figures point at, stay the same.
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<NewLine> = text
        .lines()
        .enumerate()
        .map(|(i, line)| NewLine {
            report_id,
            line_no: position(i + 1),
            text: line.to_owned(),
        })
        .collect();
    // A report is thousands of lines: PostgreSQL takes them in one COPY, SQLite in statements
    // of as many rows as its bound-parameter limit allows (`sqlite_rows_per_insert`).
    insert_all!(conn, report_line::table, lines, 3)?;
    Ok(())
}

/// Marks the current versions of the same kecamatan-year as superseded by `report_id`.
fn supersede_older(
    conn: &mut DbConnection,
    report_id: i64,
    placed: &Placement,
) -> QueryResult<Vec<i64>> {
    let older = report::table
        .filter(report::kecamatan_code.eq(placed.kecamatan_code.as_str()))
        .filter(report::tahun.eq(placed.tahun))
        .filter(report::id.ne(report_id))
        .filter(report::superseded_by.is_null());
    let previous: Vec<i64> = older.select(report::id).order(report::id).load(conn)?;
    diesel::update(older)
        .set(report::superseded_by.eq(report_id))
        .execute(conn)?;
    Ok(previous)
}

/// Whether the warehouse knows a kecamatan code (used by callers that place reports by code).
pub fn kecamatan_exists(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(kecamatan::table.find(code))).get_result(conn)
}
