//! GET /api/v1/exports and /api/v1/exports/{table}.{csv,parquet}: the bulk downloads.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, get_with, load_elsewhere, start};

on_both_backends!(
    bulk_exports_stream_whole_tables,
    every_table_exports_as_csv_and_parquet_with_exact_figures,
    exports_name_unknown_tables_and_formats_and_answer_304,
    bulk_exports_are_written_once_per_data_version,
    export_answers_match_the_snapshots,
);

fn bulk_exports_stream_whole_tables(backend: Backend) {
    let s = start(backend);
    let facts = get(&s, "/api/v1/exports/facts.csv");
    assert_eq!(facts.status, 200);
    assert!(facts.content_type.starts_with("text/csv"));
    let total = get(&s, "/api/v1/facts?limit=1").json()["total"]
        .as_i64()
        .unwrap();
    assert_eq!(
        facts.body.lines().count() as i64,
        total + 1,
        "header plus one line per fact"
    );
    let with_history = get(&s, "/api/v1/exports/facts_with_history.csv");
    let all = get(&s, "/api/v1/facts?include_history=true&limit=1").json()["total"]
        .as_i64()
        .unwrap();
    assert_eq!(with_history.body.lines().count() as i64, all + 1);
    assert!(all >= total);
    assert_problem(&get(&s, "/api/v1/exports/nope.csv"), 404, None);
    // A single object answers CSV as one row.
    let one = get(&s, "/api/v1/kecamatan/33.13.11?format=csv");
    assert_eq!(one.body.lines().count(), 2, "{}", one.body);
    assert!(one.body.starts_with("code,name,"));
}

fn parquet_frame(bytes: Vec<u8>) -> polars::prelude::DataFrame {
    use polars::prelude::SerReader;
    polars::prelude::ParquetReader::new(std::io::Cursor::new(bytes))
        .finish()
        .unwrap()
}

fn every_table_exports_as_csv_and_parquet_with_exact_figures(backend: Backend) {
    let s = start(backend);
    let list = get(&s, "/api/v1/exports").json();
    let tables = list["data"].as_array().unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t["name"].as_str().unwrap()).collect();
    for wanted in [
        "facts",
        "facts_with_history",
        "kecamatan",
        "reports",
        "budget_lines",
        "budget_programs",
        "rankings",
        "scores",
        "trends",
        "story_leads",
        "quality",
    ] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
    for t in tables {
        let name = t["name"].as_str().unwrap();
        let rows = t["rows"].as_i64().unwrap();
        assert!(rows > 0, "{name} is empty on the samples");
        let csv = get(&s, t["csv"].as_str().unwrap());
        assert_eq!(csv.status, 200, "{name}.csv");
        assert_eq!(csv.content_type, "text/csv; charset=utf-8");
        assert_eq!(
            csv.header("content-disposition").unwrap_or_default(),
            format!("attachment; filename=\"kinerja-{name}.csv\"")
        );
        let csv = String::from_utf8(csv.bytes).unwrap();
        let header = csv.lines().next().unwrap();
        let columns: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(header, columns.join(","), "{name}: the listed columns");
        assert!(
            name == "reports" || header.contains("source.cite"),
            "{name}: every row cites its report: {header}"
        );
        let parquet = get(&s, t["parquet"].as_str().unwrap());
        assert_eq!(parquet.status, 200, "{name}.parquet");
        assert_eq!(parquet.content_type, "application/vnd.apache.parquet");
        assert!(parquet
            .header("content-disposition")
            .unwrap_or_default()
            .ends_with(&format!("kinerja-{name}.parquet\"")));
        assert_eq!(&parquet.bytes[..4], b"PAR1", "{name}: a Parquet file");
        let frame = parquet_frame(parquet.bytes);
        assert_eq!(
            frame.height() as i64,
            rows,
            "{name}: one Parquet row per row"
        );
        assert_eq!(
            frame
                .get_column_names()
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            columns,
            "{name}: the same columns as the CSV"
        );
    }
    // The figures in Parquet are the JSON's, exactly as printed ("83.20", not 83.2).
    let facts = get(&s, "/api/v1/facts?limit=1000").json();
    let frame = parquet_frame(get(&s, "/api/v1/exports/facts.parquet").bytes);
    let ids = frame.column("id").unwrap().i64().unwrap().clone();
    let realisasi = frame.column("realisasi").unwrap().str().unwrap().clone();
    let cites = frame.column("source.cite").unwrap().str().unwrap().clone();
    let json_rows = facts["data"].as_array().unwrap();
    assert_eq!(json_rows.len(), frame.height());
    let mut printed_with_zero = 0;
    for (i, fact) in json_rows.iter().enumerate() {
        assert_eq!(ids.get(i), fact["id"].as_i64());
        assert_eq!(
            realisasi.get(i),
            fact["realisasi"].as_str(),
            "fact {}",
            fact["id"]
        );
        assert_eq!(cites.get(i), fact["source"]["cite"].as_str());
        printed_with_zero += usize::from(fact["realisasi"] == "83.20");
    }
    assert!(
        printed_with_zero > 0,
        "Kartoharjo's IKM 83,20 is among the facts"
    );
    // Rankings keep their figure's lines: the same cite as the ranking endpoint.
    let ranking = get(&s, "/api/v1/rankings/nilai_akip?tahun=2023").json();
    let jaten = ranking["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kecamatan_code"] == "33.13.11")
        .unwrap()
        .clone();
    let csv = String::from_utf8(get(&s, "/api/v1/exports/rankings.csv").bytes).unwrap();
    assert!(
        csv.contains(jaten["source"]["cite"].as_str().unwrap()),
        "{csv}"
    );
    // Programs: coded when loaded, serapan recomputed exactly (Jaten prints no codes; its
    // 7.01.01 spent 2,083,637,017 of 2,592,499,700 = 80.37 %).
    let csv = String::from_utf8(get(&s, "/api/v1/exports/budget_programs.csv").bytes).unwrap();
    let penunjang = csv
        .lines()
        .find(|l| l.starts_with("33.13.11,") && l.contains(",7.01.01,"))
        .unwrap_or_else(|| panic!("no Jaten 7.01.01 in {csv}"));
    assert!(
        penunjang.contains(",name,2592499700,2083637017,80.37,"),
        "{penunjang}"
    );
    // Trends: the figure read through its fact, the change from the trend (Jaten nilai_akip:
    // 68.45 in 2023 against 75.28 in 2022).
    let csv = String::from_utf8(get(&s, "/api/v1/exports/trends.csv").bytes).unwrap();
    let akip = csv
        .lines()
        .find(|l| l.starts_with("33.13.11,nilai_akip,2023,33.13,33,"))
        .unwrap_or_else(|| panic!("no Jaten nilai_akip 2023 in {csv}"));
    assert!(
        akip.contains(",68.45,") && akip.contains(",75.28,-6.83,"),
        "{akip}"
    );
}

