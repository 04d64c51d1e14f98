//! The response cache of the JSON and CSV GET endpoints. Answers are kept by (data version,
//! format, path and query), bounded by their size, and dropped whenever the data version moves:
//! at once for an upload through this server, within a second for a load by another process.
//! The ETag is derived from the same key, so a repeat with `If-None-Match` is a 304 answered
//! without touching the database or running the handler.

mod middleware;
mod version;

use actix_web::web::Bytes;
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use sha2::{Digest, Sha256};
use warehouse::DataVersion;

pub use middleware::answer_from_cache;
pub use version::VersionWatch;

/// Memory the cached answers may take together.
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;
/// A larger answer is not cached (it would push out hundreds of small ones).
const LARGEST_CACHED: usize = 2 * 1024 * 1024;
/// Filter totals kept for the facts endpoint.
const TOTALS_KEPT: usize = 4096;

/// What identifies one answer: the data it reflects, its format and its URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AnswerKey {
    pub version: DataVersion,
    pub csv: bool,
    /// Path and query, as the client sent them.
    pub url: String,
}

impl AnswerKey {
    /// The strong ETag of this answer: the data version and a digest of format and URL. The same
    /// URL over the same data is the same answer, so the tag needs no look at the body.
    pub fn etag(&self) -> String {
        let digest = Sha256::new()
            .chain_update(if self.csv { "csv|" } else { "json|" })
            .chain_update(self.url.as_bytes())
            .finalize();
        let tag: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!(
            "\"v{}.{}-{tag}\"",
            self.version.warehouse, self.version.analytics
        )
    }
}

/// A cached 200 answer.
#[derive(Clone, Debug)]
pub struct CachedAnswer {
    pub content_type: String,
    pub etag: String,
    pub body: Bytes,
}

#[derive(Clone, Debug, Default)]
struct BySize;

impl Weighter<AnswerKey, CachedAnswer> for BySize {
    fn weight(&self, key: &AnswerKey, answer: &CachedAnswer) -> u64 {
        // The bodies dominate; the rest is a fair allowance for the key and the entry.
        (answer.body.len() + answer.content_type.len() + key.url.len() + 96) as u64
    }
}

/// The answers kept, the facts totals kept, and the data version they belong to.
pub struct ResponseCache {
    pub version: VersionWatch,
    answers: Cache<AnswerKey, CachedAnswer, BySize>,
    totals: Cache<(DataVersion, String), i64>,
}

impl Default for ResponseCache {
    fn default() -> Self {
        ResponseCache {
            version: VersionWatch::default(),
            answers: Cache::with_weighter(4096, CAPACITY_BYTES, BySize),
            totals: Cache::new(TOTALS_KEPT),
        }
    }
}

impl std::fmt::Debug for ResponseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseCache")
            .field("version", &self.version.known())
            .field("answers", &self.answers.len())
            .finish()
    }
}

impl ResponseCache {
    pub fn get(&self, key: &AnswerKey) -> Option<CachedAnswer> {
        self.answers.get(key)
    }

    /// Keeps an answer unless it is too large to be worth its room.
    pub fn put(&self, key: AnswerKey, answer: CachedAnswer) {
        if answer.body.len() <= LARGEST_CACHED {
            self.answers.insert(key, answer);
        }
    }

    /// Stores a data version just read; answers of an older one are dropped, to free the memory
    /// (their keys could not be asked for again anyway).
    pub fn record_version(&self, version: DataVersion) {
        if self.version.record(version) {
            self.answers.clear();
            self.totals.clear();
        }
    }

    /// The facts total of a filter (its `Debug` text) at the version known now.
    pub fn total(&self, filter: &str) -> Option<i64> {
        let version = self.version.known()?;
        self.totals.get(&(version, filter.to_owned()))
    }

    pub fn keep_total(&self, filter: String, total: i64) {
        if let Some(version) = self.version.known() {
            self.totals.insert((version, filter), total);
        }
    }

    /// Answers kept now.
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(warehouse: i64, url: &str) -> AnswerKey {
        AnswerKey {
            version: DataVersion {
                warehouse,
                analytics: warehouse,
            },
            csv: false,
            url: url.to_owned(),
        }
    }

    fn answer(len: usize) -> CachedAnswer {
        CachedAnswer {
            content_type: "application/json".to_owned(),
            etag: String::new(),
            body: Bytes::from(vec![b'x'; len]),
        }
    }

    #[test]
    fn etags_differ_by_version_url_and_format() {
        let a = key(1, "/api/v1/kecamatan/35.20.15");
        let mut csv = a.clone();
        csv.csv = true;
        assert_ne!(a.etag(), key(2, "/api/v1/kecamatan/35.20.15").etag());
        assert_ne!(a.etag(), key(1, "/api/v1/kecamatan/35.02.08").etag());
        assert_ne!(a.etag(), csv.etag());
        assert_eq!(a.etag(), key(1, "/api/v1/kecamatan/35.20.15").etag());
        assert!(a.etag().starts_with("\"v1.1-"));
    }

    #[test]
    fn a_new_version_drops_the_old_answers_and_totals() {
        let cache = ResponseCache::default();
        cache.record_version(key(1, "").version);
        cache.put(key(1, "/a"), answer(10));
        cache.keep_total("f".to_owned(), 7);
        assert!(cache.get(&key(1, "/a")).is_some());
        assert_eq!(cache.total("f"), Some(7));
        cache.record_version(key(2, "").version);
        assert!(cache.is_empty());
        assert_eq!(cache.total("f"), None);
    }

    #[test]
    fn oversized_answers_are_not_kept() {
        let cache = ResponseCache::default();
        cache.put(key(1, "/big"), answer(LARGEST_CACHED + 1));
        assert!(cache.get(&key(1, "/big")).is_none());
    }
}
