//! `ingest`: LKjIP report text → the `kinerja.extract/1` document (docs/extract-contract.md).
//!
//! A pipeline of small steps, each in its own module:
//! [`text`] (decode, strip markup) → [`sections`] (own report vs appended documents, BAB III) →
//! [`table_reader`] (tables in every layout, read into the [`table`] model) → [`regroup`] (glued
//! tables split, cut ones joined) → [`columns`] (header → column roles, once per table) →
//! [`number`] (exact numbers in every printed style) → [`identity`], [`camat`], [`wilayah`],
//! [`indicators`], [`budget`], [`ikm`] (facts, cross-checks, issues) → [`confidence`] (each
//! figure's confidence from its flags and the issues). Pure: no I/O, no global mutable state.

mod budget;
mod camat;
mod cells;
mod columns;
pub mod confidence;
mod identity;
mod ikm;
mod indicators;
mod letterspace;
mod number;
mod pattern;
mod percent;
mod realign;
mod region_index;
mod regroup;
mod roles;
mod rows;
mod sections;
mod table;
mod table_reader;
pub mod taxonomy;
mod text;
mod wilayah;
mod year;
mod zones;

#[doc(hidden)]
pub use debug::debug_tables;
mod debug;

pub use documents::{Document, DocumentError};
use model::extract::{Issue, ReportIdentity, Severity, Source, SourceFormat};
use model::{Extracted, EXTRACT_SCHEMA};
use sha2::{Digest, Sha256};

pub use number::{parse_cell, CellNumber};

pub const PARSER_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Issue codes that mean nothing usable was found.
const UNUSABLE: [&str; 3] = ["not_an_lkjip", "empty_file", "nothing_extracted"];

static LKJIP_MARKER: pattern::Pattern = pattern::Pattern::new(
    r"(?i)\b(lkjip|lkj\s*ip|lkj\b|laporan kinerja|laporan akuntabilitas kinerja|akuntabilitas kinerja|capaian kinerja|perjanjian kinerja|indikator kinerja)",
);

/// Extracts one report given as text. Never panics, whatever the bytes. A file that is no
/// LKjIP yields an `Extracted` whose issues contain code `not_an_lkjip` (severity error).
pub fn extract(file_name: &str, bytes: &[u8]) -> Extracted {
    extract_text(file_name, hex(&Sha256::digest(bytes)), bytes)
}

/// A report file of any format, read and extracted.
#[derive(Clone, Debug)]
pub struct ExtractedFile {
    pub extract: Extracted,
    /// The report text the extract's line numbers refer to: the file itself for text, the text
    /// read from it for PDF and DOCX.
    pub text: Vec<u8>,
}

/// Reads a report file of any format (told by its bytes: text, DOCX, PDF) and extracts it. A
/// file that cannot be read as its format (corrupt, encrypted, truncated) is an error, and
/// nothing is extracted from it.
pub fn extract_file(file_name: &str, bytes: &[u8]) -> Result<ExtractedFile, DocumentError> {
    let document = documents::read(bytes)?;
    let extract = extract_document(file_name, bytes, &document);
    let text = match document.format {
        documents::Format::Text => bytes.to_vec(),
        _ => document.text.into_bytes(),
    };
    Ok(ExtractedFile { extract, text })
}

/// Extracts a report already read by [`documents::read`] from `original` (the file's bytes, whose
/// sha256 identifies the report). Its format and page starts go to `source`, and each figure's
/// page is set from its first line.
pub fn extract_document(file_name: &str, original: &[u8], document: &Document) -> Extracted {
    let format = match document.format {
        // Text is decoded by the extractor itself (encodings, markup), from the file as given.
        documents::Format::Text => return extract(file_name, original),
        // An HTML page is text; its lines are those its tables render to, as a DOCX's.
        documents::Format::Html => SourceFormat::Text,
        documents::Format::Docx => SourceFormat::Docx,
        documents::Format::Pdf => SourceFormat::Pdf,
        documents::Format::ScannedPdf => SourceFormat::PdfOcr,
    };
    let sha256 = hex(&Sha256::digest(original));
    let mut out = extract_text(file_name, sha256, document.text.as_bytes());
    out.source.format = format;
    out.source.page_starts = document.page_starts.clone();
    out.fill_pages();
    confidence::assess(&mut out);
    out
}

