//! GET /api/v1/error-reports/{reference}: the public status page of an error report shows the
//! reviewer's resolution, never the reporter's contact.

use testkit::{on_both_backends, Backend};

use crate::util::{
    assert_problem, get, jaten_akip, post_json, queue, review, reviewer, start,
    ERROR_REPORT_MESSAGE,
};

on_both_backends!(an_error_report_has_a_public_status_page);

fn an_error_report_has_a_public_status_page(backend: Backend) {
    let s = start(backend);
    let karanganyar = reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let id = jaten_akip(&s)["id"].as_i64().unwrap();
    let body = serde_json::json!({
        "fact_id": id, "message": ERROR_REPORT_MESSAGE, "contact": "warga@example.org",
    });
    let sent = post_json(&s, "/api/v1/error-reports", &[], &body);
    assert_eq!(sent.status, 201, "{}", sent.body);
    let status_url = sent.json()["status_url"].as_str().unwrap().to_owned();
    let public = get(&s, &status_url);
    assert_eq!(public.status, 200, "{}", public.body);
    assert!(
        !public.body.contains("warga@example.org"),
        "the contact is not public: {}",
        public.body
    );
    assert_eq!(public.json()["kecamatan_code"], "33.13.11");
    // The reference is random, the times are the test's; `resolved_at` is redacted once set.
    let varying = |resolved: bool| {
        let mut settings = insta::Settings::clone_current();
        for (selector, replacement) in [
            (".reference", "[reference]"),
            (".page_url", "[page url]"),
            (".status_url", "[status url]"),
            (".created_at", "[created_at]"),
        ] {
            settings.add_redaction(selector, replacement);
        }
        if resolved {
            settings.add_redaction(".resolved_at", "[resolved_at]");
        }
        settings
    };
    varying(false).bind(|| insta::assert_json_snapshot!("open", public.json()));
    assert_problem(&get(&s, "/api/v1/error-reports/LK-0000000000"), 404, None);
    assert_problem(
        &get(&s, "/api/v1/error-reports/nonsense"),
        400,
        Some("reference"),
    );

    let note = "<script>alert(1)</script> Angka sudah sesuai LKjIP yang ditandatangani";
    let confirm = review(
        &s,
        id,
        Some(&karanganyar),
        &serde_json::json!({"action": "confirm", "note": note}),
    );
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let resolved = get(&s, &status_url).json();
    assert_eq!(
        resolved["status"], "rejected",
        "the figure was right: {resolved}"
    );
    assert_eq!(
        resolved["resolution_note"], note,
        "the note is kept as text"
    );
    assert_eq!(resolved["resolved_by_region"], "33.13");
    assert!(
        queue(&s, &karanganyar)["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["fact_id"] != id),
        "resolved: out of the queue"
    );
    assert!(resolved["resolved_at"].is_string(), "{resolved}");
    varying(true).bind(|| insta::assert_json_snapshot!("resolved", resolved));
}
