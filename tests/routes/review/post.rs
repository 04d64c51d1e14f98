//! POST /api/v1/facts/{id}/review: reviewers correct, confirm or withhold the figures of their
//! region, with an API token or with a dashboard session and its CSRF token.

use testkit::{on_both_backends, Backend};

use crate::util::{
    assert_problem, get, jaten_akip, post_json, queue, ranked_realisasi, review, reviewer,
    session_of, start,
};

on_both_backends!(
    reviewers_correct_figures_of_their_region_only,
    reviews_with_a_session_need_its_csrf_token,
);

/// A reviewer of Karanganyar corrects a figure: the API, the rankings and the change log show
/// the corrected value, the extracted one is kept; a reviewer of Magetan may not touch it.
fn reviewers_correct_figures_of_their_region_only(backend: Backend) {
    let s = start(backend);
    let karanganyar = reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let magetan = reviewer(&s, "bappeda@magetan.go.id", Some("35.20"));
    let fact = jaten_akip(&s);
    let id = fact["id"].as_i64().unwrap();
    let extracted = fact["realisasi"].as_str().unwrap().to_owned();
    assert_eq!(fact["status"], "extracted", "{fact}");
    assert_eq!(ranked_realisasi(&s).as_deref(), Some(extracted.as_str()));

    let correction = serde_json::json!({
        "action": "correct", "realisasi": "99.99",
        "note": "<script>alert(1)</script> per the signed LKjIP, page 12",
    });
    let anonymous = assert_problem(&review(&s, id, None, &correction), 401, None);
    insta::assert_json_snapshot!("problem_no_token", anonymous);
    assert_problem(&review(&s, id, Some("not-a-token"), &correction), 401, None);
    let forbidden = assert_problem(&review(&s, id, Some(&magetan), &correction), 403, None);
    assert!(
        forbidden["detail"].as_str().unwrap().contains("33.13.11"),
        "{forbidden}"
    );
    insta::assert_json_snapshot!("problem_other_region", forbidden);
    let no_note = serde_json::json!({"action": "correct", "realisasi": "99.99"});
    let no_note = assert_problem(
        &review(&s, id, Some(&karanganyar), &no_note),
        400,
        Some("body"),
    );
    insta::assert_json_snapshot!("problem_no_note", no_note);
    let bad_value =
        serde_json::json!({"action": "correct", "realisasi": "99,99 persen", "note": "x"});
    assert_problem(
        &review(&s, id, Some(&karanganyar), &bad_value),
        400,
        Some("realisasi"),
    );
    let bad_action = serde_json::json!({"action": "approve"});
    assert_problem(
        &review(&s, id, Some(&karanganyar), &bad_action),
        400,
        Some("action"),
    );
    assert_problem(
        &review(&s, 99_999_999, Some(&karanganyar), &correction),
        404,
        None,
    );

    let done = review(&s, id, Some(&karanganyar), &correction);
    assert_eq!(done.status, 200, "{}", done.body);
    let after = jaten_akip(&s);
    assert_eq!(after["status"], "corrected", "{after}");
    assert_eq!(after["realisasi"], "99.99", "{after}");
    assert_eq!(
        after["review"]["extracted"]["realisasi"],
        extracted.as_str(),
        "{after}"
    );
    assert_eq!(after["review"]["reviewer_role"], "reviewer");
    assert_eq!(after["review"]["reviewer_region"], "33.13");
    assert_eq!(
        after["review"]["note"], "<script>alert(1)</script> per the signed LKjIP, page 12",
        "the note is kept as text"
    );
    assert!(
        !after.to_string().contains("karanganyar.go.id"),
        "no reviewer email is published"
    );
    insta::assert_json_snapshot!("corrected_figure", after, {
        ".review.reviewed_at" => "[reviewed_at]"
    });
    assert_eq!(
        ranked_realisasi(&s).as_deref(),
        Some("99.99"),
        "the rankings use it"
    );
    let changes = get(&s, &format!("/api/v1/changes?fact={id}")).json();
    assert!(
        changes["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["cause"] == "review"
                && c["field"] == "realisasi"
                && c["old_value"] == extracted.as_str()
                && c["new_value"] == "99.99"),
        "{changes}"
    );

    // The queue of each reviewer holds its own region's figures only.
    let mine = queue(&s, &karanganyar);
    let rows = mine["data"].as_array().unwrap();
    assert!(!rows.is_empty(), "{mine}");
    assert!(
        rows.iter()
            .all(|r| r["kecamatan_code"].as_str().unwrap().starts_with("33.13.")),
        "{mine}"
    );
    assert!(
        rows.iter().all(|r| r["fact_id"] != id),
        "a reviewed figure leaves the queue"
    );
    let theirs = queue(&s, &magetan);
    assert!(
        theirs["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kecamatan_code"].as_str().unwrap().starts_with("35.20.")),
        "{theirs}"
    );
    assert_problem(&get(&s, "/api/v1/review/queue"), 401, None);

    // Withheld: not published, not ranked; the audit log has every action.
    let withhold = serde_json::json!({"action": "withhold", "note": "under dispute"});
    assert_eq!(review(&s, id, Some(&karanganyar), &withhold).status, 200);
    let withheld = jaten_akip(&s);
    assert_eq!(
        (withheld["status"].as_str(), withheld["realisasi"].is_null()),
        (Some("withheld"), true),
        "{withheld}"
    );
    assert_eq!(
        ranked_realisasi(&s),
        None,
        "a withheld figure is not ranked"
    );
    let mut conn = s.db.open();
    let audited: i64 = {
        use diesel::prelude::*;
        warehouse::schema::audit_log::table
            .filter(warehouse::schema::audit_log::subject.eq(format!("fact:{id}")))
            .count()
            .get_result(&mut conn)
            .unwrap()
    };
    assert_eq!(audited, 2);
    let tampered = {
        use diesel::prelude::*;
        diesel::delete(warehouse::schema::audit_log::table).execute(&mut conn)
    };
    assert!(tampered.is_err(), "the audit log is append-only");
}

