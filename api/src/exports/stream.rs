//! Writing a table whole: page after page read from the warehouse and encoded as it comes, so a
//! national table never sits in memory at once.

use std::io::{BufWriter, Write};

use analytics::export::ParquetExport;
use serde_json::{Map, Value};
use warehouse::DbPool;

use super::parquet_rows::{cells_of, kinds_of};
use super::tables::Table;
use crate::error::ApiError;
use crate::respond::{columns_of, csv_rows, flat_rows};

/// Rows read per database round trip (one Parquet row group).
const PAGE_ROWS: i64 = 2000;
/// Bytes gathered before a write to the file.
const WRITE_BUFFER: usize = 256 * 1024;

/// The file formats of the bulk exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Parquet,
}

impl FileFormat {
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Parquet => "parquet",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Parquet => "application/vnd.apache.parquet",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "csv" => Some(FileFormat::Csv),
            "parquet" => Some(FileFormat::Parquet),
            _ => None,
        }
    }
}

/// Encodes pages as they come into `out`: CSV text, or one Parquet row group per page.
enum Encoder<W: Write> {
    Csv {
        out: W,
        /// From the first page, which also writes the header.
        columns: Option<Vec<String>>,
    },
    /// Parquet before the first page, whose values give the column types.
    ParquetFirst(W),
    // Boxed: the writer is large.
    Parquet(Box<ParquetExport<W>>),
}

impl<W: Write> Encoder<W> {
    fn new(format: FileFormat, out: W) -> Self {
        match format {
            FileFormat::Csv => Encoder::Csv { out, columns: None },
            FileFormat::Parquet => Encoder::ParquetFirst(out),
        }
    }

    fn page(self, flat: &[Map<String, Value>]) -> Result<Self, ApiError> {
        match self {
            Encoder::Csv { mut out, columns } => {
                let header = columns.is_none();
                let columns = columns.unwrap_or_else(|| columns_of(flat));
                out.write_all(&csv_rows(flat, &columns, header)?)
                    .map_err(io_error)?;
                Ok(Encoder::Csv {
                    out,
                    columns: Some(columns),
                })
            }
            Encoder::ParquetFirst(out) => {
                let kinds = kinds_of(flat, &columns_of(flat));
                let export = ParquetExport::new(out, kinds).map_err(internal)?;
                Encoder::Parquet(Box::new(export)).page(flat)
            }
            Encoder::Parquet(mut export) => {
                let rows: Vec<_> = flat.iter().map(|r| cells_of(r, export.columns())).collect();
                export.write_rows(&rows).map_err(internal)?;
                Ok(Encoder::Parquet(export))
            }
        }
    }

    fn finish(self) -> Result<(), ApiError> {
        match self {
            Encoder::Parquet(export) => export.finish().map(|_| ()).map_err(internal),
            // A table has at least one (possibly empty) page, so `ParquetFirst` does not end.
            Encoder::Csv { .. } | Encoder::ParquetFirst(_) => Ok(()),
        }
    }
}

fn internal(e: analytics::AnalyticsError) -> ApiError {
    ApiError::Internal(e.to_string())
}

fn io_error(e: std::io::Error) -> ApiError {
    ApiError::Internal(format!("cannot write the export file: {e}"))
}

/// Writes `table` whole in `format` into `out`, page by page (blocking: call it off the async
/// workers).
pub fn write_table(
    pool: &DbPool,
    table: &Table,
    format: FileFormat,
    out: impl Write,
) -> Result<(), ApiError> {
    let mut buffered = BufWriter::with_capacity(WRITE_BUFFER, out);
    let mut encoder = Encoder::new(format, &mut buffered);
    let mut cursor = 0;
    loop {
        // A connection per page, given back before the page is encoded: a national export
        // must not hold one of the pool's few connections (one per core on SQLite) throughout.
        let (rows, next) = {
            let mut conn = pool
                .get()
                .map_err(|e| ApiError::Unavailable(e.to_string()))?;
            (table.page)(&mut conn, cursor, PAGE_ROWS)?
        };
        encoder = encoder.page(&flat_rows(&rows))?;
        match next {
            Some(next) => cursor = next,
            None => {
                encoder.finish()?;
                // Explicitly: a BufWriter dropped unflushed would swallow a full disk.
                return buffered.flush().map_err(io_error);
            }
        }
    }
}
