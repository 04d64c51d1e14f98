//! POST /api/v1/session: the dashboard's login, with the CSRF token of its cookie; ten wrong
//! passwords lock the account.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, get_with, log_in, post_json, reviewer, start, PASSWORD};

on_both_backends!(
    a_login_needs_the_csrf_token_and_sets_a_strict_session_cookie,
    ten_wrong_passwords_lock_the_account,
);

/// A reviewer logs in to the dashboard: the login form needs the CSRF token of its cookie, a
/// wrong password and an unknown email are answered alike, the session cookie is strict.
fn a_login_needs_the_csrf_token_and_sets_a_strict_session_cookie(backend: Backend) {
    let s = start(backend);
    reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let csrf = get(&s, "/api/v1/session").json()["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();

    // The login form itself needs the token of its cookie.
    let body = serde_json::json!({"email": "bappeda@karanganyar.go.id", "password": PASSWORD});
    let cookie = format!("kinerja_csrf={csrf}");
    let no_token = post_json(&s, "/api/v1/session", &[("cookie", &cookie)], &body);
    let problem = assert_problem(&no_token, 403, None);
    assert_eq!(problem["type"], "/problems/csrf", "{problem}");
    insta::assert_json_snapshot!("problem_no_csrf_token", problem);
    let no_cookie = post_json(&s, "/api/v1/session", &[("x-csrf-token", &csrf)], &body);
    assert_problem(&no_cookie, 403, None);
    let (wrong, _) = log_in(&s, "bappeda@karanganyar.go.id", "bukan kata sandinya");
    assert_problem(&wrong, 401, None);
    let (unknown, _) = log_in(&s, "nobody@example.org", PASSWORD);
    assert_eq!(
        assert_problem(&unknown, 401, None)["detail"],
        assert_problem(&wrong, 401, None)["detail"],
        "an unknown email is told apart from a wrong password by nothing"
    );
    insta::assert_json_snapshot!("problem_wrong_password", wrong.json());

    let (login, form_csrf) = log_in(&s, "BAPPEDA@karanganyar.go.id ", PASSWORD);
    assert_eq!(login.status, 200, "{}", login.body);
    let line = login.cookie_line("kinerja_session");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(line.contains(attribute), "{attribute} in {line}");
    }
    assert!(
        !line.contains("Secure"),
        "plain HTTP without a trusted proxy: {line}"
    );
    let session = login.cookie("kinerja_session").unwrap();
    let info = login.json();
    assert_eq!(info["authenticated"], true);
    assert_eq!(info["account"]["region"], "33.13");
    let token = info["csrf_token"].as_str().unwrap().to_owned();
    assert_ne!(token, form_csrf, "the token changes at login");
    assert_ne!(token, csrf);
    let cookie = format!("kinerja_session={session}");
    let again = get_with(&s, "/api/v1/session", &[("cookie", &cookie)]).json();
    assert_eq!(again["csrf_token"], token.as_str());
    assert_eq!(again["account"]["email"], "bappeda@karanganyar.go.id");
    let queue = get_with(&s, "/api/v1/review/queue", &[("cookie", &cookie)]);
    assert_eq!(queue.status, 200, "{}", queue.body);
}

/// Ten wrong passwords in a row lock the account: the right password is refused until the
/// lock ends (Retry-After), and the lock is in the audit log.
fn ten_wrong_passwords_lock_the_account(backend: Backend) {
    let s = start(backend);
    reviewer(&s, "camat@jaten.go.id", Some("33.13"));
    for attempt in 1..10 {
        let (wrong, _) = log_in(&s, "camat@jaten.go.id", "salah");
        assert_eq!(wrong.status, 401, "attempt {attempt}: {}", wrong.body);
    }
    let (tenth, _) = log_in(&s, "camat@jaten.go.id", "salah");
    let problem = assert_problem(&tenth, 429, None);
    assert_eq!(problem["type"], "/problems/locked", "{problem}");
    insta::assert_json_snapshot!("problem_locked", problem, {
        ".detail" => crate::util::seconds_redacted()
    });
    let (right, _) = log_in(&s, "camat@jaten.go.id", PASSWORD);
    assert_problem(&right, 429, None);
    let wait: u64 = right.retry_after.as_deref().unwrap_or("0").parse().unwrap();
    assert!((1..=900).contains(&wait), "Retry-After {wait}");
    assert!(right.cookie("kinerja_session").is_none());
    let mut conn = s.db.open();
    let account = warehouse::accounts::find(&mut conn, "camat@jaten.go.id")
        .unwrap()
        .unwrap();
    assert!(account.locked_until.is_some(), "{account:?}");
    // `kinerja user reset` lifts the lock.
    let hash = api::auth::hash_password(PASSWORD).unwrap();
    warehouse::accounts::reset(&mut conn, "camat@jaten.go.id", &hash).unwrap();
    let (after_reset, _) = log_in(&s, "camat@jaten.go.id", PASSWORD);
    assert_eq!(after_reset.status, 200, "{}", after_reset.body);
}
