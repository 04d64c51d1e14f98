//! Across the routes: client mistakes are RFC 9457 problems naming what was wrong, never a 500.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, request, start};

on_both_backends!(
    client_mistakes_are_problems_never_500,
    unknown_parameters_and_region_codes_are_named,
    the_bad_year_problem_matches_the_reviewed_snapshot,
    every_kind_of_problem_matches_its_snapshot,
);

fn client_mistakes_are_problems_never_500(backend: Backend) {
    let s = start(backend);
    assert_problem(&get(&s, "/api/v1/facts?tahun=20x3"), 400, Some("tahun"));
    assert_problem(&get(&s, "/api/v1/facts?limit=0"), 400, Some("limit"));
    assert_problem(&get(&s, "/api/v1/facts?level=bab"), 400, Some("level"));
    assert_problem(&get(&s, "/api/v1/facts?after=-1"), 400, Some("after"));
    assert_problem(&get(&s, "/api/v1/facts?format=xml"), 400, Some("format"));
    assert_problem(
        &get(&s, "/api/v1/kecamatan?kabupaten=33.1"),
        400,
        Some("kabupaten"),
    );
    assert_problem(&get(&s, "/api/v1/kecamatan/not-a-code"), 400, Some("code"));
    let missing = assert_problem(&get(&s, "/api/v1/kecamatan/33.13.99"), 404, None);
    assert!(
        !missing["suggestions"].as_array().unwrap().is_empty(),
        "{missing}"
    );
    assert_problem(&get(&s, "/api/v1/kabupaten/99.99"), 404, None);
    assert_problem(&get(&s, "/api/v1/reports/999999"), 404, None);
    assert_problem(&get(&s, "/api/v1/reports/abc"), 400, Some("id"));
    let reversed = get(&s, "/api/v1/reports/1/source?lines=9-3").json();
    assert_eq!(
        (reversed["from"].as_i64(), reversed["to"].as_i64()),
        (Some(3), Some(9))
    );
    assert_problem(
        &get(&s, "/api/v1/reports/1/source?lines=0-3"),
        400,
        Some("lines"),
    );
    let long = get(&s, "/api/v1/reports/1/source?lines=1-100000").json();
    assert_eq!(long["to"], 500, "a long range is cut to 500 lines");
    assert_problem(&get(&s, "/api/v1/no-such-thing"), 404, None);
    let delete = request(&s, "DELETE", "/api/v1/facts", &[], None);
    assert_eq!(delete.status, 405);
    assert_eq!(delete.header("allow"), Some("GET, HEAD, OPTIONS"));
}

fn unknown_parameters_and_region_codes_are_named(backend: Backend) {
    let s = start(backend);
    let year = assert_problem(&get(&s, "/api/v1/facts?year=2023"), 400, Some("year"));
    assert!(
        year["detail"]
            .as_str()
            .unwrap()
            .contains("did you mean `tahun`"),
        "{year}"
    );
    let typo = assert_problem(
        &get(&s, "/api/v1/rankings/ikm?kabupatan=33.13"),
        400,
        Some("kabupatan"),
    );
    assert!(
        typo["detail"].as_str().unwrap().contains("`kabupaten`"),
        "{typo}"
    );
    // every answer still takes `format`, documented or not
    assert_eq!(get(&s, "/api/v1/kecamatan/33.13.11?format=csv").status, 200);
    assert_problem(
        &get(&s, "/api/v1/kecamatan?after=garbage"),
        400,
        Some("after"),
    );
    for path in [
        "/api/v1/facts?kabupaten=33.99",
        "/api/v1/kecamatan?provinsi=39",
        "/api/v1/rankings/ikm?kabupaten=33.99",
        "/api/v1/scores?provinsi=39",
        "/api/v1/reports?kabupaten=33.99",
        "/api/v1/facts?kecamatan=33.13.99",
    ] {
        let problem = assert_problem(&get(&s, path), 404, None);
        assert!(
            !problem["suggestions"].as_array().unwrap().is_empty(),
            "{path}: {problem}"
        );
    }
    // a known code with no reports is an empty page, not a 404
    assert_eq!(get(&s, "/api/v1/facts?kabupaten=11.01").json()["total"], 0);
}

/// The same snapshot on both backends: SQLite and PostgreSQL must answer identically.
fn the_bad_year_problem_matches_the_reviewed_snapshot(backend: Backend) {
    let s = start(backend);
    insta::assert_json_snapshot!(
        "problem_bad_year",
        get(&s, "/api/v1/facts?tahun=20x3").json()
    );
}

/// One snapshot per kind of problem a GET can answer (those of uploads, reviews and logins are
/// beside their routes).
fn every_kind_of_problem_matches_its_snapshot(backend: Backend) {
    let s = start(backend);
    let problem = |path: &str, status: u16, parameter: Option<&str>| {
        assert_problem(&get(&s, path), status, parameter)
    };
    insta::assert_json_snapshot!(
        "unknown_parameter",
        problem("/api/v1/facts?year=2023", 400, Some("year"))
    );
    insta::assert_json_snapshot!(
        "bad_region_code",
        problem("/api/v1/kecamatan/not-a-code", 400, Some("code"))
    );
    insta::assert_json_snapshot!(
        "unknown_kecamatan",
        problem("/api/v1/kecamatan/33.13.99", 404, None)
    );
    insta::assert_json_snapshot!(
        "unknown_kabupaten_filter",
        problem("/api/v1/facts?kabupaten=33.99", 404, None)
    );
    insta::assert_json_snapshot!(
        "unknown_concept",
        problem("/api/v1/rankings/ikmm", 404, None)
    );
    insta::assert_json_snapshot!(
        "unknown_report",
        problem("/api/v1/reports/999999", 404, None)
    );
    insta::assert_json_snapshot!("unknown_route", problem("/api/v1/no-such-thing", 404, None));
    let delete = request(&s, "DELETE", "/api/v1/facts", &[], None);
    insta::assert_json_snapshot!("method_not_allowed", assert_problem(&delete, 405, None));
}
