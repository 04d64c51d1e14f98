//! GET /healthz, /readyz, /metrics.

use testkit::{on_both_backends, Backend};

use crate::util::{get, start};

on_both_backends!(
    health_readiness_and_metrics,
    health_answers_match_the_snapshots
);

fn health_readiness_and_metrics(backend: Backend) {
    let s = start(backend);
    assert_eq!(get(&s, "/healthz").json()["status"], "ok");
    assert_eq!(get(&s, "/readyz").json()["status"], "ready");
    let metrics = get(&s, "/metrics");
    assert!(
        metrics.body.contains("kinerja_reports_current 4"),
        "{}",
        metrics.body
    );
    assert!(metrics
        .body
        .contains("kinerja_http_requests_total{class=\"2xx\"}"));
}

fn health_answers_match_the_snapshots(backend: Backend) {
    let s = start(backend);
    insta::assert_json_snapshot!("healthz", get(&s, "/healthz").json());
    insta::assert_json_snapshot!("readyz", get(&s, "/readyz").json());
}