fn extract_text(file_name: &str, sha256: String, bytes: &[u8]) -> Extracted {
    let text = text::decode(bytes);
    let source = Source {
        format: SourceFormat::Text,
        page_starts: Vec::new(),
        file: file_name.to_string(),
        sha256,
        lines: u32::try_from(text.lines.len()).unwrap_or(u32::MAX),
        parser_version: PARSER_VERSION.to_string(),
        taxonomy_version: Some(taxonomy::taxonomy_version().to_owned()),
    };
    let mut out = Extracted {
        schema: EXTRACT_SCHEMA.to_string(),
        source,
        report: ReportIdentity::default(),
        camat: None,
        wilayah: Default::default(),
        indicators: Vec::new(),
        history: Vec::new(),
        ikm: None,
        budget: None,
        issues: Vec::new(),
    };
    if text.lossy {
        let message = "the file is not valid UTF-8; undecodable bytes were replaced";
        out.issues.push(issue(
            "invalid_utf8",
            Severity::Warning,
            message,
            Vec::new(),
        ));
    }
    let lines = &text.lines;
    if let Some(reasons) = unusable(bytes, lines) {
        out.issues.extend(reasons);
        return out;
    }
    let sections = sections::find_sections(lines);
    out.issues.extend(section_issues(&sections, lines.len()));
    let own = lines.get(..sections.main_end).unwrap_or(lines);
    let (report, doubts) = identity::identify(own);
    out.report = report;
    out.issues.extend(identity_issues(&out.report));
    out.issues.extend(doubts);
    out.camat = camat::find_camat(own);
    let tables = regroup::join_continued_tables(regroup::split_at_repeated_headers(
        table_reader::find_tables(lines),
    ));
    let (wilayah, wilayah_issues) = wilayah::extract_wilayah(lines, sections.main_end, &tables);
    out.wilayah = wilayah;
    out.issues.extend(wilayah_issues);
    if let Some(year) = out.report.tahun {
        // indicators and budget read only the own report's tables by their columns: each of
        // those is classified once, the others never
        let classified: Vec<columns::ClassifiedTable<'_>> = tables
            .iter()
            .filter(|t| sections.in_main(t.first_line))
            .map(columns::classify)
            .collect();
        let result = indicators::extract_indicators(&classified, year, &sections);
        out.indicators = result.indicators;
        out.history = result.history;
        out.issues.extend(result.issues);
        let (budget, budget_issues) = budget::extract_budget(lines, &classified, year, &sections);
        out.budget = budget;
        out.issues.extend(budget_issues);
        let mut ikm_issues = Vec::new();
        out.ikm = ikm::extract_ikm(
            lines,
            sections.main_end,
            &tables,
            &out.indicators,
            &mut ikm_issues,
        );
        out.issues.extend(ikm_issues);
    }
    let completeness = completeness_issues(&out);
    out.issues.extend(completeness);
    confidence::assess(&mut out);
    out
}

/// Why the file cannot be read as an LKjIP at all: empty, or without its vocabulary.
fn unusable(bytes: &[u8], lines: &[String]) -> Option<Vec<Issue>> {
    if bytes.iter().all(u8::is_ascii_whitespace) || lines.iter().all(|l| l.trim().is_empty()) {
        return Some(vec![
            issue(
                "empty_file",
                Severity::Error,
                "the file is empty",
                Vec::new(),
            ),
            issue(
                "not_an_lkjip",
                Severity::Error,
                "the file is empty",
                Vec::new(),
            ),
        ]);
    }
    let markers = lines
        .iter()
        .filter(|l| l.len() < 100_000 && LKJIP_MARKER.is_match(l))
        .take(2)
        .count();
    (markers < 2).then(|| {
        let message =
            "no LKjIP vocabulary (laporan kinerja, capaian kinerja, indikator kinerja) found";
        vec![issue("not_an_lkjip", Severity::Error, message, Vec::new())]
    })
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Parts of the file that were recognised as other documents and left out.
fn section_issues(sections: &sections::Sections, line_count: usize) -> Vec<Issue> {
    let mut issues = Vec::new();
    if sections.main_end < line_count {
        issues.push(issue(
            "appended_documents",
            Severity::Info,
            "documents appended after the report (position-level reports of officials, reviews) were not read as the kecamatan's figures",
            vec![line_number(sections.main_end)],
        ));
    }
    if !sections.officials.is_empty() {
        issues.push(issue(
            "officials_documents",
            Severity::Info,
            "performance agreements of individual officials in the lampiran were not read as the kecamatan's figures",
            sections.officials.iter().map(|(a, _)| line_number(*a)).collect(),
        ));
    }
    issues
}

fn identity_issues(report: &ReportIdentity) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (field, missing) in [
        ("kecamatan", report.kecamatan.is_none()),
        ("kabupaten", report.kabupaten.is_none()),
        ("provinsi", report.provinsi.is_none()),
        ("tahun", report.tahun.is_none()),
    ] {
        if missing {
            let message = format!("the report's {field} was not found");
            issues.push(issue(
                "missing_identity",
                Severity::Warning,
                &message,
                Vec::new(),
            ));
        }
    }
    if let (Some(kec), Some(kab), None) =
        (&report.kecamatan, &report.kabupaten, &report.kode_kecamatan)
    {
        let message = format!(
            "kecamatan {kec} in {kab} is not in the official region codes; names kept as printed"
        );
        issues.push(issue(
            "unresolved_region",
            Severity::Warning,
            &message,
            report.lines.clone(),
        ));
    }
    issues
}

/// What the report should have had and did not.
fn completeness_issues(out: &Extracted) -> Vec<Issue> {
    let mut issues = Vec::new();
    if out.indicators.is_empty() {
        let message = "no indicator table with target and realisasi was found";
        issues.push(issue(
            "no_indicators",
            Severity::Warning,
            message,
            Vec::new(),
        ));
    }
    if out.budget.is_none() {
        issues.push(issue(
            "no_budget",
            Severity::Warning,
            "no budget table with pagu was found",
            Vec::new(),
        ));
    }
    if out.indicators.is_empty() && out.budget.is_none() && out.camat.is_none() {
        let message = "no indicator, budget or signature of an LKjIP was found";
        issues.push(issue(
            "nothing_extracted",
            Severity::Error,
            message,
            Vec::new(),
        ));
    }
    issues
}

/// True when the extract has an error-severity issue that means nothing usable was found.
pub fn is_unusable(extracted: &Extracted) -> bool {
    extracted
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && UNUSABLE.contains(&i.code.as_str()))
}

fn issue(code: &str, severity: Severity, message: &str, lines: Vec<u32>) -> Issue {
    Issue {
        page: None,
        code: code.to_string(),
        severity,
        message: message.to_string(),
        lines,
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

#[cfg(test)]
mod pattern_tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(LKJIP_MARKER.compiles());
    }
}
