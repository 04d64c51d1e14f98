//! `ingest`: LKjIP report text → the `kinerja.extract/1` document (docs/extract-contract.md).
//!
//! A pipeline of small steps, each in its own module:
//! [`text`] (decode, strip markup) → [`sections`] (own report vs appended documents, BAB III) →
//! [`table`] (tables in every layout) → [`columns`] (header → column roles) → [`number`] (exact
//! numbers in every printed style) → [`identity`], [`camat`], [`wilayah`], [`indicators`],
//! [`budget`], [`ikm`] (facts, cross-checks, issues). Pure: no I/O, no global mutable state.

mod budget;
mod camat;
mod cells;
mod columns;
mod identity;
mod ikm;
mod indicators;
mod number;
mod pattern;
mod percent;
mod regroup;
mod roles;
mod rows;
mod sections;
mod table;
pub mod taxonomy;
mod text;
mod wilayah;

#[doc(hidden)]
pub use debug::debug_tables;
mod debug;

use model::extract::{Issue, ReportIdentity, Severity, Source};
use model::{Extracted, EXTRACT_SCHEMA};
use sha2::{Digest, Sha256};

pub use number::{parse_cell, CellNumber};

pub const PARSER_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Issue codes that mean nothing usable was found.
const UNUSABLE: [&str; 3] = ["not_an_lkjip", "empty_file", "nothing_extracted"];

static LKJIP_MARKER: pattern::Pattern = pattern::Pattern::new(
    r"(?i)\b(lkjip|lkj\s*ip|lkj\b|laporan kinerja|laporan akuntabilitas kinerja|akuntabilitas kinerja|capaian kinerja|perjanjian kinerja|indikator kinerja)",
);

/// Extracts one report. Never panics, whatever the bytes. A file that is no LKjIP yields an
/// `Extracted` whose issues contain code `not_an_lkjip` (severity error).
pub fn extract(file_name: &str, bytes: &[u8]) -> Extracted {
    let text = text::decode(bytes);
    let line_count = text.lines.len();
    let source = Source {
        file: file_name.to_string(),
        sha256: hex(&Sha256::digest(bytes)),
        lines: u32::try_from(line_count).unwrap_or(u32::MAX),
        parser_version: PARSER_VERSION.to_string(),
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
        out.issues.push(issue(
            "invalid_utf8",
            Severity::Warning,
            "the file is not valid UTF-8; undecodable bytes were replaced",
            Vec::new(),
        ));
    }
    let lines = &text.lines;
    let markers = lines
        .iter()
        .filter(|l| l.len() < 100_000 && LKJIP_MARKER.is_match(l))
        .take(3)
        .count();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out.issues.push(issue(
            "empty_file",
            Severity::Error,
            "the file is empty",
            Vec::new(),
        ));
        out.issues.push(issue(
            "not_an_lkjip",
            Severity::Error,
            "the file is empty",
            Vec::new(),
        ));
        return out;
    }
    if markers < 2 {
        out.issues.push(issue(
            "not_an_lkjip",
            Severity::Error,
            "no LKjIP vocabulary (laporan kinerja, capaian kinerja, indikator kinerja) found",
            Vec::new(),
        ));
        return out;
    }
    let sections = sections::find_sections(lines);
    let own = lines.get(..sections.main_end).unwrap_or(lines);
    if sections.main_end < lines.len() {
        out.issues.push(issue(
            "appended_documents",
            Severity::Info,
            "documents appended after the report (position-level reports of officials) were not read as the kecamatan's figures",
            vec![u32::try_from(sections.main_end + 1).unwrap_or(u32::MAX)],
        ));
    }
    if !sections.officials.is_empty() {
        out.issues.push(issue(
            "officials_documents",
            Severity::Info,
            "performance agreements of individual officials in the lampiran were not read as the kecamatan's figures",
            sections.officials.iter().map(|(a, _)| u32::try_from(a + 1).unwrap_or(u32::MAX)).collect(),
        ));
    }
    out.report = identity::identify(own);
    for (field, missing) in [
        ("kecamatan", out.report.kecamatan.is_none()),
        ("kabupaten", out.report.kabupaten.is_none()),
        ("provinsi", out.report.provinsi.is_none()),
        ("tahun", out.report.tahun.is_none()),
    ] {
        if missing {
            out.issues.push(issue(
                "missing_identity",
                Severity::Warning,
                &format!("the report's {field} was not found"),
                Vec::new(),
            ));
        }
    }
    if let (Some(kec), Some(kab), None) = (
        &out.report.kecamatan,
        &out.report.kabupaten,
        &out.report.kode_kecamatan,
    ) {
        out.issues.push(issue(
            "unresolved_region",
            Severity::Warning,
            &format!("kecamatan {kec} in {kab} is not in the official region codes; names kept as printed"),
            out.report.lines.clone(),
        ));
    }
    out.camat = camat::find_camat(own);
    let tables = regroup::join_continued_tables(regroup::split_at_repeated_headers(
        table::find_tables(lines),
    ));
    out.wilayah = wilayah::extract_wilayah(lines, sections.main_end, &tables);
    let Some(year) = out.report.tahun else {
        return out;
    };
    let result = indicators::extract_indicators(&tables, year, &sections);
    out.indicators = result.indicators;
    out.history = result.history;
    out.issues.extend(result.issues);
    let (budget, budget_issues) = budget::extract_budget(lines, &tables, year, &sections);
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
    if out.indicators.is_empty() {
        out.issues.push(issue(
            "no_indicators",
            Severity::Warning,
            "no indicator table with target and realisasi was found",
            Vec::new(),
        ));
    }
    if out.indicators.is_empty() && out.budget.is_none() && out.camat.is_none() {
        out.issues.push(issue(
            "nothing_extracted",
            Severity::Error,
            "no indicator, budget or signature of an LKjIP was found",
            Vec::new(),
        ));
    }
    if out.budget.is_none() {
        out.issues.push(issue(
            "no_budget",
            Severity::Warning,
            "no budget table with pagu was found",
            Vec::new(),
        ));
    }
    out
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
