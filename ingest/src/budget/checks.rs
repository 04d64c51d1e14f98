//! Cross-checks of the budget: a line's printed percentage against its figures, a program's
//! realisasi against other tables, children against their parent, programs against the total.

use model::extract::{Budget, BudgetItem, Issue, Severity};
use model::{Exact, Level};

use super::read::{BudgetTable, Line};
use crate::percent::percent_mismatch;

pub(super) fn consistent(l: &Line) -> Option<bool> {
    let (p, r, s) = (l.pagu?, l.realisasi?, l.serapan?);
    let c = Exact::percent_of(r, p, 6)?;
    Some(percent_mismatch(s, c).is_none())
}

/// A program row whose realisasi contradicts its own printed percentage: another row of the same
/// pagu (its only kegiatan, or the program in another table) that reproduces the percentage wins.
pub(super) fn correct_program(
    item: &mut BudgetItem,
    line: &Line,
    following: &[Line],
    tables: &[BudgetTable],
    issues: &mut Vec<Issue>,
) {
    if consistent(line) != Some(false) {
        return;
    }
    let kegiatan = following
        .iter()
        .take_while(|l| l.level != Some(Level::Program));
    let others = tables.iter().flat_map(|t| t.lines.iter());
    let replacement = kegiatan.chain(others).find(|o| {
        o.pagu == line.pagu
            && o.serapan == line.serapan
            && o.realisasi != line.realisasi
            && consistent(o) == Some(true)
    });
    let Some(o) = replacement else {
        item.flags.push("serapan_mismatch".into());
        return;
    };
    let old = line.realisasi.map(|r| r.to_string()).unwrap_or_default();
    // the contradicted figure is the previous year's realisasi of the same line (printed beside
    // it, or in a multi-year table of the same pagu)
    let copied = line.realisasi.is_some_and(|r| {
        line.previous_realisasi.contains(&r)
            || tables
                .iter()
                .flat_map(|t| t.lines.iter())
                .any(|t| t.pagu == line.pagu && t.previous_realisasi.contains(&r))
    });
    item.realisasi = o.realisasi;
    let code = if copied {
        "copied_from_previous_year"
    } else {
        "conflicting_values"
    };
    item.flags.push(code.into());
    let mut lines = line.lines.clone();
    lines.extend(&o.lines);
    lines.sort_unstable();
    lines.dedup();
    item.lines = lines.clone();
    issues.push(Issue {
        page: None,
        code: code.into(),
        severity: Severity::Warning,
        message: format!(
            "{}: realisasi {old}{} does not give the printed {}%; {} (which does) is kept",
            line.name,
            if copied { " (the previous year's)" } else { "" },
            line.serapan.map(|s| s.to_string()).unwrap_or_default(),
            o.realisasi.map(|r| r.to_string()).unwrap_or_default()
        ),
        lines,
    });
}

/// Programs from a plan table (pagu only): the realisasi comes from a BAB III budget row with the
/// same pagu (a program with one kegiatan prints the same figures for both).
pub(super) fn complete_from_bab3(
    items: &mut [BudgetItem],
    tables: &[BudgetTable],
    issues: &mut Vec<Issue>,
) {
    for item in items
        .iter_mut()
        .filter(|i| i.level == Level::Program && i.realisasi.is_none())
    {
        let Some(pagu) = item.pagu else { continue };
        if pagu.value().is_zero() {
            continue;
        }
        let matches: Vec<&Line> = tables
            .iter()
            .filter(|t| t.in_bab3)
            .flat_map(|t| t.lines.iter())
            .filter(|l| l.pagu == Some(pagu) && l.realisasi.is_some() && !l.total)
            .collect();
        let Some(first) = matches.first() else {
            continue;
        };
        item.realisasi = first.realisasi;
        item.serapan_reported = first.serapan;
        item.flags.push("realisasi_from_matching_row".into());
        item.lines.extend(&first.lines);
        item.lines.sort_unstable();
        item.lines.dedup();
        if let Some(other) = matches.iter().find(|m| m.realisasi != first.realisasi) {
            let mut lines = first.lines.clone();
            lines.extend(&other.lines);
            issues.push(Issue {
                page: None,
                code: "conflicting_values".into(),
                severity: Severity::Warning,
                message: format!(
                    "{}: realisasi {} vs {}",
                    item.name,
                    first.realisasi.map(|r| r.to_string()).unwrap_or_default(),
                    other.realisasi.map(|r| r.to_string()).unwrap_or_default()
                ),
                lines,
            });
        }
    }
}

