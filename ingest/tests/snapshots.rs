//! The whole extract of each sample report, reviewed by eye and kept as an insta snapshot: any
//! change to the output shows up as a diff to review.
#![allow(clippy::unwrap_used)]

mod common;

#[test]
fn extract_snapshots() {
    for (file, bytes) in common::REPORTS {
        let e = ingest::extract(file, bytes);
        let name = file.trim_end_matches(".txt");
        // the parser version changes with every release; the figures must not
        let mut value = serde_json::to_value(&e).unwrap();
        value["source"]["parser_version"] = serde_json::json!("[version]");
        insta::assert_json_snapshot!(name, value);
    }
}