fn exports_name_unknown_tables_and_formats_and_answer_304(backend: Backend) {
    let s = start(backend);
    let unknown = assert_problem(&get(&s, "/api/v1/exports/rankingz.parquet"), 404, None);
    assert!(
        unknown["detail"].as_str().unwrap().contains("rankingz"),
        "{unknown}"
    );
    assert_eq!(unknown["suggestions"][0], "rankings.parquet");
    insta::assert_json_snapshot!("problem_unknown_table", unknown);
    let format = assert_problem(&get(&s, "/api/v1/exports/facts.xlsx"), 404, None);
    assert!(
        format["detail"].as_str().unwrap().contains("xlsx"),
        "{format}"
    );
    assert_eq!(format["suggestions"][0], "facts.csv");
    insta::assert_json_snapshot!("problem_unknown_format", format);
    assert_problem(&get(&s, "/api/v1/exports/facts"), 404, None);
    let first = get(&s, "/api/v1/exports/quality.parquet");
    let etag = first.etag.clone().expect("an ETag");
    let again = get_with(
        &s,
        "/api/v1/exports/quality.parquet",
        &[("if-none-match", &etag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let other = get_with(
        &s,
        "/api/v1/exports/quality.csv",
        &[("if-none-match", &etag)],
    );
    assert_eq!(other.status, 200, "another format is another file");
}

fn bulk_exports_are_written_once_per_data_version(backend: Backend) {
    let s = start(backend);
    let url = "/api/v1/exports/reports.csv";
    // Eight downloads at once of a file not written yet: one writes it, all get the same bytes.
    let bodies: Vec<String> = std::thread::scope(|scope| {
        let downloads: Vec<_> = (0..8).map(|_| scope.spawn(|| get(&s, url))).collect();
        downloads
            .into_iter()
            .map(|d| {
                let answer = d.join().unwrap();
                assert_eq!(answer.status, 200, "{}", answer.body);
                answer.body
            })
            .collect()
    });
    assert!(bodies.windows(2).all(|pair| pair[0] == pair[1]));
    assert!(!bodies[0].contains("elsewhere.txt"));
    // A load by another process: the next download is written for the new version.
    load_elsewhere(&s);
    let after = get(&s, url);
    assert_eq!(after.status, 200);
    assert!(after.body.contains("elsewhere.txt"), "{}", after.body);
    assert!(after.body.starts_with(bodies[0].lines().next().unwrap()));
}

fn export_answers_match_the_snapshots(backend: Backend) {
    let s = start(backend);
    insta::assert_json_snapshot!("tables", get(&s, "/api/v1/exports").json());
    insta::assert_snapshot!("tables_csv", get(&s, "/api/v1/exports?format=csv").body);
    insta::assert_snapshot!("quality_csv", get(&s, "/api/v1/exports/quality.csv").body);
}
