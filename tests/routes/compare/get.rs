//! GET /api/v1/compare (and the trends of one kecamatan it sits beside).

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, start};

on_both_backends!(compare_and_trends, a_comparison_matches_the_snapshot);

fn compare_and_trends(backend: Backend) {
    let s = start(backend);
    let cmp = get(&s, "/api/v1/compare?kecamatan=33.13.11,35.20.15,33.13.11").json();
    let codes: Vec<&str> = cmp["kecamatan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["33.13.11", "35.20.15"],
        "duplicates are dropped, order kept"
    );
    let ikm = cmp["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["concept"] == "ikm")
        .unwrap();
    assert_eq!(ikm["values"].as_array().unwrap().len(), 2);
    assert_eq!(ikm["values"][0]["realisasi"], "83.20");
    assert_eq!(cmp["budget"].as_array().unwrap().len(), 2);
    assert_problem(
        &get(&s, "/api/v1/compare?kecamatan=33.13.11"),
        400,
        Some("kecamatan"),
    );
    assert_problem(
        &get(&s, "/api/v1/compare?kecamatan=33.13.11,33.13.99"),
        404,
        None,
    );
    let trends = get(&s, "/api/v1/kecamatan/33.13.11/trends").json();
    let akip = trends["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["concept"] == "nilai_akip")
        .unwrap();
    let points = akip["points"].as_array().unwrap();
    let years: Vec<i64> = points
        .iter()
        .map(|p| p["tahun"].as_i64().unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
    let last = points.last().unwrap();
    assert_eq!(
        (last["tahun"].as_i64(), last["realisasi"].as_str()),
        (Some(2023), Some("68.45"))
    );
    assert_eq!(last["from_later_report"], false);
    assert_eq!(trends["budget"][0]["serapan_computed"], "91.68");
}

fn a_comparison_matches_the_snapshot(backend: Backend) {
    let s = start(backend);
    insta::assert_json_snapshot!(
        "jaten_and_kartoharjo_2023",
        get(&s, "/api/v1/compare?kecamatan=33.13.11,35.20.15&tahun=2023").json()
    );
}
