//! GET /api/v1/indicators: the taxonomy's concepts.

use testkit::{on_both_backends, Backend};

use crate::util::{get, start};

on_both_backends!(the_concepts_match_the_snapshots);

fn the_concepts_match_the_snapshots(backend: Backend) {
    let s = start(backend);
    insta::assert_json_snapshot!("concepts", get(&s, "/api/v1/indicators").json());
    insta::assert_snapshot!(
        "concepts_csv",
        get(&s, "/api/v1/indicators?format=csv").body
    );
}
