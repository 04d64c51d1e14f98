//! The composite on a hand-made frame, expected scores worked out by hand below.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::collect::composite_rows;
use crate::rows::CompositeRow;
use crate::test_frames::{close, frame, F};

fn facts() -> Vec<F> {
    vec![
        // a1: 110, 130 → capped 120, −20 → floored 0: (110 + 120 + 0) / 3 = 76.666…
        F::new(1, "a1", "P1A", "nilai_akip").capaian(110.0),
        F::new(2, "a1", "P1A", "ikm").capaian(130.0),
        F::new(3, "a1", "P1A", "aduan")
            .capaian(-20.0)
            .lower(Some(true)),
        // Not a goal-level indicator, and a goal without capaian: neither enters.
        F::new(4, "a1", "P1A", "kegiatan_x")
            .capaian(10.0)
            .not_goal(),
        F::new(5, "a1", "P1A", "idm").value(0.7),
        // a2: (90 + 100) / 2 = 95; a3: 95 alone, a tie with a2.
        F::new(6, "a2", "P1A", "nilai_akip").capaian(90.0),
        F::new(7, "a2", "P1A", "ikm").capaian(100.0),
        F::new(8, "a3", "P1A", "ikm").capaian(95.0),
        // b1: alone in its kabupaten, 100.
        F::new(9, "b1", "P1B", "nilai_akip").capaian(100.0),
        // d1: only a program-level capaian: no composite at all.
        F::new(10, "d1", "P1B", "kegiatan_x")
            .capaian(100.0)
            .not_goal(),
    ]
}

fn rows() -> Vec<CompositeRow> {
    let df = composite_scores(frame(&facts()))
        .unwrap()
        .collect()
        .unwrap();
    composite_rows(&df, &crate::frame::KeyTexts::default()).unwrap()
}

fn of<'a>(rows: &'a [CompositeRow], kec: &str) -> &'a CompositeRow {
    rows.iter().find(|r| r.kecamatan_code == kec).unwrap()
}

#[test]
fn mean_of_capped_capaian_over_goal_concepts() {
    let rows = rows();
    let kecs: Vec<&str> = rows.iter().map(|r| r.kecamatan_code.as_str()).collect();
    assert_eq!(
        kecs,
        ["a1", "a2", "a3", "b1"],
        "d1 has no goal-level capaian"
    );
    close(Some(of(&rows, "a1").score), Some(230.0 / 3.0), "a1");
    close(Some(of(&rows, "a2").score), Some(95.0), "a2");
    close(Some(of(&rows, "a3").score), Some(95.0), "a3");
    close(Some(of(&rows, "b1").score), Some(100.0), "b1");
}

#[test]
fn coverage_names_the_concepts_that_entered() {
    let rows = rows();
    let a1 = of(&rows, "a1");
    assert_eq!(a1.n_concepts, 3);
    assert_eq!(a1.concept_keys, r#"["aduan","ikm","nilai_akip"]"#);
    assert_eq!(of(&rows, "a3").concept_keys, r#"["ikm"]"#);
    assert_eq!(of(&rows, "a3").n_concepts, 1);
}

#[test]
fn ranks_in_kabupaten_province_and_nation() {
    let rows = rows();
    // P1A: 95, 95, 76.7 → 1, 1, 3 of 3. P1B: b1 1 of 1. P1 = nation: 100, 95, 95, 76.7.
    let standing = |kec: &str| {
        let r = of(&rows, kec);
        [
            (r.rank_kabupaten, r.n_kabupaten),
            (r.rank_provinsi, r.n_provinsi),
            (r.rank_nasional, r.n_nasional),
        ]
    };
    assert_eq!(standing("a2"), [(1, 3), (2, 4), (2, 4)]);
    assert_eq!(standing("a3"), [(1, 3), (2, 4), (2, 4)]);
    assert_eq!(standing("a1"), [(3, 3), (4, 4), (4, 4)]);
    assert_eq!(standing("b1"), [(1, 1), (1, 4), (1, 4)]);
}
