//! A fresh database per test, on SQLite and on PostgreSQL (the warehouse's harness, copied:
//! test helpers are not shared across crates), and synthetic extracts to load.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use model::extract::{Extracted, HistoryEntry, Indicator, ReportIdentity, Source};
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

/// A goal-level indicator of 2023 with its realisasi and the capaian we computed.
pub fn indicator(concept: &str, direction: Direction, realisasi: &str, capaian: &str) -> Indicator {
    Indicator {
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
            file: format!("{}-2023-{edition}.txt", kecamatan.to_lowercase()),
            sha256: warehouse::sha256_hex(text.as_bytes()),
            lines: 1,
            parser_version: "0.1.0".to_owned(),
        },
        report: ReportIdentity {
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
        canonical: Some(concept.to_owned()),
        name: concept.to_owned(),
        tahun: Year::new(tahun).unwrap(),
        target: None,
        realisasi: Some(exact(realisasi)),
        capaian_reported: None,
        lines: vec![5],
    }
}
