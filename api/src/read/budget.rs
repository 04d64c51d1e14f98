//! Budgets of a kecamatan's reports: totals, programme lines and the absorption recomputed.

use diesel::prelude::*;
use model::Exact;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::{budget_line, report};
use warehouse::views::budget::{BudgetLineRow, BudgetTotals};
use warehouse::DbConnection;

use crate::error::ApiError;
use crate::provenance::{parse_lines, parse_strings, Provenance};
use crate::read::figures::confidence_text;
use crate::read::kecamatan::KecamatanSummary;
use crate::read::reports::current_reports;

#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetItem {
    /// `program`, `kegiatan` or `sub_kegiatan`.
    pub level: String,
    #[schema(example = "7.01.01")]
    pub kode: Option<String>,
    pub name: String,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub serapan_reported: Option<Exact>,
    /// realisasi / pagu × 100, two decimals.
    pub serapan_computed: Option<Exact>,
    pub flags: Vec<String>,
    /// `high`, `medium` or `low` (see /methodology): a low figure is shown but not ranked,
    /// compared or averaged until confirmed.
    #[schema(example = "high")]
    pub confidence: String,
    /// The flag and issue codes that lowered the confidence; empty when high.
    pub confidence_reasons: Vec<String>,
    pub source: Provenance,
}

/// A year's budget totals with the absorption recomputed: what comparisons and trends show.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetTotal {
    pub kecamatan_code: String,
    pub tahun: i32,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    /// realisasi / pagu × 100, two decimals.
    pub serapan_computed: Option<Exact>,
    pub source: Provenance,
}

impl BudgetTotal {
    pub(crate) fn of(kecamatan_code: &str, budget: Budget) -> Self {
        BudgetTotal {
            kecamatan_code: kecamatan_code.to_owned(),
            tahun: budget.tahun,
            serapan_computed: serapan(budget.realisasi, budget.pagu),
            pagu: budget.pagu,
            realisasi: budget.realisasi,
            source: budget.source,
        }
    }
}

/// realisasi / pagu × 100, when both are known.
pub(crate) fn serapan(realisasi: Option<Exact>, pagu: Option<Exact>) -> Option<Exact> {
    Exact::percent_of(realisasi?, pagu?, 2)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Budget {
    pub report_id: i64,
    pub tahun: i32,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub serapan_reported: Option<Exact>,
    pub serapan_computed: Option<Exact>,
    /// `high`, `medium` or `low` (see /methodology): a low figure is shown but not ranked,
    /// compared or averaged until confirmed.
    #[schema(example = "high")]
    pub confidence: String,
    /// The flag and issue codes that lowered the confidence; empty when high.
    pub confidence_reasons: Vec<String>,
    pub source: Provenance,
    pub items: Vec<BudgetItem>,
}

/// The budgets of a kecamatan's current reports, newest year first.
pub(crate) fn budgets(
    conn: &mut DbConnection,
    k: &KecamatanSummary,
    tahun: Option<i32>,
) -> Result<Vec<Budget>, ApiError> {
    let code = k.code.clone();
    let mut out = Vec::new();
    for head in current_reports(conn, &code, tahun, None)? {
        let (report_id, report_tahun) = (head.id, head.tahun);
        let r = head.cite_as(k);
        let head: BudgetTotals = report::table
            .find(report_id)
            .select(BudgetTotals::as_select())
            .first(conn)?;
        let items: Vec<BudgetLineRow> = budget_line::table
            .filter(budget_line::report_id.eq(report_id))
            .order(budget_line::position)
            .select(BudgetLineRow::as_select())
            .load(conn)?;
        if head.budget_pagu.is_none() && head.budget_realisasi.is_none() && items.is_empty() {
            continue;
        }
        out.push(Budget {
            report_id,
            tahun: head.budget_tahun.unwrap_or(report_tahun),
            pagu: head.budget_pagu,
            realisasi: head.budget_realisasi,
            serapan_reported: head.budget_serapan_reported,
            serapan_computed: head.budget_serapan_computed,
            confidence: confidence_text(head.budget_confidence),
            confidence_reasons: parse_strings(&head.budget_confidence_reasons),
            source: r.provenance(parse_lines(&head.budget_lines)),
            items: items
                .into_iter()
                .map(|BudgetLineRow { item: i, .. }| BudgetItem {
                    serapan_computed: serapan(i.realisasi, i.pagu),
                    level: i.level,
                    kode: i.kode,
                    name: i.name,
                    pagu: i.pagu,
                    realisasi: i.realisasi,
                    serapan_reported: i.serapan_reported,
                    flags: parse_strings(&i.flags),
                    confidence: confidence_text(i.confidence),
                    confidence_reasons: parse_strings(&i.confidence_reasons),
                    source: r.provenance(parse_lines(&i.lines)),
                })
                .collect(),
        });
    }
    Ok(out)
}
