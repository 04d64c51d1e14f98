//! Standings on a hand-made frame, every expected figure worked out by hand below.
//!
//! `ikm` (higher is better), 2023, kabupaten P1A: a1 80, a2 90, a3 90 (a tie), a4 no value;
//! P1B: b1 70 (alone in its kabupaten); P2C (another province): c1 95.
//! `aduan` (complaints, lower is better): P1A a1 3, a2 5; P1B b1 1 (direction not stated).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use polars::prelude::*;

use super::*;
use crate::collect::{f64s, i32s, texts};
use crate::test_frames::{close, frame, F};

fn facts() -> Vec<F> {
    let low = Some(true);
    vec![
        F::new(1, "a1", "P1A", "ikm").value(80.0),
        F::new(2, "a2", "P1A", "ikm").value(90.0),
        F::new(3, "a3", "P1A", "ikm").value(90.0),
        F::new(4, "a4", "P1A", "ikm"),
        F::new(5, "b1", "P1B", "ikm").value(70.0),
        F::new(6, "c1", "P2C", "ikm").value(95.0),
        F::new(7, "a1", "P1A", "aduan").value(3.0).lower(low),
        F::new(8, "a2", "P1A", "aduan").value(5.0).lower(low),
        F::new(9, "b1", "P1B", "aduan").value(1.0).lower(None),
    ]
}

/// (rank, n, percentile) in the kabupaten, the province and the country.
type Standings = [(Option<i32>, Option<i32>, Option<f64>); 3];

struct Ranked(DataFrame);

impl Ranked {
    fn compute() -> Ranked {
        Ranked(indicator_ranks(frame(&facts())).unwrap().collect().unwrap())
    }

    fn row(&self, concept: &str, kec: &str) -> usize {
        let concepts = texts(&self.0, CONCEPT).unwrap();
        let kecs = texts(&self.0, KECAMATAN).unwrap();
        (0..self.0.height())
            .find(|&i| concepts[i].as_deref() == Some(concept) && kecs[i].as_deref() == Some(kec))
            .expect("a row for the kecamatan and concept")
    }

    fn standings(&self, concept: &str, kec: &str) -> Standings {
        let i = self.row(concept, kec);
        ["kabupaten", "provinsi", "nasional"].map(|area| {
            let rank = i32s(&self.0, &format!("rank_{area}")).unwrap()[i];
            let n = i32s(&self.0, &format!("n_{area}")).unwrap()[i];
            let pct = f64s(&self.0, &format!("percentile_{area}")).unwrap()[i];
            (rank, n, pct)
        })
    }

    fn f64_at(&self, column: &str, concept: &str, kec: &str) -> Option<f64> {
        f64s(&self.0, column).unwrap()[self.row(concept, kec)]
    }
}

#[track_caller]
fn assert_standings(actual: Standings, expected: Standings, who: &str) {
    for (area, (a, e)) in ["kabupaten", "provinsi", "nasional"]
        .iter()
        .zip(actual.iter().zip(expected.iter()))
    {
        assert_eq!((a.0, a.1), (e.0, e.1), "{who}: rank and n in {area}");
        close(a.2, e.2, &format!("{who}: percentile in {area}"));
    }
}

#[test]
fn higher_is_better_ranks_ties_and_percentiles() {
    let r = Ranked::compute();
    assert_eq!(r.0.height(), 9, "one row per fact, valued or not");
    // P1A: 90, 90, 80 → ranks 1, 1, 3; average ranks 1.5, 1.5, 3; percentile 100·(3−r̄)/2.
    // P1: 90, 90, 80, 70 → 1, 1, 3, 4; percentile 100·(4−r̄)/3.
    // Nation: 95, 90, 90, 80, 70 → 1, 2, 2, 4, 5; percentile 100·(5−r̄)/4.
    let tied = [
        (Some(1), Some(3), Some(75.0)),
        (Some(1), Some(4), Some(250.0 / 3.0)),
        (Some(2), Some(5), Some(62.5)),
    ];
    assert_standings(r.standings("ikm", "a2"), tied, "a2");
    assert_standings(r.standings("ikm", "a3"), tied, "a3");
    let a1 = [
        (Some(3), Some(3), Some(0.0)),
        (Some(3), Some(4), Some(100.0 / 3.0)),
        (Some(4), Some(5), Some(25.0)),
    ];
    assert_standings(r.standings("ikm", "a1"), a1, "a1");
    // A kecamatan without a value is shown, not ranked, and not counted.
    let a4 = [
        (None, Some(3), None),
        (None, Some(4), None),
        (None, Some(5), None),
    ];
    assert_standings(r.standings("ikm", "a4"), a4, "a4");
    // Alone in its kabupaten: 1 of 1 and no percentile; last in the province and the country.
    let b1 = [
        (Some(1), Some(1), None),
        (Some(4), Some(4), Some(0.0)),
        (Some(5), Some(5), Some(0.0)),
    ];
    assert_standings(r.standings("ikm", "b1"), b1, "b1");
    let c1 = [
        (Some(1), Some(1), None),
        (Some(1), Some(1), None),
        (Some(1), Some(5), Some(100.0)),
    ];
    assert_standings(r.standings("ikm", "c1"), c1, "c1");
}

