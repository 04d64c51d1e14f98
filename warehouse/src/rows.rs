//! Insert forms: one struct per table row the loader writes.

use diesel::prelude::*;
use model::Exact;

use crate::connection::MultiBackend;
use crate::schema::{
    budget_line, extraction_issue, indicator_fact, report, report_line, satisfaction_survey,
    village,
};
use crate::views::budget::BudgetTotals;
use crate::views::kecamatan::Profile;
use crate::views::parts::{LoadedFile, ReportPlace};

/// Inserts many rows in one statement. diesel's two-backend connection cannot batch inserts
/// (the backends disagree on `DEFAULT`), so this dispatches to the concrete connection, where
/// each backend's own batch insert applies. For rows that are not an `Insertable` struct (the
/// region seed's column tuples); struct rows go through [`insert_all!`], which can `COPY`.
macro_rules! insert_batch {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::DbConnection::Postgres(c) => {
                ::diesel::insert_into($table).values($rows).execute(c)
            }
            $crate::DbConnection::Sqlite(c) => {
                ::diesel::insert_into($table).values($rows).execute(c)
            }
        }
    };
}
pub(crate) use insert_batch;

/// The rows of a table with `columns` columns that [`insert_all!`] puts in one SQLite
/// statement: as many as fit in 32,000 bound parameters (below SQLite's 32,766). A caller that
/// hands rows over in ranges makes them a multiple of this, so that no range but the last
/// leaves a partial statement (which diesel prepares anew).
pub const fn sqlite_rows_per_insert(columns: usize) -> usize {
    32_000 / columns
}

/// Inserts any number of rows of a table with `$columns` columns, as fast as each backend
/// allows; returns the rows written. The row type must derive `Insertable` with
/// `treat_none_as_default_value = false`: otherwise diesel writes SQLite batches one INSERT per
/// row and PostgreSQL cannot `COPY` them.
///
/// - PostgreSQL: one binary `COPY FROM` (no statement size limit, no SQL to parse).
/// - SQLite: statements of a fixed number of rows, as many as fit in 32,000 bound parameters
///   (below SQLite's 32,766). A fixed-size array gives diesel a constant SQL text, so it
///   prepares the statement once and reuses it; a slice of any length is prepared anew each
///   time. The remainder goes in one last statement.
#[macro_export]
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {{
        const ROWS: usize = $crate::sqlite_rows_per_insert($columns);
        let rows = &$rows[..];
        match $conn {
            $crate::DbConnection::Postgres(c) => {
                ::diesel::copy_from($table).from_insertable(rows).execute(c)
            }
            $crate::DbConnection::Sqlite(c) => {
                let mut chunks = rows.chunks_exact(ROWS);
                let full: ::diesel::QueryResult<usize> = (&mut chunks)
                    .map(|chunk| match <&[_; ROWS]>::try_from(chunk) {
                        Ok(fixed) => ::diesel::insert_into($table).values(fixed).execute(c),
                        // Unreachable (`chunks_exact`), but a slice insert is right anyway.
                        Err(_) => ::diesel::insert_into($table).values(chunk).execute(c),
                    })
                    .sum();
                let rest = chunks.remainder();
                full.and_then(|n| {
                    if rest.is_empty() {
                        Ok(n)
                    } else {
                        ::diesel::insert_into($table)
                            .values(rest)
                            .execute(c)
                            .map(|m| n + m)
                    }
                })
            }
        }
    }};
}

/// Line numbers and flags are stored as JSON arrays in a text column, the same on both backends.
pub fn json_list<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

#[derive(Insertable, Debug)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = report)]
pub struct NewReport {
    #[diesel(embed)]
    pub place: ReportPlace,
    #[diesel(embed)]
    pub file: LoadedFile,
    pub line_count: i32,
    pub kecamatan_printed: Option<String>,
    pub kabupaten_printed: Option<String>,
    pub identity_lines: String,
    #[diesel(embed)]
    pub profile: Profile,
    #[diesel(embed)]
    pub budget: BudgetTotals,
    pub taxonomy_version: Option<String>,
    pub original_sha256: Option<String>,
    /// `source.page_starts` of the extract, as [`json_list`].
    pub page_starts: String,
}

/// An indicator figure as extracted: every column of its `indicator_fact` row but the id and
/// the review's `confirmed`. Written by the loader and read back, embedded, as
/// [`crate::views::facts::FigureRow`]. It embeds no part itself: PostgreSQL `COPY`
/// ([`insert_all!`]) takes only a flat row.
#[derive(Insertable, Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = indicator_fact)]
#[diesel(check_for_backend(MultiBackend))]
pub struct NewFact {
    pub report_id: i64,
    pub position: i32,
    pub is_history: bool,
    pub level: Option<String>,
    pub raw_name: String,
    pub concept_key: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<String>,
    pub tahun: i32,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
    /// JSON array of the report lines the figure was read from.
    pub lines: String,
    /// JSON array of flag codes.
    pub flags: String,
    /// `model::Confidence` as text; written for every figure, `None` when read only for a
    /// figure loaded before confidence was assessed and not yet backfilled.
    pub confidence: Option<String>,
    /// JSON array of the codes that lowered the confidence.
    pub confidence_reasons: String,
}

/// A line of a report's budget table (program, kegiatan or sub-kegiatan) as extracted: every
/// column of its `budget_line` row but the id and the review's `confirmed`. Written by the
/// loader and read back, embedded, as [`crate::views::budget::BudgetLineRow`]. It embeds no
/// part itself: PostgreSQL `COPY` ([`insert_all!`]) takes only a flat row.
#[derive(Insertable, Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = budget_line)]
#[diesel(check_for_backend(MultiBackend))]
pub struct NewBudgetLine {
    pub report_id: i64,
    pub position: i32,
    pub level: String,
    pub kode: Option<String>,
    pub name: String,
    pub pagu: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub serapan_reported: Option<Exact>,
    /// JSON array of the report lines the line was read from.
    pub lines: String,
    /// JSON array of flag codes.
    pub flags: String,
    /// The program's code in the national nomenclature (`model::program_code`): set on
    /// program-level lines of the kecamatan function.
    pub program_code: Option<String>,
    /// How the program code was found (`model::program_code::source`).
    pub program_code_source: Option<String>,
    /// `model::Confidence` as text; written for every line, `None` when read only for a line
    /// loaded before confidence was assessed and not yet backfilled.
    pub confidence: Option<String>,
    /// JSON array of the codes that lowered the confidence.
    pub confidence_reasons: String,
}

#[derive(Insertable, Debug)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = village)]
pub struct NewVillage {
    pub report_id: i64,
    pub position: i32,
    pub nama: String,
    pub jenis: Option<String>,
    pub penduduk: Option<Exact>,
    pub lines: String,
}

#[derive(Insertable, Debug)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = satisfaction_survey)]
pub struct NewSurvey {
    pub report_id: i64,
    pub nilai: Option<Exact>,
    pub nilai_recomputed: Option<Exact>,
    pub responden: Option<Exact>,
    pub mutu: Option<String>,
    pub lines: String,
    pub confidence: &'static str,
    pub confidence_reasons: String,
}

#[derive(Insertable, Debug)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = extraction_issue)]
pub struct NewIssue {
    pub report_id: i64,
    pub position: i32,
    pub code: String,
    pub severity: String,
    pub message: String,
    pub lines: String,
}

#[derive(Insertable, Debug)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = report_line)]
pub struct NewLine {
    pub report_id: i64,
    pub line_no: i32,
    // Owned: PostgreSQL's COPY of a borrowed row type asks for a `'static` borrow.
    pub text: String,
}
