//! The kecamatan's budget of the report year: the total (pagu, realisasi, serapan) and its
//! programs with their kegiatan and sub-kegiatan.
//!
//! Programs are found by their code (`7.01.01`) or their name (`Program …`) in any table with a
//! pagu column. The table that gives the most programs with a realisasi — BAB III first — is the
//! main one; a program row whose realisasi contradicts its own printed percentage (last year's
//! figure copied) is corrected from another row that reproduces the percentage, with a flag. A
//! plan table (PK) with pagu only is completed from BAB III rows of the same pagu.

use model::extract::{Budget, BudgetItem, Issue, Severity};
use model::{Exact, Level, Year};

use crate::columns::{columns_of, Columns, Role};
use crate::indicators::{clean_label, percent_mismatch};
use crate::number::{parse_cell, CellNumber};
use crate::pattern::{group, Pattern};
use crate::rows::{logical_rows, row_values};
use crate::sections::Sections;
use crate::table::{is_row_number, Row, Table};

static CODE: Pattern = Pattern::new(r"^\s*([0-9X]{1,2}(?:\.[0-9X]{1,4}){1,6})\.?\s*(.*)$");
/// `Program …`, `I. Program …`, `3) Program …`.
static PROGRAM_NAME: Pattern =
    Pattern::new(r"(?i)^\s*(?:(?:[ivx]{1,4}|\d{1,2}|[a-z])\s*[.)]\s*)?program\b");
static TOTAL_LABEL: Pattern = Pattern::new(
    r"(?i)^\s*(jumlah|total|belanja\s*$|belanja daerah|belanja langsung dan|unsur\b|kecamatan\b|opd\b|skpd\b)",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(CODE.compiles() && TOTAL_LABEL.compiles() && PROGRAM_NAME.compiles());
        assert!(PROGRAM_NAME.is_match("III. Program Pemberdayaan"));
        assert!(!PROGRAM_NAME.is_match("Programmer"));
    }
}

#[derive(Clone, Debug)]
struct Line {
    level: Option<Level>,
    kode: Option<String>,
    name: String,
    pagu: Option<Exact>,
    realisasi: Option<Exact>,
    serapan: Option<Exact>,
    previous_realisasi: Vec<Exact>,
    lines: Vec<u32>,
    damaged: Vec<u32>,
    total: bool,
}

struct BudgetTable {
    /// Lines of cells that looked like figures but could not be read exactly.
    damaged: Vec<u32>,
    in_bab3: bool,
    lines: Vec<Line>,
}

fn is_budget_table(cols: &Columns) -> bool {
    cols.columns.iter().any(|c| c.role == Role::Pagu && !c.weak)
        || (cols.has(Role::Pagu) && cols.has(Role::Realisasi))
}

/// Permendagri 90/2019 codes: `7.01.01` program, `7.01.01.2.01` kegiatan,
/// `7.01.01.2.01.0001` sub-kegiatan (four-digit last part). Typing slips (`7.01..05.2.01.0008`,
/// `7.01.03.2.02.03`) still show the level by the length of the last part.
fn level_of_code(code: &str) -> Option<Level> {
    let parts: Vec<&str> = code.split('.').filter(|p| !p.is_empty()).collect();
    let last = parts.last()?;
    match parts.len() {
        3 => Some(Level::Program),
        n if n >= 5 && last.len() >= 4 => Some(Level::SubKegiatan),
        n if n >= 4 => Some(Level::Kegiatan),
        _ => None,
    }
}

/// The budget line's name: the name column's text, continued over the following text cells when
/// a PDF converter broke one name into several columns (`Program | Penyelenggaraan | 147.186.000`).
fn name_of_row(row: &Row, cols: &Columns) -> String {
    let has_letters = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let start = cols
        .find(Role::Uraian)
        .into_iter()
        .chain(cols.find(Role::Goal))
        .find(|i| has_letters(row.text(*i)))
        .or_else(|| {
            row.cells
                .iter()
                .position(|c| has_letters(&c.text) && !is_row_number(&c.text))
        });
    let Some(start) = start else {
        return String::new();
    };
    let mut parts = Vec::new();
    for cell in row.cells.iter().skip(start) {
        let t = cell.text.trim();
        if t.is_empty() || !matches!(parse_cell(t), CellNumber::NotNumber) || !has_letters(t) {
            break;
        }
        parts.push(t);
    }
    parts.join(" ")
}

