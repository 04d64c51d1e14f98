//! A synthetic national warehouse for scale tests and benchmarks: every official kecamatan (or
//! a spread sample of them) reporting for several years, with figures drawn from the scales of
//! docs/domain.md. Every report is marked `synthetic`, and a database holding real reports is
//! refused, so synthetic figures can never mix with published ones.

use diesel::prelude::*;
use model::extract::{Budget, BudgetItem, Extracted, Indicator, ReportIdentity, Source};
use model::{Direction, Exact, Level, Year, EXTRACT_SCHEMA};
use regions::Gazetteer;
use rust_decimal::Decimal;

use crate::connection::DbConnection;
use crate::error::{LoadError, WarehouseError};
use crate::load::load_report;
use crate::schema::report;

#[derive(Clone, Debug)]
pub struct SynthOptions {
    /// How many kecamatan report (spread over the country); all when larger than the list.
    pub kecamatan: usize,
    /// How many years, ending with `last_year`.
    pub years: u16,
    pub last_year: u16,
    pub seed: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("the database holds {0} real report(s): synthetic data is only written to a database of its own")]
    RealReportsPresent(i64),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Database(#[from] WarehouseError),
}

impl From<diesel::result::Error> for SynthError {
    fn from(e: diesel::result::Error) -> Self {
        SynthError::Database(WarehouseError::Query(e))
    }
}

/// One indicator concept as the generator draws it.
struct Drawn {
    concept: &'static str,
    name: &'static str,
    unit: &'static str,
    direction: Direction,
    level: Level,
    /// (target, realisasi) in the indicator's own scale, and the decimals reports print.
    draw: fn(&mut fastrand::Rng) -> (f64, f64),
    decimals: u32,
}

