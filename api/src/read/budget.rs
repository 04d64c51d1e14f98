//! Budgets of a kecamatan's reports: totals, programme lines and the absorption recomputed.

use diesel::prelude::*;
use model::Exact;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::{budget_line, report};
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
        #[allow(clippy::type_complexity)]
        let head: (
            Option<i32>,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            String,
            (Option<String>, String),
        ) = report::table
            .find(report_id)
            .select((
                report::budget_tahun,
                report::budget_pagu,
                report::budget_realisasi,
                report::budget_serapan_reported,
                report::budget_serapan_computed,
                report::budget_lines,
                (report::budget_confidence, report::budget_confidence_reasons),
            ))
            .first(conn)?;
        #[allow(clippy::type_complexity)]
        let items: Vec<(
            String,
            Option<String>,
            String,
            Option<Exact>,
            Option<Exact>,
            Option<Exact>,
            String,
            String,
            (Option<String>, String),
        )> = budget_line::table
            .filter(budget_line::report_id.eq(report_id))
            .order(budget_line::position)
            .select((
                budget_line::level,
                budget_line::kode,
                budget_line::name,
                budget_line::pagu,
                budget_line::realisasi,
                budget_line::serapan_reported,
                budget_line::flags,
                budget_line::lines,
                (budget_line::confidence, budget_line::confidence_reasons),
            ))
            .load(conn)?;
        if head.1.is_none() && head.2.is_none() && items.is_empty() {
            continue;
        }
        out.push(Budget {
            report_id,
            tahun: head.0.unwrap_or(report_tahun),
            pagu: head.1,
            realisasi: head.2,
            serapan_reported: head.3,
            serapan_computed: head.4,
            confidence: confidence_text(head.6 .0),
            confidence_reasons: parse_strings(&head.6 .1),
            source: r.provenance(parse_lines(&head.5)),
            items: items
                .into_iter()
                .map(|i| BudgetItem {
                    serapan_computed: serapan(i.4, i.3),
                    level: i.0,
                    kode: i.1,
                    name: i.2,
                    pagu: i.3,
                    realisasi: i.4,
                    serapan_reported: i.5,
                    flags: parse_strings(&i.6),
                    confidence: confidence_text(i.8 .0),
                    confidence_reasons: parse_strings(&i.8 .1),
                    source: r.provenance(parse_lines(&i.7)),
                })
                .collect(),
        });
    }
    Ok(out)
}
