//! GET /api/v1/changes: the change log of the figures.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, redact_csv_column, start, supersede_jaten};

on_both_backends!(
    changes_are_listed_filtered_paginated_and_exported,
    change_answers_match_the_snapshots,
);

fn changes_are_listed_filtered_paginated_and_exported(backend: Backend) {
    let s = start(backend);
    supersede_jaten(&s);
    let all = get(&s, "/api/v1/changes").json();
    let total = all["total"].as_i64().unwrap_or_else(|| panic!("{all}"));
    assert!(total >= 1, "{all}");
    let ikm = all["data"]
        .as_array()
        .unwrap_or_else(|| panic!("{all}"))
        .iter()
        .find(|c| c["concept"] == "ikm" && c["field"] == "realisasi")
        .unwrap_or_else(|| panic!("the IKM change: {all}"));
    assert_eq!(ikm["old_value"], "83.20");
    assert_eq!(ikm["new_value"], "84.20");
    assert_eq!(ikm["cause"], "new report");
    assert_eq!(ikm["kecamatan_code"], "33.13.11");
    assert!(ikm["previous_report_id"].is_i64(), "{ikm}");
    assert!(ikm["changed_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    let of = |q: &str| get(&s, &format!("/api/v1/changes?{q}")).json()["total"].clone();
    assert_eq!(of("kecamatan=33.13.11"), total);
    assert_eq!(of("kabupaten=33.13"), total);
    assert_eq!(of("kabupaten=35.20"), 0);
    assert_eq!(of("since=2000-01-01"), total);
    assert_eq!(of("since=2999-01-01T00:00:00Z"), 0);
    assert_problem(
        &get(&s, "/api/v1/changes?since=yesterday"),
        400,
        Some("since"),
    );
    assert_problem(
        &get(&s, "/api/v1/changes?kabupaten=3313"),
        400,
        Some("kabupaten"),
    );
    // Paginated as the other collections: `next` until the last page.
    if total > 1 {
        let first = get(&s, "/api/v1/changes?limit=1").json();
        let next = first["next"].as_str().unwrap_or_else(|| panic!("{first}"));
        let second = get(&s, next).json();
        assert_ne!(first["data"][0]["id"], second["data"][0]["id"]);
    }
    let csv = get(&s, "/api/v1/changes?format=csv");
    assert!(
        csv.content_type.starts_with("text/csv"),
        "{}",
        csv.content_type
    );
    let header = csv.body.lines().next().unwrap_or_default();
    assert!(
        header.contains("old_value") && header.contains("cause"),
        "{header}"
    );
    // The figure says how often it changed and links its changes.
    let facts = get(&s, "/api/v1/facts?kecamatan=33.13.11&concept=ikm").json();
    let fact = &facts["data"][0];
    assert!(fact["changes"].as_i64().is_some_and(|n| n >= 1), "{fact}");
    let link = fact["changes_url"]
        .as_str()
        .unwrap_or_else(|| panic!("{fact}"));
    let own = get(&s, link).json();
    assert_eq!(own["total"], fact["changes"], "{own}");
    assert_eq!(own["data"][0]["fact_id"], fact["id"]);
}

fn change_answers_match_the_snapshots(backend: Backend) {
    let s = start(backend);
    supersede_jaten(&s);
    insta::assert_json_snapshot!(
        "after_jaten_superseded",
        get(&s, "/api/v1/changes?limit=2").json(),
        { ".data[].changed_at" => "[changed_at]" }
    );
    insta::assert_snapshot!(
        "after_jaten_superseded_csv",
        redact_csv_column(
            &get(&s, "/api/v1/changes?limit=2&format=csv").body,
            "changed_at",
            "[changed_at]"
        )
    );
}