pub(super) fn check_sums(budget: &Budget, issues: &mut Vec<Issue>) {
    let programs: Vec<&BudgetItem> = budget
        .items
        .iter()
        .filter(|i| i.level == Level::Program)
        .collect();
    if programs.is_empty() {
        return;
    }
    for (what, total, get) in [
        (
            "pagu",
            budget.pagu,
            (|i: &BudgetItem| i.pagu) as fn(&BudgetItem) -> Option<Exact>,
        ),
        ("realisasi", budget.realisasi, |i: &BudgetItem| i.realisasi),
    ] {
        let Some(total) = total else { continue };
        if programs.iter().any(|p| get(p).is_none()) {
            continue;
        }
        let sum: rust_decimal::Decimal = programs
            .iter()
            .filter_map(|p| get(p))
            .map(|v| v.value())
            .sum();
        if sum != total.value() {
            let mut lines = budget.lines.clone();
            lines.extend(programs.iter().flat_map(|p| p.lines.iter().copied()));
            lines.sort_unstable();
            lines.dedup();
            issues.push(Issue {
                page: None,
                code: "total_mismatch".into(),
                severity: Severity::Warning,
                message: format!(
                    "programs' {what} sum to {}, the printed total is {total}",
                    sum.normalize()
                ),
                lines,
            });
        }
    }
}

pub(super) fn rank(level: Level) -> u8 {
    match level {
        Level::Program => 1,
        Level::Kegiatan => 2,
        Level::SubKegiatan => 3,
        _ => 0,
    }
}

/// A program's kegiatan (a kegiatan's sub-kegiatan) should add up to it; reports print subtotals
/// that do not.
pub(super) fn check_children(items: &[BudgetItem], issues: &mut Vec<Issue>) {
    for (k, parent) in items.iter().enumerate() {
        let r = rank(parent.level);
        if r == 0 {
            continue;
        }
        let children: Vec<&BudgetItem> = items
            .get(k + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|c| rank(c.level) > r)
            .filter(|c| rank(c.level) == r + 1)
            .collect();
        if children.is_empty() {
            continue;
        }
        for (what, get) in [
            (
                "pagu",
                (|i: &BudgetItem| i.pagu) as fn(&BudgetItem) -> Option<Exact>,
            ),
            ("realisasi", |i: &BudgetItem| i.realisasi),
        ] {
            let Some(total) = get(parent) else { continue };
            if children.iter().any(|c| get(c).is_none()) {
                continue;
            }
            let sum: rust_decimal::Decimal = children
                .iter()
                .filter_map(|c| get(c))
                .map(|v| v.value())
                .sum();
            if sum != total.value() {
                let mut lines = parent.lines.clone();
                lines.extend(children.iter().flat_map(|c| c.lines.iter().copied()));
                lines.sort_unstable();
                lines.dedup();
                issues.push(Issue {
                    page: None,
                    code: "total_mismatch".into(),
                    severity: Severity::Info,
                    message: format!(
                        "{}: its {} {what} sum to {}, printed {total}",
                        parent.name,
                        if r == 1 { "kegiatan" } else { "sub-kegiatan" },
                        sum.normalize()
                    ),
                    lines,
                });
            }
        }
    }
}

/// A program's name without numbering and the word `Program`, for matching across tables.
fn program_key(name: &str) -> String {
    let key = crate::taxonomy::words_key(name);
    let words: Vec<&str> = key
        .split_whitespace()
        .skip_while(|w| {
            w.len() <= 4
                && (w.chars().all(|c| c.is_ascii_digit()) || w.chars().all(|c| "ivx".contains(c)))
        })
        .collect();
    let words = match words.split_first() {
        Some((first, rest)) if *first == "program" => rest.to_vec(),
        _ => words,
    };
    words.join(" ")
}

/// The same program printed with other figures in another table (a plan table in BAB I/II, a
/// summary): the main table's figures are kept, the others listed.
pub(super) fn other_printings(items: &[BudgetItem], tables: &[BudgetTable]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for item in items.iter().filter(|i| i.level == Level::Program) {
        let key = program_key(&item.name);
        let same = |l: &Line| match (&item.kode, &l.kode) {
            (Some(a), Some(b)) => a == b,
            _ => !key.is_empty() && program_key(&l.name) == key,
        };
        let differing = tables
            .iter()
            .flat_map(|t| t.lines.iter())
            .filter(|l| {
                l.level == Some(Level::Program) && !l.lines.iter().any(|n| item.lines.contains(n))
            })
            .filter(|l| same(l))
            .filter(|l| differs(l.pagu, item.pagu) || differs(l.realisasi, item.realisasi));
        for l in differing {
            let show = |v: Option<Exact>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
            let mut lines = item.lines.clone();
            lines.extend(&l.lines);
            lines.sort_unstable();
            lines.dedup();
            issues.push(Issue {
                page: None,
                code: "conflicting_values".into(),
                severity: Severity::Info,
                message: format!(
                    "{}: pagu/realisasi {}/{} (kept) printed elsewhere as {}/{}",
                    item.name,
                    show(item.pagu),
                    show(item.realisasi),
                    show(l.pagu),
                    show(l.realisasi)
                ),
                lines,
            });
        }
    }
    issues
}

fn differs(a: Option<Exact>, b: Option<Exact>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x.value() != y.value())
}
