//! GET /api/v1/provinsi, /api/v1/kabupaten, /api/v1/kabupaten/{code}.

use testkit::{on_both_backends, Backend};

use crate::util::{get, start};

on_both_backends!(
    regions_are_listed_with_filters,
    region_answers_match_the_snapshots
);

fn regions_are_listed_with_filters(backend: Backend) {
    let s = start(backend);
    let provinsi = get(&s, "/api/v1/provinsi").json();
    assert_eq!(provinsi["total"], 38);
    let jatim = provinsi["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "35")
        .unwrap();
    assert_eq!(jatim["name"], "Jawa Timur");
    let kab = get(&s, "/api/v1/kabupaten?provinsi=35").json();
    assert!(kab["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["provinsi_code"] == "35"));
    let karanganyar = get(&s, "/api/v1/kabupaten/33.13").json();
    assert_eq!(karanganyar["name"], "Kabupaten Karanganyar");
    assert_eq!(karanganyar["provinsi_name"], "Jawa Tengah");
    let kecamatan = karanganyar["kecamatan"].as_array().unwrap();
    assert_eq!(
        kecamatan.len() as i64,
        karanganyar["kecamatan_count"].as_i64().unwrap()
    );
    let jaten = kecamatan.iter().find(|k| k["name"] == "Jaten").unwrap();
    assert_eq!(jaten["report_years"], serde_json::json!([2023]));
}

fn region_answers_match_the_snapshots(backend: Backend) {
    let s = start(backend);
    insta::assert_json_snapshot!("provinsi", get(&s, "/api/v1/provinsi").json());
    insta::assert_snapshot!("provinsi_csv", get(&s, "/api/v1/provinsi?format=csv").body);
    insta::assert_json_snapshot!(
        "kabupaten_of_yogyakarta",
        get(&s, "/api/v1/kabupaten?provinsi=34").json()
    );
    insta::assert_snapshot!(
        "kabupaten_of_yogyakarta_csv",
        get(&s, "/api/v1/kabupaten?provinsi=34&format=csv").body
    );
    insta::assert_json_snapshot!("karanganyar", get(&s, "/api/v1/kabupaten/33.13").json());
}