/// Reviews with the dashboard's session cookie: each needs the session's CSRF token (not the
/// one of the login form), and another kabupaten's figure stays forbidden.
fn reviews_with_a_session_need_its_csrf_token(backend: Backend) {
    let s = start(backend);
    reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let (login_csrf, (cookie, token)) = {
        let first = get(&s, "/api/v1/session").json();
        let csrf = first["csrf_token"].as_str().unwrap().to_owned();
        (csrf, session_of(&s, "bappeda@karanganyar.go.id"))
    };

    // The queue, a correction with and without its token.
    let queue = crate::util::get_with(&s, "/api/v1/review/queue", &[("cookie", &cookie)]);
    assert_eq!(queue.status, 200, "{}", queue.body);
    let id = jaten_akip(&s)["id"].as_i64().unwrap();
    let path = format!("/api/v1/facts/{id}/review");
    let correction =
        serde_json::json!({"action": "correct", "realisasi": "99.99", "note": "LKjIP hal. 12"});
    let forged = post_json(&s, &path, &[("cookie", &cookie)], &correction);
    let forged = assert_problem(&forged, 403, None);
    assert_eq!(forged["type"], "/problems/csrf");
    insta::assert_json_snapshot!("problem_csrf", forged);
    let with_login_token = post_json(
        &s,
        &path,
        &[("cookie", &cookie), ("x-csrf-token", &login_csrf)],
        &correction,
    );
    assert_problem(&with_login_token, 403, None);
    assert_eq!(
        jaten_akip(&s)["status"],
        "extracted",
        "nothing changed without the token"
    );
    let done = post_json(
        &s,
        &path,
        &[("cookie", &cookie), ("x-csrf-token", &token)],
        &correction,
    );
    assert_eq!(done.status, 200, "{}", done.body);
    let page = get(&s, "/api/v1/kecamatan/33.13.11/indicators?tahun=2023").json();
    let shown = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["fact_id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("figure {id} on the kecamatan page: {page}"));
    assert_eq!(shown["status"], "corrected", "{shown}");
    assert_eq!(
        shown["realisasi"], "99.99",
        "the kecamatan page publishes the correction"
    );

    // Another kabupaten's figure: 403 even with a good session.
    let facts = get(&s, "/api/v1/facts?limit=500").json();
    let elsewhere = facts["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            !f["kecamatan_code"]
                .as_str()
                .unwrap_or("33.13.")
                .starts_with("33.13.")
        })
        .and_then(|f| f["id"].as_i64())
        .unwrap_or_else(|| panic!("a figure outside Karanganyar: {facts}"));
    let other = post_json(
        &s,
        &format!("/api/v1/facts/{elsewhere}/review"),
        &[("cookie", &cookie), ("x-csrf-token", &token)],
        &serde_json::json!({"action": "confirm"}),
    );
    assert_eq!(
        assert_problem(&other, 403, None)["type"],
        "/problems/forbidden"
    );
}
