//! The data version the response cache keys on: read from the `data_version` row at most once a
//! second, so a load by another process (`kinerja ingest`) is noticed within about a second
//! without a database read on every request; an upload through this server sets it at once.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use warehouse::DataVersion;

/// How stale the known version may get before a request reads it again.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The last data version read, and when.
#[derive(Debug)]
pub struct VersionWatch {
    known: RwLock<Option<DataVersion>>,
    started: Instant,
    /// Milliseconds after `started` of the last read.
    checked_at: AtomicU64,
    /// Set while one request reads the version, so that only one does.
    checking: AtomicBool,
}

impl Default for VersionWatch {
    fn default() -> Self {
        VersionWatch {
            known: RwLock::new(None),
            started: Instant::now(),
            checked_at: AtomicU64::new(0),
            checking: AtomicBool::new(false),
        }
    }
}

impl VersionWatch {
    /// The version known now, without reading the database (None before the first read).
    pub fn known(&self) -> Option<DataVersion> {
        *self.known.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the caller should read the version now: never read, or read over a second ago,
    /// and no other request is reading it. A `true` must be followed by [`Self::record`] or
    /// [`Self::give_up`].
    pub fn claim_check(&self) -> bool {
        let due = self.known().is_none()
            || self
                .elapsed_ms()
                .saturating_sub(self.checked_at.load(Ordering::Relaxed))
                >= POLL_INTERVAL.as_millis() as u64;
        due && self
            .checking
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    /// Stores a version just read; says whether it differs from the one known before.
    pub fn record(&self, version: DataVersion) -> bool {
        let changed = {
            let mut known = self.known.write().unwrap_or_else(|e| e.into_inner());
            let changed = *known != Some(version);
            *known = Some(version);
            changed
        };
        self.checked_at.store(self.elapsed_ms(), Ordering::Relaxed);
        self.checking.store(false, Ordering::Release);
        changed
    }

    /// Releases a claimed check that could not read the database.
    pub fn give_up(&self) {
        self.checking.store(false, Ordering::Release);
    }

    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(warehouse: i64, analytics: i64) -> DataVersion {
        DataVersion {
            warehouse,
            analytics,
        }
    }

    #[test]
    fn the_first_request_reads_then_one_read_per_interval() {
        let watch = VersionWatch::default();
        assert!(watch.claim_check(), "nothing known yet");
        assert!(!watch.claim_check(), "another request is reading it");
        assert!(watch.record(v(1, 1)));
        assert_eq!(watch.known(), Some(v(1, 1)));
        assert!(!watch.claim_check(), "read just now");
        assert!(!watch.record(v(1, 1)), "same version is no change");
        assert!(watch.record(v(2, 1)), "an upload elsewhere raised it");
    }

    #[test]
    fn a_failed_read_lets_the_next_request_try() {
        let watch = VersionWatch::default();
        assert!(watch.claim_check());
        watch.give_up();
        assert!(watch.claim_check());
    }
}
