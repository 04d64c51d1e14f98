//! The whole extract of each sample report, reviewed by eye and kept as an insta snapshot: any
//! change to the output shows up as a diff to review.
#![allow(clippy::unwrap_used)]

mod common;

#[test]
fn extract_snapshots() {
    for (file, bytes) in common::REPORTS {
        let mut e = ingest::extract(file, bytes);
        let name = file.trim_end_matches(".txt");
        // the parser version changes with every release; the figures must not
        e.source.parser_version = "[version]".into();
        // so does the taxonomy's hash, with every edit of data/indicators.toml
        e.source.taxonomy_version = Some("[taxonomy]".into());
        insta::assert_json_snapshot!(name, e);
    }
}
