//! Across the routes: ETags and 304, the response cache, and the data version that ends it.

use testkit::{on_both_backends, Backend};

use crate::util::{
    get, get_with, kecamatan_of_first_sample, load_elsewhere, post, revised_sample, start,
    ADMIN_TOKEN,
};

on_both_backends!(
    etags_turn_repeats_into_304,
    answers_are_cached_until_an_upload_changes_the_data,
    a_load_by_another_process_is_noticed_within_a_second,
);

fn etags_turn_repeats_into_304(backend: Backend) {
    let s = start(backend);
    let first = get(&s, "/api/v1/kecamatan/35.20.15");
    let etag = first.etag.clone().expect("an ETag");
    let again = get_with(
        &s,
        "/api/v1/kecamatan/35.20.15",
        &[("if-none-match", &etag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let other = get_with(
        &s,
        "/api/v1/kecamatan/35.02.08",
        &[("if-none-match", &etag)],
    );
    assert_eq!(other.status, 200);
}

fn answers_are_cached_until_an_upload_changes_the_data(backend: Backend) {
    let s = start(backend);
    let code = kecamatan_of_first_sample(&s);
    let url = format!("/api/v1/facts?kecamatan={code}");
    let first = get(&s, &url);
    assert_eq!(first.status, 200);
    let second = get(&s, &url);
    assert_eq!(
        second.cache.as_deref(),
        Some("hit"),
        "the repeat is served from the cache"
    );
    assert_eq!(second.body, first.body);
    assert_eq!(second.etag, first.etag);
    let etag = first.etag.clone().unwrap();
    let not_modified = get_with(&s, &url, &[("if-none-match", &etag)]);
    assert_eq!(not_modified.status, 304);
    let fresh = get_with(&s, &url, &[("cache-control", "no-cache")]);
    assert_eq!(
        fresh.cache.as_deref(),
        Some("miss"),
        "no-cache asks the handler"
    );
    assert_eq!(fresh.body, first.body);
    let uploaded = post(
        &s,
        "/api/v1/reports?file_name=revised.txt",
        Some(ADMIN_TOKEN),
        &revised_sample(),
    );
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let after = get_with(&s, &url, &[("if-none-match", &etag)]);
    assert_eq!(after.status, 200, "the old ETag is stale at once");
    assert_ne!(after.etag, first.etag);
    assert_ne!(
        after.body, first.body,
        "the figures now cite the new report"
    );
    assert!(after.body.contains("revised.txt"), "{}", after.body);
}

fn a_load_by_another_process_is_noticed_within_a_second(backend: Backend) {
    let s = start(backend);
    let url = "/api/v1/reports?include_superseded=true";
    let before = get(&s, url);
    assert_eq!(get(&s, url).cache.as_deref(), Some("hit"));
    // As `kinerja ingest` would, through its own connection.
    load_elsewhere(&s);
    std::thread::sleep(std::time::Duration::from_millis(1300));
    let after = get(&s, url);
    assert_ne!(after.etag, before.etag);
    assert!(after.body.contains("elsewhere.txt"), "{}", after.body);
}
