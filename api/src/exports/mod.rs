//! Bulk downloads of whole tables as CSV or Parquet, streamed page by page so that a national
//! table never sits in memory at once.

mod parquet_rows;
mod snapshot_tables;
mod sources;
mod stream;
pub mod tables;
mod warehouse_tables;

pub use stream::{stream_table, FileFormat};