fn normal(rng: &mut fastrand::Rng, mean: f64, sd: f64) -> f64 {
    // Box–Muller: two uniforms give one normal draw; enough for plausible spreads.
    let u1 = rng.f64().max(f64::MIN_POSITIVE);
    let u2 = rng.f64();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

const INDICATORS: [Drawn; 5] = [
    Drawn {
        concept: "nilai_akip",
        name: "Nilai SAKIP Kecamatan",
        unit: "nilai",
        direction: Direction::HigherIsBetter,
        level: Level::Tujuan,
        draw: |rng| {
            let target = 60.0 + rng.f64() * 15.0;
            (
                target.round(),
                normal(rng, target + 2.0, 6.0).clamp(40.0, 95.0),
            )
        },
        decimals: 2,
    },
    Drawn {
        concept: "ikm",
        name: "Indeks Kepuasan Masyarakat (IKM)",
        unit: "indeks",
        direction: Direction::HigherIsBetter,
        level: Level::Sasaran,
        draw: |rng| {
            let target = [75.0, 76.0, 78.0, 80.0, 82.0][rng.usize(0..5)];
            (target, normal(rng, 84.0, 5.0).clamp(65.0, 98.0))
        },
        decimals: 2,
    },
    Drawn {
        concept: "idm",
        name: "Rata-rata Indeks Desa Membangun",
        unit: "indeks",
        direction: Direction::HigherIsBetter,
        level: Level::Sasaran,
        draw: |rng| {
            (
                0.65 + rng.f64() * 0.15,
                normal(rng, 0.72, 0.07).clamp(0.5, 0.95),
            )
        },
        decimals: 4,
    },
    Drawn {
        concept: "persen_desa_maju_mandiri",
        name: "Persentase desa berstatus maju dan mandiri",
        unit: "persen",
        direction: Direction::HigherIsBetter,
        level: Level::Sasaran,
        draw: |rng| {
            (
                (40.0 + rng.f64() * 40.0).round(),
                normal(rng, 60.0, 15.0).clamp(0.0, 100.0),
            )
        },
        decimals: 2,
    },
    Drawn {
        concept: "gangguan_trantibum",
        name: "Jumlah gangguan ketentraman dan ketertiban umum",
        unit: "jumlah",
        direction: Direction::LowerIsBetter,
        level: Level::Sasaran,
        draw: |rng| {
            let target = f64::from(rng.u8(5..20));
            (target, normal(rng, target, 4.0).clamp(0.0, 40.0).round())
        },
        decimals: 0,
    },
];

const PROGRAMS: [(&str, &str); 6] = [
    (
        "7.01.01",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    ),
    (
        "7.01.02",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
    ),
    (
        "7.01.03",
        "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
    ),
    (
        "7.01.04",
        "Program Koordinasi Ketentraman dan Ketertiban Umum",
    ),
    (
        "7.01.05",
        "Program Penyelenggaraan Urusan Pemerintahan Umum",
    ),
    (
        "7.01.06",
        "Program Pembinaan dan Pengawasan Pemerintahan Desa",
    ),
];

fn exact(value: f64, decimals: u32) -> Option<Exact> {
    Decimal::from_f64_retain(value).map(|d| Exact::new(d).round_dp(decimals))
}

fn rupiah(value: f64) -> Option<Exact> {
    exact(value.round(), 0)
}

/// One synthetic report for a kecamatan and year.
fn synthetic_report(
    rng: &mut fastrand::Rng,
    code: &model::RegionCode,
    name: &str,
    kabupaten: &str,
    year: Year,
) -> Extracted {
    let tag = format!("synthetic:{code}:{year}:{}", rng.u64(..));
    let mut indicators = Vec::new();
    for d in &INDICATORS {
        // About one report in twenty leaves an indicator out.
        if rng.f64() < 0.05 {
            continue;
        }
        indicators.push({
            let (t, r) = (d.draw)(rng);
            let (target, realisasi) = (exact(t, d.decimals), exact(r, d.decimals));
            let computed = target
                .zip(realisasi)
                .and_then(|(t, r)| d.direction.capaian(t, r, 2));
            Indicator {
                page: None,
                level: d.level,
                name: d.name.to_owned(),
                canonical: Some(d.concept.to_owned()),
                unit: Some(d.unit.to_owned()),
                direction: d.direction,
                tahun: year,
                target,
                realisasi,
                capaian_reported: computed,
                capaian_computed: computed,
                lines: vec![],
                flags: vec![],
                confidence: Default::default(),
                confidence_reasons: Vec::new(),
            }
        });
    }
    let pagu_total = (2.5e9 * (0.6 + rng.f64())).round();
    let mut shares: Vec<f64> = PROGRAMS.iter().map(|_| 0.2 + rng.f64()).collect();
    let sum: f64 = shares.iter().sum();
    shares.iter_mut().for_each(|s| *s /= sum);
    let items: Vec<BudgetItem> = PROGRAMS
        .iter()
        .zip(&shares)
        .map(|((kode, program), share)| {
            let pagu = (pagu_total * share).round();
            let serapan = normal(rng, 0.93, 0.04).clamp(0.7, 1.0);
            BudgetItem {
                page: None,
                level: Level::Program,
                kode: Some((*kode).to_owned()),
                name: (*program).to_owned(),
                pagu: rupiah(pagu),
                realisasi: rupiah(pagu * serapan),
                serapan_reported: None,
                source: None,
                lines: vec![],
                flags: vec![],
                confidence: Default::default(),
                confidence_reasons: Vec::new(),
            }
        })
        .collect();
    let sum_of = |f: fn(&BudgetItem) -> Option<Exact>| {
        items
            .iter()
            .filter_map(f)
            .map(Exact::value)
            .sum::<Decimal>()
    };
    let (pagu, realisasi) = (
        Exact::new(sum_of(|i| i.pagu)),
        Exact::new(sum_of(|i| i.realisasi)),
    );
    Extracted {
        schema: EXTRACT_SCHEMA.to_owned(),
        source: Source {
            format: Default::default(),
            page_starts: Vec::new(),
            file: format!("synthetic-{code}-{year}.txt"),
            sha256: crate::load::sha256_hex(tag.as_bytes()),
            lines: 0,
            parser_version: "synthetic".to_owned(),
            taxonomy_version: None,
        },
        report: ReportIdentity {
            page: None,
            kecamatan: Some(name.to_owned()),
            kabupaten: Some(kabupaten.to_owned()),
            provinsi: None,
            kode_kecamatan: Some(code.clone()),
            tahun: Some(year),
            lines: vec![],
        },
        camat: None,
        wilayah: Default::default(),
        indicators,
        history: vec![],
        ikm: None,
        budget: Some(Budget {
            page: None,
            tahun: Some(year),
            pagu: Some(pagu),
            realisasi: Some(realisasi),
            serapan_reported: None,
            serapan_computed: Exact::percent_of(realisasi, pagu, 2),
            source: None,
            lines: vec![],
            items,
            confidence: Default::default(),
            confidence_reasons: Vec::new(),
        }),
        issues: vec![],
    }
}

/// Fills the warehouse with synthetic reports; returns how many were written. `progress` is
/// called after each kecamatan with (done, total).
pub fn generate(
    conn: &mut DbConnection,
    options: &SynthOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize, SynthError> {
    let real: i64 = report::table
        .filter(report::synthetic.eq(false))
        .count()
        .get_result(conn)?;
    if real > 0 {
        return Err(SynthError::RealReportsPresent(real));
    }
    let gazetteer = Gazetteer::official();
    let all = &gazetteer.kecamatan;
    let count = options.kecamatan.clamp(1, all.len());
    // An even spread over the code-ordered list covers every province.
    let chosen: Vec<_> = (0..count).map(|i| &all[i * all.len() / count]).collect();
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let first_year = options
        .last_year
        .saturating_sub(options.years.saturating_sub(1));
    let mut written = 0;
    for (done, kecamatan) in chosen.iter().enumerate() {
        let kabupaten = gazetteer
            .kabupaten_by_code(&kecamatan.kabupaten_code)
            .map_or_else(String::new, |k| k.name.clone());
        // One transaction per kecamatan: fast on both backends, and a stop loses little.
        conn.transaction::<_, SynthError, _>(|conn| {
            for y in first_year..=options.last_year {
                let year = Year::new(i64::from(y))
                    .map_err(|_| LoadError::MissingIdentity("year (tahun)"))?;
                let extract =
                    synthetic_report(&mut rng, &kecamatan.code, &kecamatan.name, &kabupaten, year);
                let id = load_report(conn, &extract, None)?.report_id();
                diesel::update(report::table.find(id))
                    .set(report::synthetic.eq(true))
                    .execute(conn)?;
                written += 1;
            }
            Ok(())
        })?;
        progress(done + 1, chosen.len());
    }
    Ok(written)
}
