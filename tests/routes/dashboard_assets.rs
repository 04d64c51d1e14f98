//! The dashboard's files: the app at `/` and at its views' paths, under a strict policy.

use testkit::{on_both_backends, Backend};

use crate::util::{assert_problem, get, start};

on_both_backends!(the_dashboard_is_served_with_a_strict_policy);

fn the_dashboard_is_served_with_a_strict_policy(backend: Backend) {
    let s = start(backend);
    let res = get(&s, "/");
    assert_eq!(res.status, 200);
    let csp = res.header("content-security-policy").unwrap().to_owned();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    let html = &res.body;
    assert!(html.contains("<html lang=\"id\""), "{html}");
    // A view's path (with the dots of a region code) is the app; a missing file is a 404.
    assert_eq!(get(&s, "/kecamatan/33.13.11").status, 200);
    assert_problem(&get(&s, "/missing.js"), 404, None);
}
