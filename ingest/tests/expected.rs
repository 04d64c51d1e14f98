//! The hand-checked values of `tests/expected/*.json` (written by reading each report line by
//! line) against the extract, with the criteria of the project's `score-extract` tool: identity,
//! every required goal-level indicator (target and realisasi, printed capaian), no unflagged extra
//! result, budget totals (or an accepted alternative pair) and every program (pagu, and realisasi
//! where printed).
#![allow(clippy::unwrap_used)]

mod common;

use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn dec(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
}

fn same(a: &Value, b: &Value) -> bool {
    matches!((dec(a), dec(b)), (Some(x), Some(y)) if x == y)
}

fn plain(name: &Value) -> String {
    let lower = name.as_str().unwrap_or("").to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "kecamatan" | "kabupaten" | "kota" | "provinsi"))
        .collect();
    words
        .join("")
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect()
}

const EXPECTED: [(&str, &str); 4] = [
    (
        "karanganyar-jaten-2023",
        include_str!("expected/karanganyar-jaten-2023.json"),
    ),
    (
        "karanganyar-kerjo-2025",
        include_str!("expected/karanganyar-kerjo-2025.json"),
    ),
    (
        "magetan-kartoharjo-2023",
        include_str!("expected/magetan-kartoharjo-2023.json"),
    ),
    (
        "ponorogo-mlarak-2024",
        include_str!("expected/ponorogo-mlarak-2024.json"),
    ),
];

#[test]
fn extracts_match_the_hand_checked_values() {
    let mut failures = Vec::new();
    for (name, expected) in EXPECTED {
        let gt: Value = serde_json::from_str(expected).unwrap();
        let ex = serde_json::to_value(common::report(name)).unwrap();
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));

        let id = &gt["identity"];
        let provinsi = if id["provinsi"].is_null() {
            &id["provinsi_inferred"]
        } else {
            &id["provinsi"]
        };
        for (field, want) in [
            ("kecamatan", &id["kecamatan"]),
            ("kabupaten", &id["kabupaten"]),
            ("provinsi", provinsi),
        ] {
            if plain(&ex["report"][field]) != plain(want) {
                fail(format!("{field} {} != {want}", ex["report"][field]));
            }
        }
        if ex["report"]["tahun"] != id["tahun"] {
            fail(format!(
                "tahun {} != {}",
                ex["report"]["tahun"], id["tahun"]
            ));
        }

        let goal = |i: &&Value| matches!(i["level"].as_str(), Some("tujuan" | "sasaran" | "iku"));
        let found: Vec<&Value> = ex["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .filter(goal)
            .collect();
        let mut matched = Vec::new();
        let mut wanted: Vec<&Value> = gt["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .filter(goal)
            .collect();
        wanted.sort_by_key(|g| g["confidence"] == "low");
        for g in wanted {
            let hit = (0..found.len()).find(|k| {
                let e = found[*k];
                !matched.contains(k)
                    && same(&e["target"], &g["target"])
                    && same(&e["realisasi"], &g["realisasi"])
            });
            match hit {
                Some(k) => {
                    let e = found[k];
                    matched.push(k);
                    if g["confidence"] != "low"
                        && !same(&e["capaian_reported"], &g["capaian_pct_reported"])
                    {
                        fail(format!(
                            "{} capaian {} != {}",
                            g["name_raw"], e["capaian_reported"], g["capaian_pct_reported"]
                        ));
                    }
                }
                None if g["confidence"] != "low" => fail(format!(
                    "indicator {} {}/{} not found",
                    g["name_raw"], g["target"], g["realisasi"]
                )),
                None => {}
            }
        }
        for (_, e) in found
            .iter()
            .enumerate()
            .filter(|(k, _)| !matched.contains(k))
        {
            let unflagged = e["flags"].as_array().is_none_or(|f| f.is_empty());
            if unflagged && !e["realisasi"].is_null() {
                fail(format!(
                    "unflagged extra indicator {} {}/{}",
                    e["name"], e["target"], e["realisasi"]
                ));
            }
        }

        let b = &ex["budget"];
        let gb = &gt["budget"];
        let mut pairs = vec![(gb["pagu_total"].clone(), gb["realisasi_total"].clone())];
        for p in gb["accept_totals"].as_array().into_iter().flatten() {
            pairs.push((p[0].clone(), p[1].clone()));
        }
        if !pairs
            .iter()
            .any(|(p, r)| same(&b["pagu"], p) && same(&b["realisasi"], r))
        {
            fail(format!(
                "budget total {}/{} not among {pairs:?}",
                b["pagu"], b["realisasi"]
            ));
        }
        let programs: Vec<&Value> = b["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["level"] == "program")
            .collect();
        for p in gt["budget"]["programs"].as_array().unwrap() {
            let ok = programs.iter().any(|i| {
                same(&i["pagu"], &p["pagu"])
                    && (p["realisasi"].is_null() || same(&i["realisasi"], &p["realisasi"]))
            });
            if !ok {
                fail(format!(
                    "program {} {}/{} not found",
                    p["name"], p["pagu"], p["realisasi"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
