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
        columns: Option<Vec<String>>,
    },
    // Boxed: the writer is large. `out` waits there until the first page gives the columns.
    Parquet {
        out: Option<W>,
        export: Option<Box<ParquetExport<W>>>,
    },
}

impl<W: Write> Encoder<W> {
    fn new(format: FileFormat, out: W) -> Self {
        match format {
            FileFormat::Csv => Encoder::Csv { out, columns: None },
            FileFormat::Parquet => Encoder::Parquet {
                out: Some(out),
                export: None,
            },
        }
    }

    fn page(&mut self, flat: &[Map<String, Value>]) -> Result<(), ApiError> {
        match self {
            Encoder::Csv { out, columns } => {
                let header = columns.is_none();
                let cols = columns.get_or_insert_with(|| columns_of(flat));
                out.write_all(&csv_rows(flat, cols, header)?)
                    .map_err(io_error)
            }
            Encoder::Parquet { out, export } => {
                if let Some(sink) = out.take() {
                    let kinds = kinds_of(flat, &columns_of(flat));
                    *export = Some(Box::new(ParquetExport::new(sink, kinds).map_err(internal)?));
                }
                let Some(export) = export.as_mut() else {
                    return Err(ApiError::Internal("the Parquet writer is gone".to_owned()));
                };
                let rows: Vec<_> = flat.iter().map(|r| cells_of(r, export.columns())).collect();
                export.write_rows(&rows).map_err(internal)
            }
        }
    }

    fn finish(self) -> Result<(), ApiError> {
        match self {
            Encoder::Csv { .. } => Ok(()),
            Encoder::Parquet {
                export: Some(export),
                ..
            } => export.finish().map(|_| ()).map_err(internal),
            // No page at all: a table has at least one (possibly empty) page.
            Encoder::Parquet { export: None, .. } => Ok(()),
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
        encoder.page(&flat_rows(&rows))?;
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