#[test]
fn lower_is_better_ranks_the_other_way() {
    let r = Ranked::compute();
    // Two of the three aduan facts say lower is better, b1 says nothing: the concept is ranked
    // lower-is-better. Nation: 1 (b1), 3 (a1), 5 (a2) → ranks 1, 2, 3; percentiles 100, 50, 0.
    let lower = bools_at(&r, "aduan", "b1");
    assert_eq!(lower, Some(true));
    let a1 = [
        (Some(1), Some(2), Some(100.0)),
        (Some(2), Some(3), Some(50.0)),
        (Some(2), Some(3), Some(50.0)),
    ];
    assert_standings(r.standings("aduan", "a1"), a1, "a1");
    let a2 = [
        (Some(2), Some(2), Some(0.0)),
        (Some(3), Some(3), Some(0.0)),
        (Some(3), Some(3), Some(0.0)),
    ];
    assert_standings(r.standings("aduan", "a2"), a2, "a2");
    assert_eq!(r.standings("aduan", "b1")[2].0, Some(1));
    assert_eq!(bools_at(&r, "ikm", "a1"), Some(false));
}

fn bools_at(r: &Ranked, concept: &str, kec: &str) -> Option<bool> {
    crate::collect::bools(&r.0, CONCEPT_LOWER).unwrap()[r.row(concept, kec)]
}

#[test]
fn kabupaten_median_min_max_and_distance() {
    let r = Ranked::compute();
    // P1A ikm values 80, 90, 90 (a4 has none): median 90, min 80, max 90.
    for kec in ["a1", "a2", "a3", "a4"] {
        close(r.f64_at("kabupaten_median", "ikm", kec), Some(90.0), kec);
        close(r.f64_at("kabupaten_min", "ikm", kec), Some(80.0), kec);
        close(r.f64_at("kabupaten_max", "ikm", kec), Some(90.0), kec);
    }
    close(
        r.f64_at("distance_to_median", "ikm", "a1"),
        Some(-10.0),
        "a1",
    );
    close(r.f64_at("distance_to_median", "ikm", "a2"), Some(0.0), "a2");
    close(r.f64_at("distance_to_median", "ikm", "a4"), None, "a4");
    // An even count takes the mean of the middle two: aduan in P1A, 3 and 5 → 4.
    close(
        r.f64_at("kabupaten_median", "aduan", "a1"),
        Some(4.0),
        "aduan",
    );
    close(
        r.f64_at("distance_to_median", "aduan", "a2"),
        Some(1.0),
        "a2",
    );
    close(r.f64_at("kabupaten_median", "ikm", "b1"), Some(70.0), "b1");
    close(r.f64_at("distance_to_median", "ikm", "b1"), Some(0.0), "b1");
}

#[test]
fn each_year_is_ranked_on_its_own() {
    // 2022: a1 60 beats a2 50; 2023: a2 90 beats a1 80. Pooled, the years would mix.
    let facts = [
        F::new(1, "a1", "P1A", "ikm").value(60.0).year(2022),
        F::new(2, "a2", "P1A", "ikm").value(50.0).year(2022),
        F::new(3, "a1", "P1A", "ikm").value(80.0),
        F::new(4, "a2", "P1A", "ikm").value(90.0),
    ];
    let df = indicator_ranks(frame(&facts)).unwrap().collect().unwrap();
    let ids = crate::collect::i64s(&df, FACT_ID).unwrap();
    let ranks = i32s(&df, "rank_nasional").unwrap();
    let n = i32s(&df, "n_nasional").unwrap();
    let by_id = |id: i64| {
        let i = ids.iter().position(|x| *x == Some(id)).unwrap();
        (ranks[i], n[i])
    };
    assert_eq!(by_id(1), (Some(1), Some(2)));
    assert_eq!(by_id(2), (Some(2), Some(2)));
    assert_eq!(by_id(3), (Some(2), Some(2)));
    assert_eq!(by_id(4), (Some(1), Some(2)));
    let medians = f64s(&df, "kabupaten_median").unwrap();
    close(medians[0], Some(55.0), "2022 median, sorted first");
}
