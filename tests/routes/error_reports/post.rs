//! POST /api/v1/error-reports: anyone reports a wrong figure; it reaches the queue of the
//! figure's kabupaten only, and each client has a budget of reports per hour.

use testkit::{on_both_backends, Backend};

use crate::util::{
    assert_problem, jaten_akip, post_json, queue, reviewer, start, ERROR_REPORT_MESSAGE,
};

on_both_backends!(public_error_reports_reach_the_queue_of_their_kabupaten);

fn public_error_reports_reach_the_queue_of_their_kabupaten(backend: Backend) {
    let s = start(backend);
    let karanganyar = reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let magetan = reviewer(&s, "bappeda@magetan.go.id", Some("35.20"));
    let id = jaten_akip(&s)["id"].as_i64().unwrap();
    let report = |body: serde_json::Value| post_json(&s, "/api/v1/error-reports", &[], &body);
    let message = ERROR_REPORT_MESSAGE;
    let short = assert_problem(
        &report(serde_json::json!({"fact_id": id, "message": "salah"})),
        400,
        Some("body"),
    );
    insta::assert_json_snapshot!("problem_message_too_short", short);
    let spam = assert_problem(
        &report(
            serde_json::json!({"fact_id": id, "message": message, "website": "http://spam.example"}),
        ),
        400,
        Some("website"),
    );
    insta::assert_json_snapshot!("problem_honeypot", spam);
    assert_problem(
        &report(serde_json::json!({"fact_id": 99_999_999, "message": message})),
        404,
        None,
    );
    let sent = report(
        serde_json::json!({"fact_id": id, "message": message, "contact": "warga@example.org"}),
    );
    assert_eq!(sent.status, 201, "{}", sent.body);
    let receipt = sent.json();
    let reference = receipt["reference"].as_str().unwrap().to_owned();
    assert_eq!(receipt["status"], "open");
    assert_eq!(receipt["page_url"], format!("/laporan/{reference}"));
    assert!(
        !sent.body.contains("warga@example.org"),
        "the receipt does not repeat the contact: {}",
        sent.body
    );
    insta::assert_json_snapshot!("receipt", receipt, {
        ".reference" => "[reference]",
        ".page_url" => "[page url]",
        ".status_url" => "[status url]",
        ".created_at" => "[created_at]",
    });

    let mine = queue(&s, &karanganyar);
    let first = &mine["data"][0];
    assert_eq!(
        first["fact_id"], id,
        "a reported figure is first in its queue: {mine}"
    );
    assert_eq!(first["error_reports"][0]["reference"], reference.as_str());
    assert_eq!(
        first["error_reports"][0]["contact"], "warga@example.org",
        "reviewers see the contact"
    );
    let theirs = queue(&s, &magetan);
    assert!(
        theirs["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["fact_id"] != id),
        "not in another kabupaten's queue: {theirs}"
    );

    // Each client has a budget of reports per hour.
    let limited = (0..12)
        .map(|_| report(serde_json::json!({"fact_id": id, "message": message})))
        .find(|r| r.status == 429)
        .unwrap_or_else(|| panic!("no 429 within 12 reports"));
    let problem = assert_problem(&limited, 429, None);
    assert_eq!(problem["type"], "/problems/rate-limited");
    assert!(limited.retry_after.is_some());
    insta::assert_json_snapshot!("problem_rate_limited", problem, {
        ".detail" => crate::util::seconds_redacted()
    });
}
