//! A report's budget as read: its totals on `report` and its lines in `budget_line`.

use diesel::prelude::*;
use model::Exact;

use super::parts::{RegionCodes, ReportPlace};
use crate::connection::MultiBackend;
use crate::rows::NewBudgetLine;
use crate::schema::{budget_line, report};

/// The budget totals a report prints: read here, and written by the loader
/// (`crate::rows::NewReport`) and a re-extraction (`crate::reextract`) as one part.
#[derive(Insertable, AsChangeset, Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(treat_none_as_default_value = false, treat_none_as_null = true)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct BudgetTotals {
    pub budget_tahun: Option<i32>,
    pub budget_pagu: Option<Exact>,
    pub budget_realisasi: Option<Exact>,
    pub budget_serapan_reported: Option<Exact>,
    pub budget_serapan_computed: Option<Exact>,
    /// JSON array of the lines the totals were read from.
    pub budget_lines: String,
    pub budget_confidence: Option<String>,
    pub budget_confidence_reasons: String,
}

/// One line of a report's budget table (program, kegiatan or sub-kegiatan): its id and the
/// columns the loader wrote.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = budget_line)]
#[diesel(check_for_backend(MultiBackend))]
pub struct BudgetLineRow {
    pub id: i64,
    #[diesel(embed)]
    pub item: NewBudgetLine,
}

/// A budget line with its report's kecamatan and year, selected from `budget_line ⋈ report`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(check_for_backend(MultiBackend))]
pub struct BudgetLineView {
    #[diesel(embed)]
    pub line: BudgetLineRow,
    #[diesel(embed)]
    pub place: ReportPlace,
}

/// A program line with its places, selected from `budget_line ⋈ report ⋈ kecamatan ⋈
/// kabupaten`: a row of the `budget_program` view read from the lines themselves.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(check_for_backend(MultiBackend))]
pub struct ProgramLineView {
    #[diesel(embed)]
    pub line: BudgetLineRow,
    #[diesel(embed)]
    pub place: ReportPlace,
    #[diesel(embed)]
    pub codes: RegionCodes,
}
