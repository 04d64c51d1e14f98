//! Bulk downloads of whole tables as CSV or Parquet: written page by page into a file once per
//! data version (a national table never sits in memory at once), then served from that file.

mod files;
mod paging;
mod parquet_rows;
mod snapshot_tables;
mod sources;
mod stream;
pub mod tables;
mod warehouse_tables;

pub use files::{read_chunks, ExportFiles};
pub use stream::FileFormat;
