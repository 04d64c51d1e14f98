//! Bulk exports kept as files, one per table, format and data version. The first download of a
//! version writes the file (page by page, see `stream`); every other download of that version
//! reads it, so concurrent downloads cost a copy each, not an encoding each (the measurement is in
//! docs/benchmarks.md, *Design decisions and their measurements*).
//!
//! The files live in a private temporary folder, removed when the server stops; a file of an
//! older version is deleted once the newer one is written. Downloads of a file being written wait
//! for it (one writer per table and format) instead of writing it again.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use actix_web::web::Bytes;
use warehouse::DataVersion;

use super::stream::{write_table, FileFormat};
use super::tables::Table;
use crate::error::ApiError;
use crate::state::AppState;

/// How often a file is written again when the warehouse changed while it was written (the file
/// would mix two versions) before the last one is kept anyway, as a streamed download would have
/// been.
const ATTEMPTS: usize = 3;

/// The export files of one server.
#[derive(Default)]
pub struct ExportFiles {
    folder: OnceLock<tempfile::TempDir>,
    /// One lock per table and format: the writer holds it; a download waits on it, then finds
    /// the file.
    writers: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Files started, for the names of files being written.
    partials: AtomicU64,
}

impl ExportFiles {
    /// The finished file of `table` in `format` for the warehouse at `version` (as the caller
    /// read it for its ETag), written first when there is none. A file that exists is returned
    /// at once, without a lock or a second query: that is every download but the first of a
    /// version (before, each one waited for the lock and read the version again).
    pub async fn file(
        &self,
        state: &AppState,
        table: &'static Table,
        format: FileFormat,
        version: DataVersion,
    ) -> Result<PathBuf, ApiError> {
        let key = format!("{}.{}", table.name, format.extension());
        let folder = self.folder()?;
        let path = folder.join(file_name(&key, version));
        if path.exists() {
            return Ok(path);
        }
        let writer = {
            let mut writers = self.writers.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(writers.entry(key.clone()).or_default())
        };
        let _writing = writer.lock().await;
        let current = || state.db(|conn| Ok(warehouse::data_version(conn)?));
        // Read again: a load may have come while this download waited for the lock.
        let mut before = current().await?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let path = folder.join(file_name(&key, before));
            if path.exists() {
                return Ok(path); // written while this download waited for the lock
            }
            // A name of its own: when a download is cancelled while its file is written, the
            // writer thread goes on, and the next download writes another one meanwhile.
            let written_so_far = self.partials.fetch_add(1, Ordering::Relaxed);
            let partial = folder.join(format!("{key}.partial-{written_so_far}"));
            let (pool, target) = (state.reads.clone(), partial.clone());
            // A thread of its own rather than the workers' blocking pool: writing a national
            // table takes seconds, and that pool is kept small (see `server::blocking_threads`).
            let (done, written) = tokio::sync::oneshot::channel();
            std::thread::spawn(move || {
                let result = std::fs::File::create(&target)
                    .map_err(|e| ApiError::Internal(format!("cannot create the export file: {e}")))
                    .and_then(|file| write_table(&pool, table, format, file));
                let _ = done.send(result); // the download may have been cancelled
            });
            written
                .await
                .map_err(|_| ApiError::Internal("the export writer stopped".to_owned()))??;
            let after = current().await?;
            if after != before && attempt < ATTEMPTS {
                before = after;
                continue; // loaded meanwhile: write it again, of one version
            }
            std::fs::rename(&partial, &path)
                .map_err(|e| ApiError::Internal(format!("cannot keep the export file: {e}")))?;
            remove_other_versions(folder, &key, &path);
            return Ok(path);
        }
    }

    fn folder(&self) -> Result<&Path, ApiError> {
        if let Some(dir) = self.folder.get() {
            return Ok(dir.path());
        }
        let made = tempfile::Builder::new()
            .prefix("kinerja-exports-")
            .tempdir()
            .map_err(|e| ApiError::Internal(format!("cannot make the exports folder: {e}")))?;
        // Another download may have made one meanwhile; then ours is dropped (and removed).
        Ok(self.folder.get_or_init(|| made).path())
    }
}

/// `facts.csv` at warehouse version 12, analytics version 11 → `facts.csv.12-11`.
fn file_name(key: &str, version: DataVersion) -> String {
    format!("{key}.{}-{}", version.warehouse, version.analytics)
}

/// Deletes the files of `key` other than `keep`: older versions, and files a cancelled download
/// left half written (one still being written stays readable to its writer, then goes).
fn remove_other_versions(folder: &Path, key: &str, keep: &Path) {
    let prefix = format!("{key}.");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let of_key = name.to_str().is_some_and(|n| n.starts_with(&prefix));
        if of_key && path != keep {
            if let Err(error) = std::fs::remove_file(&path) {
                tracing::warn!(path = %path.display(), %error, "an old export file stays");
            }
        }
    }
}

/// Bytes read from an export file at a time.
const READ_CHUNK: usize = 256 * 1024;

/// A file's length and its bytes, chunk by chunk, each read on the blocking pool. The file is
/// opened here: a newer version may delete it meanwhile, and an open file stays readable.
pub fn read_chunks(
    path: &Path,
) -> Result<
    (
        u64,
        impl futures_util::Stream<Item = Result<Bytes, ApiError>>,
    ),
    ApiError,
> {
    let unreadable = |e: std::io::Error| ApiError::Internal(format!("cannot read the export: {e}"));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    let chunks = futures_util::stream::try_unfold(file, move |mut file| async move {
        let (file, chunk) = actix_web::web::block(move || {
            let mut buffer = vec![0; READ_CHUNK];
            let read = file.read(&mut buffer)?;
            buffer.truncate(read);
            Ok::<_, std::io::Error>((file, buffer))
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(unreadable)?;
        Ok((!chunk.is_empty()).then(|| (Bytes::from(chunk), file)))
    });
    Ok((len, chunks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_other_files_of_the_same_table_and_format_go() {
        let dir = tempfile::tempdir().unwrap();
        let touch = |name: &str| std::fs::write(dir.path().join(name), b"x").unwrap();
        let version = DataVersion {
            warehouse: 7,
            analytics: 7,
        };
        let keep = file_name("facts.csv", version);
        assert_eq!(keep, "facts.csv.7-7");
        for name in [
            "facts.csv.6-5",
            "facts.csv.partial-3",
            keep.as_str(),
            "facts.parquet.6-5",
            "facts_with_history.csv.6-5",
        ] {
            touch(name);
        }
        remove_other_versions(dir.path(), "facts.csv", &dir.path().join(&keep));
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "facts.csv.7-7",
                "facts.parquet.6-5",
                "facts_with_history.csv.6-5"
            ]
        );
    }
}
