//! The tables one can download whole, each read page by page in a stable order: by an integer
//! key where the table has one (keyset), by position otherwise (the snapshot tables keyed by
//! codes, which are small enough for that).

use warehouse::DbConnection;

use super::paging::Rows;
use super::snapshot_tables::*;
use super::warehouse_tables::*;
use crate::error::ApiError;

type PageFn = fn(&mut DbConnection, i64, i64) -> Result<Rows, ApiError>;
type CountFn = fn(&mut DbConnection) -> Result<i64, ApiError>;

/// A downloadable table.
pub struct Table {
    pub name: &'static str,
    pub description: &'static str,
    pub count: CountFn,
    /// Rows after the cursor (0 for the first page), at most `limit` of them.
    pub page: PageFn,
}

/// Every table, in the order the list shows them.
pub static TABLES: [Table; 11] = [
    Table { name: "facts", description: "Every indicator figure of the current reports, of the report's own year, with its provenance (report, lines, cite).", count: count_current_facts, page: facts_page },
    Table { name: "facts_with_history", description: "As `facts`, plus earlier years' figures printed in the reports.", count: count_all_facts, page: facts_with_history_page },
    Table { name: "kecamatan", description: "Every kecamatan with its kabupaten and provinsi, and the camat, population and area of its latest current report.", count: count_kecamatan, page: kecamatan_page },
    Table { name: "reports", description: "Every loaded report, superseded versions included: file, sha256, parser version, load time, extraction issues by severity.", count: count_reports, page: reports_page },
    Table { name: "budget_lines", description: "Budget lines (program, kegiatan, sub-kegiatan) of the current reports: pagu, realisasi, serapan as printed, with provenance.", count: count_budget_lines, page: budget_lines_page },
    Table { name: "budget_programs", description: "Budget per kecamatan, year and program code (the program lines of the current reports, coded in one spelling when loaded), with the report it comes from.", count: count_budget_programs, page: budget_programs_page },
    Table { name: "rankings", description: "Each kecamatan's rank per indicator concept and year in its kabupaten, provinsi and the nation (analytics snapshot), with the figure's provenance.", count: count_rankings, page: rankings_page },
    Table { name: "scores", description: "Composite score per kecamatan and year and its ranks (analytics snapshot).", count: count_scores, page: scores_page },
    Table { name: "trends", description: "Year-over-year change per kecamatan, concept and year (analytics snapshot), exact changes, with the figure's provenance.", count: count_trends, page: trends_page },
    Table { name: "story_leads", description: "Story leads: patterns worth a journalist's question (analytics snapshot), with the reports they rest on.", count: count_story_leads, page: story_leads_page },
    Table { name: "quality", description: "Data-quality grade (A–E) per current report (analytics snapshot).", count: count_quality, page: quality_page },
];

/// The table of this name.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for t in &TABLES {
            assert_eq!(TABLES.iter().filter(|u| u.name == t.name).count(), 1);
            assert!(table(t.name).is_some());
        }
        assert!(table("nope").is_none());
    }
}
