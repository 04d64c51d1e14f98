//! GET /api/v1/reports, /api/v1/reports/{id}, its source lines and its original file.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, jaten_sample, start};

on_both_backends!(
    reports_provenance_and_source_lines,
    the_original_file_is_served_with_its_name,
    report_answers_match_the_snapshots,
);

fn reports_provenance_and_source_lines(backend: Backend) {
    let s = start(backend);
    let reports = get(&s, "/api/v1/reports").json();
    assert_eq!(reports["total"], 4);
    let first = &reports["data"][0];
    assert_eq!(first["sha256"].as_str().unwrap().len(), 64);
    let id = first["id"].as_i64().unwrap();
    let detail = get(&s, &format!("/api/v1/reports/{id}")).json();
    assert_eq!(detail["id"], id);
    assert!(detail["issues"].is_array());
    let lines = get(&s, &format!("/api/v1/reports/{id}/source?lines=1-3")).json();
    assert_eq!(lines["data"].as_array().unwrap().len(), 3);
    assert_eq!(lines["data"][0]["line"], 1);
}

fn the_original_file_is_served_with_its_name(backend: Backend) {
    let s = start(backend);
    let reports = get(&s, "/api/v1/reports?kecamatan=33.13.11").json();
    let id = reports["data"][0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("{reports}"));
    let (name, bytes) = jaten_sample();
    let res = get(&s, &format!("/api/v1/reports/{id}/original"));
    assert_eq!(res.status, 200);
    assert_eq!(res.content_type, "text/plain; charset=utf-8");
    assert_eq!(
        res.header("content-disposition").unwrap_or_default(),
        format!("attachment; filename=\"{name}\"")
    );
    assert_eq!(res.bytes, bytes, "the file as loaded, byte for byte");
    assert_problem(&get(&s, "/api/v1/reports/999999/original"), 404, None);
    assert_problem(&get(&s, "/api/v1/reports/abc/original"), 400, Some("id"));
}

fn report_answers_match_the_snapshots(backend: Backend) {
    let s = start(backend);
    let loaded_at = {
        let mut settings = insta::Settings::clone_current();
        settings.add_redaction(".data[].loaded_at", "[loaded_at]");
        settings.add_redaction(".loaded_at", "[loaded_at]");
        settings
    };
    loaded_at.bind(|| {
        insta::assert_json_snapshot!("reports", get(&s, "/api/v1/reports?limit=2").json());
        insta::assert_json_snapshot!("kartoharjo", get(&s, "/api/v1/reports/3").json());
    });
    insta::assert_snapshot!(
        "reports_csv",
        crate::util::redact_csv_column(
            &get(&s, "/api/v1/reports?limit=2&format=csv").body,
            "loaded_at",
            "[loaded_at]"
        )
    );
    insta::assert_json_snapshot!(
        "jaten_lines_991_to_993",
        get(&s, "/api/v1/reports/1/source?lines=991-993").json()
    );
    insta::assert_snapshot!(
        "jaten_lines_991_to_993_csv",
        get(&s, "/api/v1/reports/1/source?lines=991-993&format=csv").body
    );
}
