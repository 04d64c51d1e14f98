//! The committed OpenAPI document must be the one the code generates.

#[test]
fn committed_openapi_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = api::openapi_json() + "\n";
    assert!(
        committed == generated,
        "openapi/openapi.json differs from the code: run `cargo run -- openapi -o openapi/openapi.json` and commit it"
    );
}

#[test]
fn every_documented_operation_has_a_summary_and_responses() {
    let doc: serde_json::Value = serde_json::from_str(&api::openapi_json()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 15, "{} paths", paths.len());
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            assert!(op["summary"].is_string(), "{method} {path} has no summary");
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path}"
            );
        }
    }
}
