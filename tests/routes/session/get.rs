//! GET /api/v1/session: who is logged in, and the CSRF token of the dashboard's forms.

use testkit::{on_both_backends, Backend};

use crate::util::{get, get_with, reviewer, session_of, start};

on_both_backends!(
    a_first_visit_gets_a_csrf_cookie_and_its_token,
    a_session_answers_with_its_account_and_token,
);

fn a_first_visit_gets_a_csrf_cookie_and_its_token(backend: Backend) {
    let s = start(backend);
    let first = get(&s, "/api/v1/session");
    assert_eq!(first.json()["authenticated"], false);
    let csrf_cookie = first.cookie_line("kinerja_csrf");
    assert!(
        csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Strict"),
        "{csrf_cookie}"
    );
    let csrf = first.json()["csrf_token"].as_str().unwrap().to_owned();
    assert_eq!(first.cookie("kinerja_csrf").as_deref(), Some(csrf.as_str()));
    insta::assert_json_snapshot!("anonymous", first.json(), {
        ".csrf_token" => "[csrf token]"
    });
}

fn a_session_answers_with_its_account_and_token(backend: Backend) {
    let s = start(backend);
    reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let (cookie, token) = session_of(&s, "bappeda@karanganyar.go.id");
    let again = get_with(&s, "/api/v1/session", &[("cookie", &cookie)]).json();
    assert_eq!(again["csrf_token"], token.as_str());
    assert_eq!(again["account"]["email"], "bappeda@karanganyar.go.id");
    insta::assert_json_snapshot!("logged_in", again, {
        ".csrf_token" => "[csrf token]"
    });
}
