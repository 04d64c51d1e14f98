//! Parquet files of the bulk exports, written one row group per batch of rows, so that a
//! national table streams out without ever sitting in memory whole. The API hands the rows in;
//! this crate is the only one that knows polars.
//!
//! Reported figures arrive as text (`"83.20"`) and are written as Parquet strings, not Decimal:
//! a Decimal column needs one scale for the whole file, fixed before the first row group is
//! written, while the reports print their figures with their own precision (`75`, `83.20`,
//! `110.933`), and `83.20` must be cited as printed. A string keeps every figure exactly as the
//! JSON and CSV answers give it; analysts cast it (`CAST(target AS DECIMAL(38,4))`) as they need.

use std::io::Write;

use polars::prelude::*;

use crate::error::AnalyticsError;

/// The Parquet type of an export column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Integer,
    /// Statistics only (ranks' percentiles, medians of capaian): never a reported figure.
    Float,
    Boolean,
    Text,
}

impl ColumnKind {
    fn dtype(self) -> DataType {
        match self {
            ColumnKind::Integer => DataType::Int64,
            ColumnKind::Float => DataType::Float64,
            ColumnKind::Boolean => DataType::Boolean,
            ColumnKind::Text => DataType::String,
        }
    }
}

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Text(String),
}

impl Cell {
    /// The value as its column's kind wants it; a value of another kind is written as its text
    /// rather than lost (a column typed by its first rows may meet an unexpected value later).
    fn text(&self) -> Option<String> {
        match self {
            Cell::Null => None,
            Cell::Integer(v) => Some(v.to_string()),
            Cell::Float(v) => Some(v.to_string()),
            Cell::Boolean(v) => Some(v.to_string()),
            Cell::Text(v) => Some(v.clone()),
        }
    }
}

/// A Parquet file being written to `sink`, one row group per [`ParquetExport::write_rows`].
pub struct ParquetExport<W: Write> {
    writer: polars::io::parquet::write::BatchedWriter<W>,
    columns: Vec<(String, ColumnKind)>,
}

impl<W: Write> ParquetExport<W> {
    /// Starts a file with these columns (zstd: small files at little CPU cost).
    pub fn new(sink: W, columns: Vec<(String, ColumnKind)>) -> Result<Self, AnalyticsError> {
        let schema: Schema = columns
            .iter()
            .map(|(name, kind)| Field::new(name.as_str().into(), kind.dtype()))
            .collect();
        let writer = ParquetWriter::new(sink)
            .with_compression(ParquetCompression::Zstd(None))
            .batched(&schema)?;
        Ok(ParquetExport { writer, columns })
    }

    /// The columns, as given to [`ParquetExport::new`].
    pub fn columns(&self) -> &[(String, ColumnKind)] {
        &self.columns
    }

    /// Writes rows (cells in the order of the columns) as one row group.
    pub fn write_rows(&mut self, rows: &[Vec<Cell>]) -> Result<(), AnalyticsError> {
        if rows.is_empty() {
            return Ok(());
        }
        let series: Vec<Column> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, (name, kind))| column_of(name, *kind, rows.iter().map(|r| r.get(i))))
            .collect();
        let frame = DataFrame::new(rows.len(), series)?;
        self.writer.write_batch(&frame)?;
        Ok(())
    }

    /// Writes the footer; the file is complete once the sink is flushed (a `BufWriter` sink
    /// flushes when this drops it). Returns the file's size.
    pub fn finish(self) -> Result<u64, AnalyticsError> {
        Ok(self.writer.finish()?)
    }
}

fn column_of<'a>(
    name: &str,
    kind: ColumnKind,
    cells: impl Iterator<Item = Option<&'a Cell>>,
) -> Column {
    let name: PlSmallStr = name.into();
    match kind {
        ColumnKind::Integer => {
            let values: Vec<Option<i64>> = cells
                .map(|c| match c {
                    Some(Cell::Integer(v)) => Some(*v),
                    _ => None,
                })
                .collect();
            Column::new(name, values)
        }
        ColumnKind::Float => {
            let values: Vec<Option<f64>> = cells
                .map(|c| match c {
                    Some(Cell::Float(v)) => Some(*v),
                    #[allow(clippy::cast_precision_loss)]
                    Some(Cell::Integer(v)) => Some(*v as f64),
                    _ => None,
                })
                .collect();
            Column::new(name, values)
        }
        ColumnKind::Boolean => {
            let values: Vec<Option<bool>> = cells
                .map(|c| match c {
                    Some(Cell::Boolean(v)) => Some(*v),
                    _ => None,
                })
                .collect();
            Column::new(name, values)
        }
        ColumnKind::Text => {
            let values: Vec<Option<String>> = cells.map(|c| c.and_then(Cell::text)).collect();
            Column::new(name, values)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_groups_read_back_with_exact_figures_as_printed() {
        let columns = vec![
            ("id".to_owned(), ColumnKind::Integer),
            ("target".to_owned(), ColumnKind::Text),
            ("percentile".to_owned(), ColumnKind::Float),
            ("is_history".to_owned(), ColumnKind::Boolean),
        ];
        let mut file = Vec::new();
        let mut export = ParquetExport::new(&mut file, columns).unwrap();
        export
            .write_rows(&[vec![
                Cell::Integer(1),
                Cell::Text("83.20".to_owned()),
                Cell::Float(0.5),
                Cell::Boolean(false),
            ]])
            .unwrap();
        export
            .write_rows(&[vec![
                Cell::Integer(2),
                Cell::Null,
                Cell::Null,
                Cell::Boolean(true),
            ]])
            .unwrap();
        export.finish().unwrap();
        let frame = ParquetReader::new(std::io::Cursor::new(file))
            .finish()
            .unwrap();
        assert_eq!(frame.height(), 2);
        let target = frame.column("target").unwrap().str().unwrap();
        assert_eq!(target.get(0), Some("83.20"), "trailing zero kept");
        assert_eq!(target.get(1), None);
        let ids = frame.column("id").unwrap().i64().unwrap();
        assert_eq!(ids.get(1), Some(2));
    }
}
