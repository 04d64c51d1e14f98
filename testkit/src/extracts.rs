//! A small, hand-made extract to load (Kecamatan Jaten, 2023), for tests of the warehouse that
//! need exact figures without the extractor in the way.

use model::extract::{
    Budget, BudgetItem, Camat, Extracted, Indicator, Issue, ReportIdentity, Severity, Source,
};
use model::{Direction, Exact, Level, Year, EXTRACT_SCHEMA};

pub fn exact(text: &str) -> Exact {
    text.parse().unwrap()
}

/// A small but complete extract for Kecamatan Jaten, 2023, whose text is `text`; its figures'
/// confidence as the extractor assesses it (the indicator is low: its capaian does not recompute).
pub fn sample_extract(text: &str) -> Extracted {
    let mut e = unassessed_extract(text);
    model::confidence::assess(&mut e, false);
    e
}

fn unassessed_extract(text: &str) -> Extracted {
    let year = Year::new(2023).unwrap();
    Extracted {
        schema: EXTRACT_SCHEMA.to_owned(),
        source: Source {
            format: Default::default(),
            page_starts: Vec::new(),
            file: "jaten-2023.txt".to_owned(),
            sha256: warehouse::sha256_hex(text.as_bytes()),
            lines: u32::try_from(text.lines().count()).unwrap(),
            parser_version: "0.1.0".to_owned(),
            taxonomy_version: None,
        },
        report: ReportIdentity {
            page: None,
            kecamatan: Some("JATEN".to_owned()),
            kabupaten: Some("Kabupaten Karanganyar".to_owned()),
            provinsi: None,
            kode_kecamatan: None,
            tahun: Some(year),
            lines: vec![1],
        },
        camat: Some(Camat {
            page: None,
            nama: Some("Wuli Padmi Handayani".to_owned()),
            nip: Some("197407151995032004".to_owned()),
            plt: false,
            lines: vec![2],
        }),
        wilayah: Default::default(),
        indicators: vec![Indicator {
            page: None,
            level: Level::Tujuan,
            name: "Nilai SAKIP".to_owned(),
            canonical: Some("nilai_akip".to_owned()),
            unit: Some("nilai".to_owned()),
            direction: Direction::HigherIsBetter,
            tahun: year,
            target: Some(exact("0.8155")),
            realisasi: Some(exact("68.45")),
            capaian_reported: Some(exact("107.14")),
            capaian_computed: Some(exact("97.79")),
            lines: vec![3],
            flags: vec!["printed capaian differs".to_owned()],
            confidence: Default::default(),
            confidence_reasons: Vec::new(),
        }],
        history: vec![],
        ikm: None,
        budget: Some(Budget {
            page: None,
            tahun: Some(year),
            pagu: Some(exact("1677707236.00")),
            realisasi: Some(exact("1500000000")),
            serapan_reported: Some(exact("89.41")),
            serapan_computed: Some(exact("89.41")),
            source: None,
            lines: vec![4],
            items: vec![BudgetItem {
                page: None,
                level: Level::Program,
                kode: Some("7.01.01".to_owned()),
                name: "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota".to_owned(),
                pagu: Some(exact("1677707236.00")),
                realisasi: Some(exact("1500000000")),
                serapan_reported: None,
                source: None,
                lines: vec![4],
                flags: vec![],
                confidence: Default::default(),
                confidence_reasons: Vec::new(),
            }],
            confidence: Default::default(),
            confidence_reasons: Vec::new(),
        }),
        issues: vec![Issue {
            page: None,
            code: "capaian_mismatch".to_owned(),
            severity: Severity::Warning,
            message: "printed 107.14, computed 97.79".to_owned(),
            lines: vec![3],
        }],
    }
}

pub const SAMPLE_TEXT: &str = "LKjIP Kecamatan Jaten 2023\nCamat Wuli Padmi Handayani\nNilai SAKIP 68,45\nPagu Rp 1.677.707.236,00\n";
