//! Test support shared by the integration tests of every crate: a fresh database per test on
//! SQLite and on PostgreSQL (`on_both_backends!`), the bundled sample reports and a warehouse
//! holding them (`sample_warehouse`), and a small hand-made extract (`extracts`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod extracts;

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use ingest::taxonomy::Taxonomy;
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
            $( #[test] fn $name() { super::$name($crate::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                if $crate::postgres_admin_url().is_none() {
                    eprintln!("PostgreSQL not configured (KINERJA_TEST_POSTGRES_URL): skipped");
                    return;
                }
                super::$name($crate::Backend::Postgres)
            } )*
        }
    };
}

/// The sample reports bundled in `data/samples`: (file name, bytes), in name order.
pub fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/samples")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read(&p).expect("a sample report"))
        })
        .collect()
}

/// Loads the sample reports into `conn` as `kinerja ingest` and `kinerja serve` would: the
/// built-in taxonomy's concepts stored, each sample extracted (`ingest::extract`) and loaded with
/// its text, then the analytics snapshots computed.
pub fn load_samples(conn: &mut DbConnection) {
    load(conn, Taxonomy::embedded(), false);
}

/// As `load_samples`, with the samples' indicators mapped by `taxonomy` instead of the built-in
/// one (as `kinerja ingest` would with `--taxonomy`).
pub fn load_samples_mapped_by(conn: &mut DbConnection, taxonomy: &Taxonomy) {
    load(conn, taxonomy, true);
}

fn load(conn: &mut DbConnection, taxonomy: &Taxonomy, remap: bool) {
    warehouse::sync_concepts(conn, &taxonomy.indicator_concepts())
        .unwrap_or_else(|e| panic!("store the taxonomy: {e}"));
    for (name, bytes) in samples() {
        let mut extract = ingest::extract(&name, &bytes);
        if remap {
            taxonomy.remap(&mut extract);
        }
        warehouse::load_report(conn, &extract, Some(&bytes))
            .unwrap_or_else(|e| panic!("load {name}: {e}"));
    }
    analytics::refresh(conn).unwrap_or_else(|e| panic!("refresh the analytics: {e}"));
}

/// A fresh warehouse on `backend` holding the sample reports (`load_samples`); `None` when
/// PostgreSQL is asked for and not configured.
pub fn sample_warehouse(backend: Backend) -> Option<TestDb> {
    let db = TestDb::fresh(backend)?;
    load_samples(&mut db.open());
    Some(db)
}
