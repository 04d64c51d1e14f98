//! The `kinerja` command as a user meets it: exit codes and messages for good and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn kinerja(args: &[&str], database: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kinerja"))
        .args(args)
        .env("DATABASE_URL", database)
        .env_remove("KINERJA_LOG")
        .output()
        .expect("run kinerja")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const EXTRACT: &str = r#"{
  "schema": "kinerja.extract/1",
  "source": {"file": "jaten.txt", "sha256": "SHA", "lines": 1, "parser_version": "0.1.0"},
  "report": {"kecamatan": "KECAMATAN JATEN", "kabupaten": "Kab. Karanganyar", "provinsi": null, "tahun": 2023, "lines": [1]},
  "indicators": [
    {"level": "sasaran", "name": "IKM", "canonical": "ikm", "unit": "indeks", "direction": "higher_is_better",
     "tahun": 2023, "target": "75", "realisasi": "83.20", "capaian_reported": "110.93",
     "capaian_computed": "110.93", "lines": [1], "flags": []}
  ],
  "budget": {"tahun": 2023, "pagu": "1677707236.00", "realisasi": "1500000000", "lines": [1], "items": []},
  "issues": []
}"#;

/// A temporary folder holding `document` as `extract.json`, and the database path beside it.
fn fixture(document: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("extract.json");
    std::fs::write(&json, document).unwrap();
    let db = dir.path().join("k.db");
    (dir, json, db)
}

#[test]
fn ingest_json_is_idempotent_and_says_so() {
    let (_dir, json, db) = fixture(EXTRACT);
    let first = kinerja(&["ingest", "--json", json.to_str().unwrap()], &db);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("1 loaded"),
        "{}",
        text(&first.stdout)
    );
    let second = kinerja(&["ingest", json.to_str().unwrap()], &db);
    assert_eq!(second.status.code(), Some(0));
    assert!(
        text(&second.stdout).contains("unchanged"),
        "{}",
        text(&second.stdout)
    );
    assert!(
        text(&second.stdout).contains("0 loaded, 1 unchanged"),
        "{}",
        text(&second.stdout)
    ); // The first ingest brought the rankings up to date; the second had nothing to recompute.
    assert!(
        text(&first.stdout).contains("analytics refreshed in"),
        "{}",
        text(&first.stdout)
    );
    assert!(
        text(&second.stdout).contains("analytics snapshot is current"),
        "{}",
        text(&second.stdout)
    );
}

#[test]
fn ingest_can_leave_the_refresh_to_later() {
    let (_dir, json, db) = fixture(EXTRACT);
    let out = kinerja(&["ingest", "--no-refresh", json.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains("analytics"),
        "{}",
        text(&out.stdout)
    );
    let later = kinerja(&["analytics", "refresh"], &db);
    assert_eq!(later.status.code(), Some(0), "{}", text(&later.stderr));
    assert!(
        text(&later.stdout).contains("1 indicator standings"),
        "{}",
        text(&later.stdout)
    );
}

#[test]
fn a_dry_run_changes_nothing() {
    let (_dir, json, db) = fixture(EXTRACT);
    let dry = kinerja(&["ingest", "--dry-run", json.to_str().unwrap()], &db);
    assert_eq!(dry.status.code(), Some(0), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("would be loaded"),
        "{}",
        text(&dry.stdout)
    );
    let real = kinerja(&["ingest", json.to_str().unwrap()], &db);
    assert!(
        text(&real.stdout).contains("1 loaded"),
        "the dry run left a trace: {}",
        text(&real.stdout)
    );
}

#[test]
fn malformed_json_names_the_bad_field() {
    let (_dir, json, db) =
        fixture(&EXTRACT.replace(r#""realisasi": "83.20""#, r#""realisasi": "83,20""#));
    let out = kinerja(&["ingest", json.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(3));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("indicators[0].realisasi"), "{stdout}");
    assert!(stdout.contains("83,20"), "{stdout}");
}

#[test]
fn an_unknown_kecamatan_gets_the_closest_official_names() {
    let (_dir, json, db) = fixture(&EXTRACT.replace("KECAMATAN JATEN", "Kecamatan Jatenn"));
    let out = kinerja(&["ingest", json.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(3));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("did you mean: Jaten (Kabupaten Karanganyar)"),
        "{stdout}"
    );
}

#[test]
fn an_unreachable_database_is_named_without_its_password() {
    let (_dir, json, _db) = fixture(EXTRACT);
    let out = kinerja(
        &["ingest", json.to_str().unwrap()],
        Path::new("postgres://kinerja:s3cret@127.0.0.1:1/kinerja"),
    );
    assert_eq!(out.status.code(), Some(4));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("postgres://kinerja:***@127.0.0.1:1/kinerja"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
}

#[test]
fn extract_of_a_file_that_is_no_report_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recipe.txt");
    std::fs::write(&file, "Nasi goreng\nBumbu: bawang, cabai, kecap\n").unwrap();
    let out = kinerja(
        &["extract", file.to_str().unwrap()],
        &dir.path().join("k.db"),
    );
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["code"] == "not_an_lkjip"),
        "{doc}"
    );
    assert!(
        !dir.path().join("k.db").exists(),
        "extract touched a database"
    );
}
