//! One group of observations of the same indicator → the indicator of the report year, its
//! history and the issues: the kept row's printed capaian against the recomputed one, the other
//! rows' disagreeing figures, a realisasi copied from the previous year.

use model::extract::{HistoryEntry, Indicator, Issue, Severity};
use model::{Exact, Year};
use rust_decimal::Decimal;

use super::observe::{Observation, Past};
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

fn issue(code: &str, severity: Severity, message: String, lines: Vec<u32>) -> Issue {
    Issue {
        page: None,
        code: code.into(),
        severity,
        message,
        lines,
    }
}

/// `g` is ordered: its first observation is the one kept.
pub(super) fn resolve_group(g: &[Observation], year: Year) -> Option<Resolved> {
    let main = g.first()?;
    let concept = concept_of(&main.name);
    let direction = concept.map_or_else(|| direction_of(&main.name), |c| c.direction);
    let mut flags = Vec::new();
    let mut issues = Vec::new();
    let computed = match (main.target, main.realisasi) {
        (Some(t), Some(r)) => direction.capaian(t, r, 6),
        _ => None,
    };
    if let (Some(p), Some(c)) = (main.capaian, computed) {
        if let Some(sev) = percent_mismatch(p, c) {
            flags.push("capaian_mismatch".to_string());
            let message = format!(
                "{}: printed capaian {p}, computed {}",
                main.name,
                c.round_dp(2)
            );
            issues.push(issue("capaian_mismatch", sev, message, main.lines.clone()));
        }
    }
    if let Some(label) = main.year_label {
        flags.push("year_label_mismatch".to_string());
        let message = format!(
            "{}: the table header says {label} over the {year} figures",
            main.name
        );
        issues.push(issue(
            "year_label_mismatch",
            Severity::Warning,
            message,
            main.lines.clone(),
        ));
    }
    if main.realigned {
        flags.push("columns_realigned".to_string());
    }
    if main.repaired {
        flags.push("ocr_repaired".to_string());
    }
    issues.extend(conflicts(main, g.get(1..).unwrap_or(&[])));
    let years = merged_years(g);
    if let Some(copied) = copied_from_previous_year(main, &years, year) {
        flags.push("copied_from_previous_year".to_string());
        issues.push(copied);
    }
    let canonical = concept.map(|c| c.key.clone());
    let history = years
        .iter()
        .filter_map(|h| {
            Some(HistoryEntry {
                page: None,
                canonical: canonical.clone(),
                name: main.name.clone(),
                tahun: Year::new(i64::from(h.year)).ok()?,
                target: h.target,
                realisasi: h.realisasi,
                capaian_reported: h.capaian,
                lines: h.lines.clone(),
                confidence: Default::default(),
                confidence_reasons: Vec::new(),
            })
        })
        .collect();
    let indicator = Indicator {
        page: None,
        level: main.level,
        name: main.name.clone(),
        canonical,
        unit: concept
            .map(|c| c.unit.clone())
            .or_else(|| main.unit.clone()),
        direction,
        tahun: year,
        target: main.target,
        realisasi: main.realisasi,
        capaian_reported: main.capaian,
        capaian_computed: computed.map(|c| c.round_dp(2)),
        lines: main.lines.clone(),
        flags,
        confidence: Default::default(),
        confidence_reasons: Vec::new(),
    };
    Some(Resolved {
        indicator,
        history,
        issues,
    })
}

/// The other rows of the group that print different figures (the kept row's are listed first).
fn conflicts(main: &Observation, others: &[Observation]) -> Vec<Issue> {
    others
        .iter()
        .filter(|o| {
            differs(main.target, o.target)
                || differs(main.realisasi, o.realisasi)
                || differs(main.capaian, o.capaian)
        })
        .map(|o| {
            let mut lines = main.lines.clone();
            lines.extend(&o.lines);
            let message = format!(
                "{}: target/realisasi/capaian {}/{}/{} (kept) vs {}/{}/{}",
                main.name,
                show(main.target),
                show(main.realisasi),
                show(main.capaian),
                show(o.target),
                show(o.realisasi),
                show(o.capaian)
            );
            issue("conflicting_values", Severity::Warning, message, lines)
        })
        .collect()
}

/// Earlier years: the kept row's, completed from the group's other rows (a comparison table
/// prints the years the results table leaves out).
fn merged_years(g: &[Observation]) -> Vec<Past> {
    let mut years: Vec<Past> = Vec::new();
    for h in g.iter().flat_map(|o| o.history.iter()) {
        if !years.iter().any(|k| k.year == h.year) {
            years.push(h.clone());
        }
    }
    years.sort_by_key(|h| h.year);
    years
}

/// The previous year's realisasi printed again as this year's (an evaluation score of year N-1
/// reused, or a copied column). 0 and 100 repeat legitimately (every village improved two years
/// running), so they are not flagged.
fn copied_from_previous_year(main: &Observation, years: &[Past], year: Year) -> Option<Issue> {
    let realisasi = main.realisasi?;
    if realisasi.value().is_zero() || realisasi.value() == Decimal::ONE_HUNDRED {
        return None;
    }
    let previous = year.get().checked_sub(1)?;
    let past = years
        .iter()
        .find(|h| h.year == previous && h.realisasi == Some(realisasi))?;
    let mut lines = main.lines.clone();
    lines.extend(&past.lines);
    lines.sort_unstable();
    lines.dedup();
    let message = format!(
        "{}: the realisasi {realisasi} equals the {previous} realisasi",
        main.name
    );
    Some(issue(
        "copied_from_previous_year",
        Severity::Warning,
        message,
        lines,
    ))
}
