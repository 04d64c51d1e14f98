//! GET /api/v1/review/queue: the figures a reviewer of a region has to look at.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, get_with, reviewer, start};

on_both_backends!(the_queue_matches_the_snapshots);

fn the_queue_matches_the_snapshots(backend: Backend) {
    let s = start(backend);
    let karanganyar = reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let bearer = format!("Bearer {karanganyar}");
    let auth = [("authorization", bearer.as_str())];
    insta::assert_json_snapshot!(
        "queue_of_karanganyar",
        get_with(&s, "/api/v1/review/queue?limit=2", &auth).json()
    );
    insta::assert_snapshot!(
        "queue_of_karanganyar_csv",
        get_with(&s, "/api/v1/review/queue?limit=2&format=csv", &auth).body
    );
    insta::assert_json_snapshot!(
        "problem_not_logged_in",
        assert_problem(&get(&s, "/api/v1/review/queue"), 401, None)
    );
}
