//! DELETE /api/v1/session: the logout, which needs the session's CSRF token and ends the
//! session on the server.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get_with, request, reviewer, session_of, start};

on_both_backends!(a_logout_needs_the_token_and_ends_the_session);

fn a_logout_needs_the_token_and_ends_the_session(backend: Backend) {
    let s = start(backend);
    reviewer(&s, "bappeda@karanganyar.go.id", Some("33.13"));
    let (cookie, token) = session_of(&s, "bappeda@karanganyar.go.id");
    let forged_out = request(
        &s,
        "DELETE",
        "/api/v1/session",
        &[("cookie", &cookie)],
        None,
    );
    assert_problem(&forged_out, 403, None);
    let out = request(
        &s,
        "DELETE",
        "/api/v1/session",
        &[("cookie", &cookie), ("x-csrf-token", &token)],
        None,
    );
    assert_eq!(out.status, 204, "{}", out.body);
    assert!(
        out.cookie_line("kinerja_session").contains("Max-Age=0"),
        "{:?}",
        out.set_cookies
    );
    let after = get_with(&s, "/api/v1/review/queue", &[("cookie", &cookie)]);
    assert_problem(&after, 401, None);
    assert_eq!(
        get_with(&s, "/api/v1/session", &[("cookie", &cookie)]).json()["authenticated"],
        false
    );
}
