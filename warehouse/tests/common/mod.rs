//! A fresh database per test, on SQLite and on PostgreSQL, and a small extract to load.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use model::extract::{
    Budget, BudgetItem, Camat, Extracted, Indicator, Issue, ReportIdentity, Severity, Source,
};
use model::{Direction, Exact, Level, Year, EXTRACT_SCHEMA};
use warehouse::DbConnection;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test and is removed after it.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_admin: Option<(String, String)>,
}

/// The PostgreSQL server tests use, given by `.ci/run` (or by you): a role that may create
/// databases. In CI a missing server is an error, not a reason to skip.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("KINERJA_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but KINERJA_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot run")
        }
        _ => None,
    }
}

fn unique_name() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "kinerja_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        nanos
    )
}

impl TestDb {
    /// A fresh, empty database; `None` when PostgreSQL is asked for and not configured.
    pub fn fresh(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = dir.path().join("kinerja.db").display().to_string();
                Some(TestDb {
                    url,
                    _dir: Some(dir),
                    pg_admin: None,
                })
            }
            Backend::Postgres => {
                let admin = postgres_admin_url()?;
                let name = unique_name();
                let mut conn =
                    PgConnection::establish(&admin).expect("connect to the test PostgreSQL server");
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .unwrap();
                let (base, _) = admin
                    .rsplit_once('/')
                    .expect("a database name in KINERJA_TEST_POSTGRES_URL");
                Some(TestDb {
                    url: format!("{base}/{name}"),
                    _dir: None,
                    pg_admin: Some((admin, name)),
                })
            }
        }
    }

    pub fn open(&self) -> DbConnection {
        warehouse::open_ready(&self.url).expect("open the test warehouse")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg_admin {
            if let Ok(mut conn) = PgConnection::establish(admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// Runs a test body on both backends, saying which one it is on.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name($crate::common::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                if $crate::common::postgres_admin_url().is_none() {
                    eprintln!("PostgreSQL not configured (KINERJA_TEST_POSTGRES_URL): skipped");
                    return;
                }
                super::$name($crate::common::Backend::Postgres)
            } )*
        }
    };
}

pub fn exact(text: &str) -> Exact {
    text.parse().unwrap()
}

/// A small but complete extract for Kecamatan Jaten, 2023, whose text is `text`.
pub fn sample_extract(text: &str) -> Extracted {
    let year = Year::new(2023).unwrap();
    Extracted {
        schema: EXTRACT_SCHEMA.to_owned(),
        source: Source {
            file: "jaten-2023.txt".to_owned(),
            sha256: warehouse::sha256_hex(text.as_bytes()),
            lines: u32::try_from(text.lines().count()).unwrap(),
            parser_version: "0.1.0".to_owned(),
        },
        report: ReportIdentity {
            kecamatan: Some("JATEN".to_owned()),
            kabupaten: Some("Kabupaten Karanganyar".to_owned()),
            provinsi: None,
            kode_kecamatan: None,
            tahun: Some(year),
            lines: vec![1],
        },
        camat: Some(Camat {
            nama: Some("Wuli Padmi Handayani".to_owned()),
            nip: Some("197407151995032004".to_owned()),
            plt: false,
            lines: vec![2],
        }),
        wilayah: Default::default(),
        indicators: vec![Indicator {
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
        }],
        history: vec![],
        ikm: None,
        budget: Some(Budget {
            tahun: Some(year),
            pagu: Some(exact("1677707236.00")),
            realisasi: Some(exact("1500000000")),
            serapan_reported: Some(exact("89.41")),
            serapan_computed: Some(exact("89.41")),
            lines: vec![4],
            items: vec![BudgetItem {
                level: Level::Program,
                kode: Some("7.01.01".to_owned()),
                name: "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota".to_owned(),
                pagu: Some(exact("1677707236.00")),
                realisasi: Some(exact("1500000000")),
                serapan_reported: None,
                lines: vec![4],
                flags: vec![],
            }],
        }),
        issues: vec![Issue {
            code: "capaian_mismatch".to_owned(),
            severity: Severity::Warning,
            message: "printed 107.14, computed 97.79".to_owned(),
            lines: vec![3],
        }],
    }
}

pub const SAMPLE_TEXT: &str = "LKjIP Kecamatan Jaten 2023\nCamat Wuli Padmi Handayani\nNilai SAKIP 68,45\nPagu Rp 1.677.707.236,00\n";
