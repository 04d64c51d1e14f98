//! One group of observations of the same indicator → the indicator of the report year, its
//! history and the issues: the kept row's printed capaian against the recomputed one, the other
//! rows' disagreeing figures, a realisasi copied from the previous year.

use model::extract::{HistoryEntry, Indicator, Issue, Severity};
use model::{Exact, Year};

use super::observe::Observation;
use crate::percent::percent_mismatch;
use crate::taxonomy::{concept_of, direction_of};

/// What one group yields.
pub(super) struct Resolved {
    pub indicator: Indicator,
    pub history: Vec<HistoryEntry>,
    pub issues: Vec<Issue>,
}

fn differs(a: Option<Exact>, b: Option<Exact>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x.value() != y.value())
}

fn show(v: Option<Exact>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

/// `g` is ordered: its first observation is the one kept.
pub(super) fn resolve_group(g: &[Observation], year: Year) -> Option<Resolved> {
    let main = g.first()?;
    let y = year.get();
    let mut issues = Vec::new();
    let mut history = Vec::new();
    let concept = concept_of(&main.name);
    let direction = concept.map_or_else(|| direction_of(&main.name), |c| c.direction);
    let mut flags = Vec::new();
    let computed_exact = match (main.target, main.realisasi) {
        (Some(t), Some(r)) => direction.capaian(t, r, 6),
        _ => None,
    };
    let capaian_computed = computed_exact.map(|c| c.round_dp(2));
    if let (Some(p), Some(c)) = (main.capaian, computed_exact) {
        if let Some(sev) = percent_mismatch(p, c) {
            flags.push("capaian_mismatch".to_string());
            issues.push(Issue {
                code: "capaian_mismatch".into(),
                severity: sev,
                message: format!(
                    "{}: printed capaian {}, computed {}",
                    main.name,
                    p,
                    c.round_dp(2)
                ),
                lines: main.lines.clone(),
            });
        }
    }
    if let Some(label) = main.year_label {
        flags.push("year_label_mismatch".to_string());
        issues.push(Issue {
            code: "year_label_mismatch".into(),
            severity: Severity::Warning,
            message: format!(
                "{}: the table header says {label} over the {y} figures",
                main.name
            ),
            lines: main.lines.clone(),
        });
    }
    for other in g.iter().skip(1) {
        if differs(main.target, other.target)
            || differs(main.realisasi, other.realisasi)
            || differs(main.capaian, other.capaian)
        {
            let mut lines = main.lines.clone();
            lines.extend(&other.lines);
            issues.push(Issue {
                code: "conflicting_values".into(),
                severity: Severity::Warning,
                message: format!(
                    "{}: target/realisasi/capaian {}/{}/{} (kept) vs {}/{}/{}",
                    main.name,
                    show(main.target),
                    show(main.realisasi),
                    show(main.capaian),
                    show(other.target),
                    show(other.realisasi),
                    show(other.capaian)
                ),
                lines,
            });
        }
    }
    // earlier years: the kept row's, completed from the group's other rows (a comparison
    // table prints the years the results table leaves out)
    let mut years = main.history.clone();
    for other in g.iter().skip(1) {
        for h in &other.history {
            if !years.iter().any(|k| k.year == h.year) {
                years.push(h.clone());
            }
        }
    }
    years.sort_by_key(|h| h.year);
    // the previous year's realisasi printed again as this year's (an evaluation score of
    // year N-1 reused, or a copied column)
    let previous = y.checked_sub(1);
    // (0 and 100 repeat legitimately: every village improved two years running)
    let round = main
        .realisasi
        .is_some_and(|r| r.value().is_zero() || r.value() == rust_decimal::Decimal::ONE_HUNDRED);
    if !round
        && years.iter().any(|h| {
            Some(h.year) == previous && h.realisasi.is_some() && h.realisasi == main.realisasi
        })
    {
        flags.push("copied_from_previous_year".to_string());
        issues.push(Issue {
            code: "copied_from_previous_year".into(),
            severity: Severity::Warning,
            message: format!("{}: the realisasi equals the previous year's", main.name),
            lines: {
                let mut l = main.lines.clone();
                l.extend(
                    years
                        .iter()
                        .filter(|h| Some(h.year) == previous)
                        .flat_map(|h| h.lines.iter().copied()),
                );
                l.sort_unstable();
                l.dedup();
                l
            },
        });
    }
    for h in &years {
        let Ok(tahun) = Year::new(i64::from(h.year)) else {
            continue;
        };
        history.push(HistoryEntry {
            canonical: concept.map(|c| c.key.clone()),
            name: main.name.clone(),
            tahun,
            target: h.target,
            realisasi: h.realisasi,
            capaian_reported: h.capaian,
            lines: h.lines.clone(),
        });
    }
    Some(Resolved {
        indicator: Indicator {
            level: main.level,
            name: main.name.clone(),
            canonical: concept.map(|c| c.key.clone()),
            unit: concept
                .map(|c| c.unit.clone())
                .or_else(|| main.unit.clone()),
            direction,
            tahun: year,
            target: main.target,
            realisasi: main.realisasi,
            capaian_reported: main.capaian,
            capaian_computed,
            lines: main.lines.clone(),
            flags,
        },
        history,
        issues,
    })
}
