//! Small frames written by hand for the unit tests: the facts-frame shape of
//! [`crate::frame::facts_frame`], one line per fact.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use polars::prelude::*;

use crate::frame::col_name::*;

/// One hand-written fact. The report id is the fact id (tests do not need both) and the year
/// is 2023 unless a test says otherwise.
#[derive(Clone, Copy)]
pub struct F {
    pub id: i64,
    pub kec: &'static str,
    pub kab: &'static str,
    pub prov: &'static str,
    pub concept: &'static str,
    pub goal: bool,
    pub lower: Option<bool>,
    pub value: Option<f64>,
    pub capaian: Option<f64>,
    pub tahun: i32,
}

impl F {
    pub fn new(id: i64, kec: &'static str, kab: &'static str, concept: &'static str) -> F {
        // Kabupaten codes start with their province's code, as the official codes do.
        let prov = if kab.starts_with("P2") { "P2" } else { "P1" };
        F {
            id,
            kec,
            kab,
            prov,
            concept,
            goal: true,
            lower: Some(false),
            value: None,
            capaian: None,
            tahun: 2023,
        }
    }
    pub fn year(self, tahun: i32) -> F {
        F { tahun, ..self }
    }
    pub fn value(self, v: f64) -> F {
        F {
            value: Some(v),
            ..self
        }
    }
    pub fn capaian(self, c: f64) -> F {
        F {
            capaian: Some(c),
            ..self
        }
    }
    pub fn lower(self, l: Option<bool>) -> F {
        F { lower: l, ..self }
    }
    pub fn not_goal(self) -> F {
        F {
            goal: false,
            ..self
        }
    }
}

pub fn frame(facts: &[F]) -> LazyFrame {
    let strs = |f: fn(&F) -> &'static str| facts.iter().map(f).collect::<Vec<_>>();
    df!(
        FACT_ID => facts.iter().map(|f| f.id).collect::<Vec<_>>(),
        REPORT_ID => facts.iter().map(|f| f.id).collect::<Vec<_>>(),
        KECAMATAN => strs(|f| f.kec),
        KABUPATEN => strs(|f| f.kab),
        PROVINSI => strs(|f| f.prov),
        CONCEPT => strs(|f| f.concept),
        TAHUN => facts.iter().map(|f| f.tahun).collect::<Vec<i32>>(),
        IS_GOAL => facts.iter().map(|f| f.goal).collect::<Vec<_>>(),
        LOWER => facts.iter().map(|f| f.lower).collect::<Vec<_>>(),
        VALUE => facts.iter().map(|f| f.value).collect::<Vec<_>>(),
        CAPAIAN => facts.iter().map(|f| f.capaian).collect::<Vec<_>>(),
    )
    .unwrap()
    .lazy()
}

/// Asserts two floats agree to 1e-9 (the statistics are f64), naming what is compared.
#[track_caller]
pub fn close(actual: Option<f64>, expected: Option<f64>, what: &str) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert!((a - e).abs() < 1e-9, "{what}: {a} ≠ {e}"),
        _ => assert_eq!(actual, expected, "{what}"),
    }
}
