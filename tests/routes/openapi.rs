//! GET /openapi.json and the Swagger UI at /docs/.

use testkit::{on_both_backends, Backend};

use crate::util::{get, start};

on_both_backends!(the_openapi_document_and_docs_are_served);

fn the_openapi_document_and_docs_are_served(backend: Backend) {
    let s = start(backend);
    let doc = get(&s, "/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["paths"]["/api/v1/facts"].is_object());
    let docs = get(&s, "/docs/");
    assert_eq!(docs.status, 200);
    assert!(
        docs.body.to_lowercase().contains("swagger"),
        "{}",
        &docs.body[..docs.body.len().min(200)]
    );
}
