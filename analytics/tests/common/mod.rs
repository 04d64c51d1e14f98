//! Synthetic extracts to load; the per-test databases come from `testkit`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use model::extract::{Extracted, HistoryEntry, Indicator, ReportIdentity, Source};
use model::{Direction, Exact, Level, Year, EXTRACT_SCHEMA};
pub use testkit::{Backend, TestDb};

pub fn exact(text: &str) -> Exact {
    text.parse().unwrap()
}

/// A goal-level indicator of 2023 with its realisasi and the capaian we computed.
pub fn indicator(concept: &str, direction: Direction, realisasi: &str, capaian: &str) -> Indicator {
    Indicator {
        page: None,
        level: Level::Sasaran,
        name: concept.replace('_', " "),
        canonical: Some(concept.to_owned()),
        unit: None,
        direction,
        tahun: Year::new(2023).unwrap(),
        target: None,
        realisasi: Some(exact(realisasi)),
        capaian_reported: None,
        capaian_computed: Some(exact(capaian)),
        lines: vec![3],
        flags: vec![],
        confidence: Default::default(),
        confidence_reasons: vec![],
    }
}

pub fn higher(concept: &str, realisasi: &str, capaian: &str) -> Indicator {
    indicator(concept, Direction::HigherIsBetter, realisasi, capaian)
}

pub fn lower(concept: &str, realisasi: &str, capaian: &str) -> Indicator {
    indicator(concept, Direction::LowerIsBetter, realisasi, capaian)
}

/// The 2023 report of a kecamatan holding `indicators`; `edition` tells apart two versions of
/// the same report (a different sha256).
pub fn report_of(
    kecamatan: &str,
    kabupaten: &str,
    edition: &str,
    indicators: Vec<Indicator>,
    history: Vec<HistoryEntry>,
) -> Extracted {
    let text = format!("LKjIP Kecamatan {kecamatan} 2023 ({edition})\n");
    Extracted {
        schema: EXTRACT_SCHEMA.to_owned(),
        source: Source {
            format: Default::default(),
            page_starts: Vec::new(),
            file: format!("{}-2023-{edition}.txt", kecamatan.to_lowercase()),
            sha256: warehouse::sha256_hex(text.as_bytes()),
            lines: 1,
            parser_version: "0.1.0".to_owned(),
            taxonomy_version: None,
        },
        report: ReportIdentity {
            page: None,
            kecamatan: Some(kecamatan.to_owned()),
            kabupaten: Some(kabupaten.to_owned()),
            provinsi: None,
            kode_kecamatan: None,
            tahun: Some(Year::new(2023).unwrap()),
            lines: vec![1],
        },
        camat: None,
        wilayah: Default::default(),
        indicators,
        history,
        ikm: None,
        budget: None,
        issues: vec![],
    }
}

/// A comparison-table figure of an earlier year, which the standings must ignore.
pub fn history(concept: &str, tahun: i64, realisasi: &str) -> HistoryEntry {
    HistoryEntry {
        page: None,
        canonical: Some(concept.to_owned()),
        name: concept.to_owned(),
        tahun: Year::new(tahun).unwrap(),
        target: None,
        realisasi: Some(exact(realisasi)),
        capaian_reported: None,
        lines: vec![5],
        confidence: Default::default(),
        confidence_reasons: vec![],
    }
}
