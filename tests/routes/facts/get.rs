//! GET /api/v1/facts.

use testkit::{on_both_backends, Backend};

use crate::util::{get, get_with, start};

on_both_backends!(
    facts_paginate_with_stable_next_links_and_export_csv,
    facts_ikm_matches_the_reviewed_snapshot,
    facts_answers_match_the_snapshots,
);

fn facts_paginate_with_stable_next_links_and_export_csv(backend: Backend) {
    let s = start(backend);
    let all = get(&s, "/api/v1/facts?limit=1000").json();
    let total = all["total"].as_i64().unwrap();
    assert!(total >= 7, "{total} facts");
    let mut seen = Vec::new();
    let mut next = Some("/api/v1/facts?limit=2".to_owned());
    while let Some(url) = next {
        let page = get(&s, &url).json();
        assert_eq!(page["total"], total);
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_i64().unwrap()),
        );
        next = page["next"].as_str().map(str::to_owned);
    }
    let ids: Vec<i64> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_i64().unwrap())
        .collect();
    assert_eq!(seen, ids, "paging skipped or repeated rows");
    let csv = get(&s, "/api/v1/facts?concept=ikm&format=csv");
    assert!(
        csv.content_type.starts_with("text/csv"),
        "{}",
        csv.content_type
    );
    let header = csv.body.lines().next().unwrap();
    assert!(
        header.starts_with("id,kecamatan_code,kecamatan,"),
        "{header}"
    );
    assert!(header.contains("source.cite"));
    let via_accept = get_with(&s, "/api/v1/facts?concept=ikm", &[("accept", "text/csv")]);
    assert_eq!(via_accept.body, csv.body);
    let ikm = get(&s, "/api/v1/facts?concept=ikm").json();
    assert!(ikm["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["concept"] == "ikm"));
    assert_eq!(
        csv.body.lines().count() as i64,
        ikm["total"].as_i64().unwrap() + 1
    );
}

/// The same snapshot on both backends: SQLite and PostgreSQL must answer identically.
fn facts_ikm_matches_the_reviewed_snapshot(backend: Backend) {
    let s = start(backend);
    insta::assert_json_snapshot!("facts_ikm", get(&s, "/api/v1/facts?concept=ikm").json());
}

fn facts_answers_match_the_snapshots(backend: Backend) {
    let s = start(backend);
    insta::assert_snapshot!(
        "facts_ikm_csv",
        get(&s, "/api/v1/facts?concept=ikm&format=csv").body
    );
    // A page that is not the last: its `next` link.
    let first = get(&s, "/api/v1/facts?kecamatan=33.13.11&limit=1").json();
    insta::assert_json_snapshot!("facts_of_jaten_first_page", first);
    // The page that ends the collection has no `next`, even when it is full.
    let next = first["next"]
        .as_str()
        .expect("a first page of two has a next link");
    let last = get(&s, next).json();
    assert_eq!(last["data"].as_array().map(Vec::len), Some(1), "{last}");
    assert_ne!(last["data"][0]["id"], first["data"][0]["id"]);
    assert!(last["next"].is_null(), "{last}");
    let whole = get(&s, "/api/v1/facts?kecamatan=33.13.11&limit=2").json();
    assert!(whole["next"].is_null(), "{whole}");
}
