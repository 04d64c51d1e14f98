//! The kecamatan's budget of the report year: the total (pagu, realisasi, serapan) and its
//! programs with their kegiatan and sub-kegiatan.
//!
//! Programs are found by their code (`7.01.01`) or their name (`Program …`) in any table with a
//! pagu column. The table that gives the most programs with a realisasi — BAB III first — is the
//! main one; a program row whose realisasi contradicts its own printed percentage (last year's
//! figure copied) is corrected from another row that reproduces the percentage, with a flag. A
//! plan table (PK) with pagu only is completed from BAB III rows of the same pagu.

mod checks;
mod narrative;
mod read;

use model::extract::{Budget, BudgetItem, BudgetSource, Issue, Severity};
use model::{Exact, Level, Year};

use crate::columns::ClassifiedTable;
use crate::percent::percent_mismatch;
use crate::sections::Sections;
use checks::{check_children, check_sums, complete_from_bab3, consistent, correct_program};
use read::{budget_tables, BudgetTable, Line};

fn item_of(l: &Line, level: Level) -> BudgetItem {
    BudgetItem {
        page: None,
        level,
        kode: l.kode.clone(),
        name: l.name.clone(),
        pagu: l.pagu,
        realisasi: l.realisasi,
        serapan_reported: l.serapan,
        source: Some(l.source),
        lines: l.lines.clone(),
        flags: [
            (l.realigned, "columns_realigned"),
            (l.repaired, "ocr_repaired"),
            // a plan table's pagu may predate the budget revision (APBD-P) the realisation
            // tables report against
            (
                l.source == BudgetSource::PerjanjianKinerja,
                "pagu_from_perjanjian_kinerja",
            ),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, f)| (*f).to_string())
        .collect(),
        confidence: Default::default(),
        confidence_reasons: Vec::new(),
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

/// The table that gives the programs: the most programs with pagu and realisasi, then the most
/// programs with a pagu, then BAB III, then the first.
fn primary_table(tables: &[BudgetTable]) -> Option<&BudgetTable> {
    tables
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.lines
                .iter()
                .any(|l| l.level == Some(Level::Program) && l.pagu.is_some())
        })
        .max_by_key(|(i, t)| (program_score(t), std::cmp::Reverse(*i)))
        .map(|(_, t)| t)
}

/// The primary table's programs with their kegiatan and sub-kegiatan, checked and corrected.
fn budget_items(
    p: &BudgetTable,
    tables: &[BudgetTable],
    issues: &mut Vec<Issue>,
) -> Vec<BudgetItem> {
    let mut items = Vec::new();
    let mut in_program = false;
    for (k, l) in p.lines.iter().enumerate() {
        let level = match l.level {
            Some(Level::Program) => {
                in_program = true;
                Level::Program
            }
            Some(other) => other,
            // an uncoded row under a program is one of its kegiatan
            None if in_program && l.pagu.is_some() && !l.total => Level::Kegiatan,
            None => continue,
        };
        if l.pagu.is_none() {
            continue;
        }
        let mut item = item_of(l, level);
        if level == Level::Program {
            let following = p.lines.get(k + 1..).unwrap_or(&[]);
            correct_program(&mut item, l, following, tables, issues);
        } else if consistent(l) == Some(false) {
            item.flags.push("serapan_mismatch".into());
            issues.push(serapan_issue(l));
        }
        items.push(item);
    }
    let has_realisasi = p
        .lines
        .iter()
        .any(|l| l.level == Some(Level::Program) && l.realisasi.is_some());
    if !has_realisasi {
        complete_from_bab3(&mut items, tables, issues);
    }
    items
}

fn serapan_issue(l: &Line) -> Issue {
    let show = |v: Option<Exact>| v.map(|v| v.to_string()).unwrap_or_default();
    let computed = match (l.realisasi, l.pagu) {
        (Some(r), Some(p)) => Exact::percent_of(r, p, 2),
        _ => None,
    };
    Issue {
        page: None,
        code: "serapan_mismatch".into(),
        severity: Severity::Warning,
        message: format!(
            "{}: printed {}%, but {} / {} gives {}%",
            l.name,
            show(l.serapan),
            show(l.realisasi),
            show(l.pagu),
            show(computed)
        ),
        lines: l.lines.clone(),
    }
}