fn read_line(row: &Row, cols: &Columns, year: u16, program_column: bool) -> Option<Line> {
    let mut kode = cols
        .find(Role::Kode)
        .into_iter()
        .map(|i| row.text(i).trim().to_string())
        .find(|t| !t.is_empty());
    let mut name = name_of_row(row, cols);
    // a name printed after its code (`7.01.01 PROGRAM PENUNJANG …`): at least three code parts
    if let Some(c) = CODE.captures(&name) {
        let code = group(&c, 1);
        if !group(&c, 2).is_empty() && code.split('.').count() >= 3 {
            kode = kode.or_else(|| Some(code.to_string()));
            name = group(&c, 2).to_string();
        }
    }
    let name = clean_label(name.trim_start_matches(['-', '•', ' ']));
    let (values, damaged) = row_values(row, cols);
    let current = |y: Option<u16>| y.is_none() || y == Some(year);
    let pagu_value = values
        .iter()
        .find(|v| v.role == Role::Pagu && current(v.year));
    let pagu_col = pagu_value.map_or(0, |v| v.col);
    // realisasi and percentage stand right of their pagu
    let pick = |role: Role| {
        values
            .iter()
            .find(|v| v.role == role && current(v.year) && v.col > pagu_col)
            .or_else(|| values.iter().find(|v| v.role == role && current(v.year)))
            .map(|v| v.value)
    };
    let previous_realisasi = values
        .iter()
        .filter(|v| v.role == Role::Realisasi && v.year.is_some_and(|y| y < year))
        .map(|v| v.value)
        .collect();
    let kode = kode.filter(|k| {
        k.contains('.')
            && k.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'X')
    });
    let lower = name.to_lowercase();
    let level = match kode.as_deref().and_then(level_of_code) {
        Some(l) => Some(l),
        None if PROGRAM_NAME.is_match(&lower) || program_column => Some(Level::Program),
        None => None,
    };
    Some(Line {
        level,
        kode,
        total: TOTAL_LABEL.is_match(&name) && level.is_none(),
        name,
        pagu: pagu_value.map(|v| v.value),
        realisasi: pick(Role::Realisasi),
        serapan: pick(Role::Capaian),
        previous_realisasi,
        damaged,
        lines: row.lines(),
    })
}

fn budget_tables(tables: &[Table], year: u16, sections: &Sections) -> Vec<BudgetTable> {
    let mut out = Vec::new();
    for t in tables.iter().filter(|t| sections.in_main(t.first_line)) {
        let cols = columns_of(t);
        if !is_budget_table(&cols) {
            continue;
        }
        let pagu_years: Vec<Option<u16>> = cols
            .find(Role::Pagu)
            .into_iter()
            .map(|i| cols.year(i))
            .collect();
        if !pagu_years.iter().any(|y| y.is_none() || *y == Some(year)) {
            continue;
        }
        // a column headed only `Program` (beside `Kegiatan`) names programs without the word
        let program_column = cols
            .columns
            .iter()
            .any(|c| c.role == Role::Uraian && is_program_only_header(&c.header))
            && cols
                .columns
                .iter()
                .filter(|c| c.role == Role::Uraian)
                .count()
                == 1;
        let rows = logical_rows(t, &cols);
        // rows named `Program …` make the others kegiatan even under a `Program` header
        let named_programs = rows
            .iter()
            .any(|r| r.cells.iter().any(|c| PROGRAM_NAME.is_match(&c.text)));
        let lines: Vec<Line> = rows
            .iter()
            .filter_map(|r| read_line(r, &cols, year, program_column && !named_programs))
            .filter(|l| l.pagu.is_some() || l.level.is_some())
            .collect();
        let damaged = lines
            .iter()
            .flat_map(|l| l.damaged.iter().copied())
            .collect();
        out.push(BudgetTable {
            damaged,
            in_bab3: sections.in_bab3(t.first_line),
            lines,
        });
    }
    out
}

/// A name column headed `Program` alone (not `Program/Kegiatan`, not `Sasaran/Program`).
fn is_program_only_header(header: &str) -> bool {
    header.contains("program")
        && !["kegiatan", "sasaran", "tujuan", "uraian", "indikator"]
            .iter()
            .any(|w| header.contains(w))
}

