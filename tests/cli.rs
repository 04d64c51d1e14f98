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

fn docx_fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("documents/fixtures/docx")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn extract_reads_a_docx_by_its_bytes_and_refuses_a_corrupt_one() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = docx_fixture("karanganyar-jaten-2023.docx");
    // The name says nothing: the bytes say DOCX.
    let good = dir.path().join("laporan.bin");
    std::fs::write(&good, &bytes).unwrap();
    let db = dir.path().join("k.db");
    let out = kinerja(&["extract", good.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"]["format"], "docx");
    assert_eq!(doc["report"]["kecamatan"], "Jaten");
    assert!(!doc["indicators"].as_array().unwrap().is_empty(), "{doc}");

    let corrupt = dir.path().join("rusak.docx");
    std::fs::write(&corrupt, &bytes[..bytes.len() / 2]).unwrap();
    let out = kinerja(&["extract", corrupt.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("rusak.docx") && stderr.contains("corrupt"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn ingest_of_a_folder_loads_its_docx_and_not_the_corrupt_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("laporan");
    std::fs::create_dir(&folder).unwrap();
    let bytes = docx_fixture("magetan-kartoharjo-2023.docx");
    std::fs::write(folder.join("a-kartoharjo.docx"), &bytes).unwrap();
    std::fs::write(folder.join("b-rusak.docx"), &bytes[..bytes.len() - 100]).unwrap();
    let db = dir.path().join("k.db");
    let out = kinerja(&["ingest", "--no-refresh", folder.to_str().unwrap()], &db);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(6), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("1 loaded"), "{stdout}");
    assert!(stdout.contains("Kartoharjo"), "{stdout}");
    assert!(
        stdout.lines().any(|l| l.contains("b-rusak.docx")
            && l.contains("corrupt")
            && l.contains("not loaded")),
        "{stdout}"
    );
    // Loading the same DOCX again changes nothing: its identity is the file's sha256.
    let again = kinerja(
        &[
            "ingest",
            "--no-refresh",
            folder.join("a-kartoharjo.docx").to_str().unwrap(),
        ],
        &db,
    );
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
    assert!(
        text(&again.stdout).contains("unchanged"),
        "{}",
        text(&again.stdout)
    );
}
