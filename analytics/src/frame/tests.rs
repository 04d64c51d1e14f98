//! Which fact represents a kecamatan's concept when the report names it more than once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::collect::i64s;
use crate::test_frames::{frame, F};

#[test]
fn the_first_fact_with_a_value_represents_the_concept() {
    let facts = [
        // a1 names ikm twice, both with a value: the first (in report order) wins.
        F::new(1, "a1", "P1A", "ikm").value(80.0),
        F::new(2, "a1", "P1A", "ikm").value(99.0),
        // a2's first ikm has no value (a PK table with targets only): the valued one wins.
        F::new(3, "a2", "P1A", "ikm"),
        F::new(4, "a2", "P1A", "ikm").value(85.0),
        // a3 never has a value: its first fact is kept, to be shown unranked.
        F::new(5, "a3", "P1A", "ikm"),
        F::new(6, "a3", "P1A", "ikm"),
        // Another concept of a1 is not affected.
        F::new(7, "a1", "P1A", "idm").value(0.7),
    ];
    let kept = one_fact_per_concept(frame(&facts))
        .unwrap()
        .sort([FACT_ID], Default::default())
        .collect()
        .unwrap();
    let ids: Vec<i64> = i64s(&kept, FACT_ID)
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(ids, [1, 4, 5, 7]);
}

#[test]
fn text_codes_sort_as_their_texts() {
    let texts = [
        "35.20.03", "35.20.03", "11.01.01", "35.20.01", "11.01.01", "35.20.03",
    ];
    let (distinct, codes) = coded(texts.iter().copied());
    assert_eq!(distinct, ["11.01.01", "35.20.01", "35.20.03"]);
    assert_eq!(codes, [2, 2, 0, 1, 0, 2]);
    for (text, code) in texts.iter().zip(&codes) {
        assert_eq!(&distinct[*code as usize], text);
    }
}
