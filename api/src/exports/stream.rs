//! Streaming a table: a blocking task reads page after page and sends the encoded bytes through
//! a small channel, so a slow client holds back the reading instead of filling memory.

use std::io::{BufWriter, Write};

use actix_web::web::Bytes;
use analytics::export::ParquetExport;
use serde_json::{Map, Value};
use tokio::sync::mpsc::Sender;

use super::parquet_rows::{cells_of, kinds_of};
use super::tables::Table;
use crate::error::ApiError;
use crate::respond::{columns_of, csv_rows, flat_rows};
use crate::state::AppState;

/// Rows read per database round trip (one Parquet row group).
const PAGE_ROWS: i64 = 2000;
/// Bytes gathered before a chunk is sent to the client.
const CHUNK_BYTES: usize = 256 * 1024;

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

type Chunk = Result<Bytes, ApiError>;

/// `Write` into the response: each flushed buffer becomes one chunk of the body.
struct ChannelWriter(Sender<Chunk>);

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .blocking_send(Ok(Bytes::copy_from_slice(buf)))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Encodes pages as they come: CSV text, or one Parquet row group per page.
enum Encoder {
    Csv { columns: Option<Vec<String>> },
    // Boxed: the writer is large, and there is one encoder per download.
    Parquet(Option<Box<ParquetExport<BufWriter<ChannelWriter>>>>),
}

impl Encoder {
    fn page(&mut self, tx: &Sender<Chunk>, flat: &[Map<String, Value>]) -> Result<bool, ApiError> {
        let internal = |e: analytics::AnalyticsError| ApiError::Internal(e.to_string());
        match self {
            Encoder::Csv { columns } => {
                let header = columns.is_none();
                let cols = columns.get_or_insert_with(|| columns_of(flat));
                let bytes = csv_rows(flat, cols, header)?;
                Ok(tx.blocking_send(Ok(Bytes::from(bytes))).is_ok())
            }
            Encoder::Parquet(export) => {
                if export.is_none() {
                    let kinds = kinds_of(flat, &columns_of(flat));
                    let sink = BufWriter::with_capacity(CHUNK_BYTES, ChannelWriter(tx.clone()));
                    *export = Some(Box::new(ParquetExport::new(sink, kinds).map_err(internal)?));
                }
                let Some(export) = export.as_mut() else {
                    return Ok(false);
                };
                let rows: Vec<_> = flat.iter().map(|r| cells_of(r, export.columns())).collect();
                export.write_rows(&rows).map_err(internal)?;
                Ok(!tx.is_closed())
            }
        }
    }

    fn finish(self) -> Result<(), ApiError> {
        if let Encoder::Parquet(Some(export)) = self {
            // The footer goes into the buffer; dropping the export flushes it to the client.
            export
                .finish()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
        }
        Ok(())
    }
}

/// Streams `table` whole in `format`.
pub fn stream_table(
    state: &AppState,
    table: &'static Table,
    format: FileFormat,
) -> impl futures_util::Stream<Item = Chunk> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Chunk>(4);
    let pool = state.pool.clone();
    actix_web::rt::task::spawn_blocking(move || {
        let result = (|| {
            let mut encoder = match format {
                FileFormat::Csv => Encoder::Csv { columns: None },
                FileFormat::Parquet => Encoder::Parquet(None),
            };
            let mut cursor = 0;
            loop {
                // A connection per page, given back before the page is sent: a slow download
                // must not hold one of the pool's few connections (one per core on SQLite)
                // while the client reads, or two downloads would stall every other request.
                let (rows, next) = {
                    let mut conn = pool
                        .get()
                        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
                    (table.page)(&mut conn, cursor, PAGE_ROWS)?
                };
                if !encoder.page(&tx, &flat_rows(&rows))? {
                    return Ok(()); // the client went away
                }
                match next {
                    Some(next) => cursor = next,
                    None => return encoder.finish(),
                }
            }
        })();
        if let Err(e) = result {
            tracing::error!(table = table.name, error = %e, "export failed mid-stream");
            let _ = tx.blocking_send(Err(e));
        }
    });
    futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    })
}