/// The budget with its total taken from `total` (a table's Jumlah/Total row).
fn budget_with_total(
    year: Year,
    items: Vec<BudgetItem>,
    total: Option<&Line>,
    issues: &mut Vec<Issue>,
) -> Budget {
    let mut budget = Budget {
        page: None,
        tahun: Some(year),
        pagu: None,
        realisasi: None,
        serapan_reported: None,
        serapan_computed: None,
        source: None,
        lines: Vec::new(),
        items,
        confidence: Default::default(),
        confidence_reasons: Vec::new(),
    };
    let Some(t) = total else { return budget };
    budget.source = Some(t.source);
    budget.pagu = t.pagu;
    budget.realisasi = t.realisasi;
    budget.serapan_reported = t.serapan;
    budget.lines = t.lines.clone();
    if let (Some(r), Some(p)) = (t.realisasi, t.pagu) {
        budget.serapan_computed = Exact::percent_of(r, p, 2);
        let exact = Exact::percent_of(r, p, 6);
        if let Some((s, sev)) = t
            .serapan
            .zip(exact)
            .and_then(|(s, c)| Some((s, percent_mismatch(s, c)?)))
        {
            issues.push(Issue {
                page: None,
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
    budget
}

/// The Jumlah row of a plan table (pagu only) whose programs add up to it.
fn plan_total(p: &BudgetTable, program_pagu: Option<rust_decimal::Decimal>) -> Option<&Line> {
    p.lines.iter().find(|l| {
        l.total
            && l.source == BudgetSource::PerjanjianKinerja
            && l.pagu.is_some()
            && l.pagu.map(|v| v.value()) == program_pagu
    })
}

/// The programs' table prints its own Jumlah row: its programs should add up to it.
fn own_total_issue(p: &BudgetTable, items: &[BudgetItem]) -> Option<Issue> {
    let total = p.lines.iter().find(|l| l.total && l.pagu.is_some())?;
    let printed = total.pagu?;
    let programs: Vec<&BudgetItem> = items.iter().filter(|i| i.level == Level::Program).collect();
    if programs.iter().any(|i| i.pagu.is_none()) {
        return None;
    }
    let sum: rust_decimal::Decimal = programs
        .iter()
        .filter_map(|i| i.pagu)
        .map(|v| v.value())
        .sum();
    if sum == printed.value() {
        return None;
    }
    let mut lines = total.lines.clone();
    lines.extend(programs.iter().flat_map(|i| i.lines.iter().copied()));
    lines.sort_unstable();
    lines.dedup();
    Some(Issue {
        page: None,
        code: "total_mismatch".into(),
        severity: Severity::Warning,
        message: format!(
            "the programs' pagu sum to {}, their table's {} row prints {printed}",
            sum.normalize(),
            total.name
        ),
        lines,
    })
}

fn shifted_issue(tables: &[BudgetTable]) -> Option<Issue> {
    let mut shifted: Vec<u32> = tables
        .iter()
        .flat_map(|t| t.shifted.iter().copied())
        .collect();
    if shifted.is_empty() {
        return None;
    }
    shifted.sort_unstable();
    shifted.dedup();
    Some(Issue {
        code: "shifted_columns".into(),
        severity: Severity::Warning,
        message: "rows of budget tables whose cells do not line up with the header (a cell lost or split by the converter) were left out: their figures could be in the wrong columns".into(),
        lines: shifted,
        page: None,
    })
}

fn damaged_issue(tables: &[BudgetTable]) -> Option<Issue> {
    let mut damaged: Vec<u32> = tables
        .iter()
        .flat_map(|t| t.damaged.iter().copied())
        .collect();
    if damaged.is_empty() {
        return None;
    }
    damaged.sort_unstable();
    damaged.dedup();
    Some(Issue {
        page: None,
        code: "unparsed_number".into(),
        severity: Severity::Warning,
        message: format!(
            "{} figure(s) in budget tables could not be read exactly (damaged digit groups)",
            damaged.len()
        ),
        lines: damaged,
    })
}

pub fn extract_budget(
    lines: &[String],
    tables: &[ClassifiedTable<'_>],
    year: Year,
    sections: &Sections,
) -> (Option<Budget>, Vec<Issue>) {
    let tables = budget_tables(tables, year.get(), sections);
    let mut issues = Vec::new();
    let primary = primary_table(&tables);
    let items = primary
        .map(|p| budget_items(p, &tables, &mut issues))
        .unwrap_or_default();
    issues.extend(primary.and_then(|p| own_total_issue(p, &items)));
    let programs: Vec<Exact> = items
        .iter()
        .filter(|i| i.level == Level::Program)
        .filter_map(|i| i.pagu)
        .collect();
    let program_pagu = (!programs.is_empty()).then(|| programs.iter().map(|p| p.value()).sum());
    let narrative;
    let mut total = choose_total(&tables, program_pagu);
    if total.is_none() {
        narrative = narrative::total_in_text(lines, sections);
        if let Some((n, others)) = &narrative {
            issues.push(Issue {
                page: None,
                code: "total_from_narrative".into(),
                severity: Severity::Info,
                message: "no budget table prints a total; the total is read from a sentence whose percentage its amounts reproduce"
                    .into(),
                lines: n.lines.clone(),
            });
            for o in others {
                let show = |v: Option<Exact>| v.map(|v| v.to_string()).unwrap_or_default();
                let mut lines = n.lines.clone();
                lines.extend(&o.lines);
                issues.push(Issue {
                    code: "conflicting_values".into(),
                    severity: Severity::Warning,
                    message: format!(
                        "budget total: pagu/realisasi {}/{} (kept) printed elsewhere as {}/{}",
                        show(n.pagu),
                        show(n.realisasi),
                        show(o.pagu),
                        show(o.realisasi)
                    ),
                    lines,
                    page: None,
                });
            }
        }
        total = narrative.as_ref().map(|(n, _)| n);
    }
    // a plan table's own Jumlah row gives the pagu alone: its realisasi stays unknown
    if total.is_none() {
        total = primary.and_then(|p| plan_total(p, program_pagu));
    }
    if total.is_none() && items.is_empty() {
        return (None, issues);
    }
    let budget = budget_with_total(year, items, total, &mut issues);
    check_sums(&budget, &mut issues);
    check_children(&budget.items, &mut issues);
    issues.extend(checks::other_printings(&budget.items, &tables));
    issues.extend(damaged_issue(&tables));
    issues.extend(shifted_issue(&tables));
    (Some(budget), issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::classify;
    use crate::table_reader::find_tables;

    fn lines(s: &str) -> Vec<String> {
        s.split('\n').map(String::from).collect()
    }

    /// A report whose only budget table is the Perjanjian Kinerja's ANGGARAN column, and whose
    /// totals are printed in a closing sentence.
    #[test]
    fn programmes_from_the_pk_and_totals_from_prose() {
        let text = lines(
            "PERJANJIAN KINERJA TAHUN 2024\n\nNo\tProgram\tAnggaran\tKeterangan\n1.\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\tRp. **1.500.000.000**,-\tAPBD\n2.\tProgram Penyelenggaraan Pemerintahan dan Pelayanan Publik\tRp. 500.000.000,-\tAPBD\n\tJumlah\tRp. 2.000.000.000,-\t\n\nBAB IV PENUTUP\nPagu anggaran Kecamatan tahun 2024 sebesar **Rp. 2.000.000.000,-** (dua milyar rupiah), terealisasi sebesar Rp. 1.900.000.000,- (satu milyar sembilan ratus juta rupiah) atau 95%.",
        );
        let sections = Sections {
            main_end: text.len(),
            bab3: (0, text.len()),
            officials: Vec::new(),
        };
        let year = Year::new(2024).unwrap_or_else(|e| panic!("{e}"));
        let tables = find_tables(&text);
        let classified: Vec<_> = tables.iter().map(classify).collect();
        let (budget, issues) = extract_budget(&text, &classified, year, &sections);
        let b = budget.unwrap_or_else(|| panic!("no budget"));
        assert_eq!(b.source, Some(BudgetSource::Narrative));
        assert_eq!(b.pagu.map(|v| v.to_string()).as_deref(), Some("2000000000"));
        assert_eq!(
            b.realisasi.map(|v| v.to_string()).as_deref(),
            Some("1900000000")
        );
        assert!(issues.iter().any(|i| i.code == "total_from_narrative"));
        let programs: Vec<&BudgetItem> = b
            .items
            .iter()
            .filter(|i| i.level == Level::Program)
            .collect();
        assert_eq!(programs.len(), 2);
        for p in programs {
            assert_eq!(p.source, Some(BudgetSource::PerjanjianKinerja));
            assert_eq!(p.realisasi, None, "the missing half is never invented");
            assert!(p.flags.iter().any(|f| f == "pagu_from_perjanjian_kinerja"));
        }
    }

    /// Without a sentence, the PK's Jumlah row gives the pagu alone: no realisasi, no serapan.
    #[test]
    fn a_plan_total_stays_pagu_only() {
        let text = lines(
            "No\tProgram\tAnggaran\n1.\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\t1.500.000.000\n2.\tProgram Penyelenggaraan Pemerintahan dan Pelayanan Publik\t500.000.000\n\tJumlah\t2.000.000.000",
        );
        let sections = Sections {
            main_end: text.len(),
            bab3: (0, text.len()),
            officials: Vec::new(),
        };
        let year = Year::new(2024).unwrap_or_else(|e| panic!("{e}"));
        let tables = find_tables(&text);
        let classified: Vec<_> = tables.iter().map(classify).collect();
        let (budget, _) = extract_budget(&text, &classified, year, &sections);
        let b = budget.unwrap_or_else(|| panic!("no budget"));
        assert_eq!(b.pagu.map(|v| v.to_string()).as_deref(), Some("2000000000"));
        assert_eq!((b.realisasi, b.serapan_computed), (None, None));
        assert_eq!(b.source, Some(BudgetSource::PerjanjianKinerja));
    }
}
