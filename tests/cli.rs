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
fn extract_into_a_pipe_closed_early_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    let files: Vec<_> = std::fs::read_dir(samples)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kinerja"))
        .arg("extract")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut head = [0u8; 64];
    child
        .stdout
        .take()
        .unwrap_or_else(|| panic!("no stdout"))
        .read_exact(&mut head)
        .unwrap_or_else(|e| panic!("{e}"));
    // the reader is gone, as `| head -c 64` leaves it
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
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

/// A warehouse with the sample reports ingested, and a taxonomy file without the synonym that
/// maps Kartoharjo's "Kecamatan Berpredikat Kinerja Baik".
fn samples_and_older_taxonomy() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("k.db");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    let out = kinerja(&["ingest", samples], &db);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let taxonomy =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/indicators.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
    let older = dir.path().join("older.toml");
    std::fs::write(
        &older,
        taxonomy.replacen("\"berpredikat kinerja\", ", "", 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (dir, db, older)
}

#[test]
fn reextract_prints_its_changes_on_a_dry_run_then_makes_them_once() {
    let (_dir, db, older) = samples_and_older_taxonomy();
    let current = kinerja(&["reextract"], &db);
    assert_eq!(current.status.code(), Some(0), "{}", text(&current.stderr));
    assert!(
        text(&current.stdout).contains("4 already current"),
        "{}",
        text(&current.stdout)
    );
    let older = older.to_str().unwrap_or_default();
    for _ in 0..2 {
        let dry = kinerja(&["reextract", "--dry-run", "--taxonomy", older], &db);
        let stdout = text(&dry.stdout);
        assert_eq!(dry.status.code(), Some(0), "{}", text(&dry.stderr));
        assert!(stdout.contains("would change"), "{stdout}");
        assert!(
            stdout.contains("concept: predikat_kinerja_kecamatan → ∅"),
            "{stdout}"
        );
        assert!(stdout.contains("dry run, nothing changed"), "{stdout}");
    }
    let real = kinerja(&["reextract", "--taxonomy", older], &db);
    let stdout = text(&real.stdout);
    assert!(stdout.contains("1 changed"), "{stdout}");
    assert!(stdout.contains("analytics refreshed"), "{stdout}");
    let again = kinerja(&["reextract", "--taxonomy", older], &db);
    assert!(
        text(&again.stdout)
            .contains("0 changed (0 figure field(s)), 0 unchanged, 4 already current"),
        "{}",
        text(&again.stdout)
    );
    // The warehouse is now behind the built-in taxonomy: a small one is brought up to date
    // at the start of the next ingest, which says so.
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    let ingest = kinerja(&["ingest", samples], &db);
    assert!(
        text(&ingest.stderr).contains("re-extracting them"),
        "{}",
        text(&ingest.stderr)
    );
    let after = kinerja(&["reextract"], &db);
    assert!(
        text(&after.stdout).contains("4 already current"),
        "{}",
        text(&after.stdout)
    );
}

#[test]
fn a_killed_reextraction_leaves_each_report_old_or_new() {
    use diesel::prelude::*;
    use std::io::BufRead;
    let (_dir, db, older) = samples_and_older_taxonomy();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kinerja"))
        .args(["reextract", "--no-refresh", "--taxonomy"])
        .arg(&older)
        .env("DATABASE_URL", &db)
        .env_remove("KINERJA_LOG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Killed (SIGKILL) as soon as it reports its first report: the others are mid-way or not
    // started.
    if let Some(stdout) = child.stdout.take() {
        let mut first = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut first);
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut conn = SqliteConnection::establish(db.to_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    diesel::sql_query("PRAGMA busy_timeout = 10000")
        .execute(&mut conn)
        .unwrap_or_else(|e| panic!("{e}"));
    #[derive(QueryableByName, Debug)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        taxonomy_version: Option<String>,
        #[diesel(sql_type = diesel::sql_types::Integer)]
        revision: i32,
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
        concept_key: Option<String>,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        changes: i64,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT r.taxonomy_version, r.revision, f.concept_key, \
         (SELECT COUNT(*) FROM figure_change c WHERE c.report_id = r.id) AS changes \
         FROM indicator_fact f JOIN report r ON r.id = f.report_id \
         WHERE f.raw_name = 'Kecamatan Berpredikat Kinerja Baik' AND NOT f.is_history",
    )
    .load(&mut conn)
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    // Either old (the built-in taxonomy: mapped, revision 1, nothing logged) or new (mapped
    // no more, revision 2, its changes logged), never a mix.
    let is_old = row.concept_key.as_deref() == Some("predikat_kinerja_kecamatan")
        && row.revision == 1
        && row.changes == 0;
    let is_new = row.concept_key.is_none() && row.revision == 2 && row.changes > 0;
    assert!(is_old != is_new, "{row:?}");
    assert!(row.taxonomy_version.is_some());
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
