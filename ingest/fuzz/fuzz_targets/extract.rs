//! `cargo +nightly fuzz run extract` (from `ingest/`): any bytes must give a document, never a
//! panic, and the document keeps the contract's invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let extracted = ingest::extract("fuzz.txt", data);
    let _ = ingest::is_unusable(&extracted);
    assert_eq!(extracted.schema, model::EXTRACT_SCHEMA);
    assert_eq!(extracted.source.sha256.len(), 64);
    assert!(serde_json::to_string(&extracted).is_ok());
});