fn consistent(l: &Line) -> Option<bool> {
    let (p, r, s) = (l.pagu?, l.realisasi?, l.serapan?);
    let c = Exact::percent_of(r, p, 6)?;
    Some(percent_mismatch(s, c).is_none())
}

fn item_of(l: &Line, level: Level) -> BudgetItem {
    BudgetItem {
        level,
        kode: l.kode.clone(),
        name: l.name.clone(),
        pagu: l.pagu,
        realisasi: l.realisasi,
        serapan_reported: l.serapan,
        lines: l.lines.clone(),
        flags: Vec::new(),
    }
}

fn program_score(t: &BudgetTable) -> (i64, i64, bool) {
    let programs: Vec<&Line> = t
        .lines
        .iter()
        .filter(|l| l.level == Some(Level::Program))
        .collect();
    let complete = programs
        .iter()
        .filter(|l| l.pagu.is_some() && l.realisasi.is_some())
        .count() as i64;
    let priced = programs.iter().filter(|l| l.pagu.is_some()).count() as i64;
    let unpriced = programs.len() as i64 - priced;
    (complete * 2 - unpriced, priced, t.in_bab3)
}

pub fn extract_budget(
    tables: &[Table],
    year: Year,
    sections: &Sections,
) -> (Option<Budget>, Vec<Issue>) {
    let y = year.get();
    let tables = budget_tables(tables, y, sections);
    let mut issues = Vec::new();
    let primary = tables
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.lines
                .iter()
                .any(|l| l.level == Some(Level::Program) && l.pagu.is_some())
        })
        .max_by_key(|(i, t)| (program_score(t), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut items: Vec<BudgetItem> = Vec::new();
    if let Some(p) = primary.and_then(|i| tables.get(i)) {
        let mut in_program = false;
        for (k, l) in p.lines.iter().enumerate() {
            let level = match l.level {
                Some(Level::Program) => {
                    in_program = true;
                    Level::Program
                }
                Some(other) => other,
                None if in_program && l.pagu.is_some() && !l.total => Level::Kegiatan,
                None => continue,
            };
            if l.pagu.is_none() {
                continue;
            }
            let mut item = item_of(l, level);
            if level != Level::Program && consistent(l) == Some(false) {
                item.flags.push("serapan_mismatch".into());
                issues.push(Issue {
                    code: "serapan_mismatch".into(),
                    severity: Severity::Warning,
                    message: format!(
                        "{}: printed {}%, but {} / {} gives {}%",
                        l.name,
                        l.serapan.map(|s| s.to_string()).unwrap_or_default(),
                        l.realisasi.map(|s| s.to_string()).unwrap_or_default(),
                        l.pagu.map(|s| s.to_string()).unwrap_or_default(),
                        match (l.realisasi, l.pagu) {
                            (Some(r), Some(p)) => Exact::percent_of(r, p, 2)
                                .map(|c| c.to_string())
                                .unwrap_or_default(),
                            _ => String::new(),
                        }
                    ),
                    lines: l.lines.clone(),
                });
            }
            if level == Level::Program {
                correct_program(
                    &mut item,
                    l,
                    p.lines.get(k + 1..).unwrap_or(&[]),
                    &tables,
                    &mut issues,
                );
            }
            items.push(item);
        }
        if !p
            .lines
            .iter()
            .any(|l| l.level == Some(Level::Program) && l.realisasi.is_some())
        {
            complete_from_bab3(&mut items, &tables, &mut issues);
        }
    }
    let program_pagu: Option<rust_decimal::Decimal> = {
        let ps: Vec<_> = items
            .iter()
            .filter(|i| i.level == Level::Program)
            .filter_map(|i| i.pagu)
            .collect();
        (!ps.is_empty()).then(|| ps.iter().map(|p| p.value()).sum())
    };
    let total = choose_total(&tables, program_pagu);
    if total.is_none() && items.is_empty() {
        return (None, issues);
    }
    let mut budget = Budget {
        tahun: Some(year),
        pagu: None,
        realisasi: None,
        serapan_reported: None,
        serapan_computed: None,
        lines: Vec::new(),
        items,
    };
    if let Some(t) = total {
        budget.pagu = t.pagu;
        budget.realisasi = t.realisasi;
        budget.serapan_reported = t.serapan;
        budget.lines = t.lines.clone();
        budget.serapan_computed = match (t.realisasi, t.pagu) {
            (Some(r), Some(p)) => Exact::percent_of(r, p, 2),
            _ => None,
        };
        if let (Some(s), Some(r), Some(p)) = (t.serapan, t.realisasi, t.pagu) {
            if let Some(sev) = Exact::percent_of(r, p, 6).and_then(|c| percent_mismatch(s, c)) {
                issues.push(Issue {
                    code: "serapan_mismatch".into(),
                    severity: sev,
                    message: format!(
                        "budget total: printed serapan {s}, computed {}",
                        budget
                            .serapan_computed
                            .map(|c| c.to_string())
                            .unwrap_or_default()
                    ),
                    lines: t.lines.clone(),
                });
            }
        }
    }
    check_sums(&budget, &mut issues);
    check_children(&budget.items, &mut issues);
    let mut damaged: Vec<u32> = tables
        .iter()
        .flat_map(|t| t.damaged.iter().copied())
        .collect();
    if !damaged.is_empty() {
        damaged.sort_unstable();
        damaged.dedup();
        issues.push(Issue {
            code: "unparsed_number".into(),
            severity: Severity::Warning,
            message: format!(
                "{} figure(s) in budget tables could not be read exactly (damaged digit groups)",
                damaged.len()
            ),
            lines: damaged,
        });
    }
    (Some(budget), issues)
}

/// A program row whose realisasi contradicts its own printed percentage: another row of the same
/// pagu (its only kegiatan, or the program in another table) that reproduces the percentage wins.
fn correct_program(
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
    let copied = line
        .realisasi
        .is_some_and(|r| line.previous_realisasi.contains(&r))
        || tables.iter().flat_map(|t| t.lines.iter()).any(|t| {
            t.pagu != line.pagu
                && line
                    .realisasi
                    .is_some_and(|r| t.previous_realisasi.contains(&r))
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
        code: code.into(),
        severity: Severity::Warning,
        message: format!(
            "{}: realisasi {old} does not give the printed {}%; {} (which does) is kept",
            line.name,
            line.serapan.map(|s| s.to_string()).unwrap_or_default(),
            o.realisasi.map(|r| r.to_string()).unwrap_or_default()
        ),
        lines,
    });
}

/// Programs from a plan table (pagu only): the realisasi comes from a BAB III budget row with the
/// same pagu (a program with one kegiatan prints the same figures for both).
fn complete_from_bab3(items: &mut [BudgetItem], tables: &[BudgetTable], issues: &mut Vec<Issue>) {
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

fn choose_total(
    tables: &[BudgetTable],
    program_pagu: Option<rust_decimal::Decimal>,
) -> Option<&Line> {
    let candidates: Vec<&Line> = tables
        .iter()
        .flat_map(|t| t.lines.iter().map(move |l| (t, l)))
        .filter(|(_, l)| l.total && l.pagu.is_some())
        .map(|(_, l)| l)
        .collect();
    let in_bab3: Vec<&Line> = tables
        .iter()
        .filter(|t| t.in_bab3)
        .flat_map(|t| t.lines.iter())
        .filter(|l| l.total && l.pagu.is_some() && l.realisasi.is_some())
        .collect();
    if let Some(sum) = program_pagu {
        if let Some(l) = in_bab3
            .iter()
            .chain(candidates.iter())
            .find(|l| l.pagu.map(|p| p.value()) == Some(sum) && l.realisasi.is_some())
        {
            return Some(l);
        }
    }
    in_bab3
        .into_iter()
        .max_by_key(|l| l.pagu.map(|p| p.value()).unwrap_or_default())
}

fn check_sums(budget: &Budget, issues: &mut Vec<Issue>) {
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

fn rank(level: Level) -> u8 {
    match level {
        Level::Program => 1,
        Level::Kegiatan => 2,
        Level::SubKegiatan => 3,
        _ => 0,
    }
}

/// A program's kegiatan (a kegiatan's sub-kegiatan) should add up to it; reports print subtotals
/// that do not.
fn check_children(items: &[BudgetItem], issues: &mut Vec<Issue>) {
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
