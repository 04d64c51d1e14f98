//! What every handler shares: the database pool and the server's settings.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use warehouse::{DataVersion, DbConnection, DbPool};

use crate::cache::ResponseCache;
use crate::error::ApiError;
use crate::exports::ExportFiles;
use crate::metrics::Metrics;
use crate::ratelimit::{PerClientLimiter, RateLimiter};

/// Settings a server is started with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: String,
    /// Bearer token for `POST /api/v1/reports`; the endpoint is off when `None`.
    pub admin_token: Option<String>,
    /// Largest report upload accepted, in bytes.
    pub max_upload_bytes: usize,
    /// Connections in the pool.
    pub pool_size: u32,
    /// Uploads allowed per minute (all clients together).
    pub uploads_per_minute: u32,
    /// Login attempts allowed per client and minute (wrong passwords also lock the account).
    pub logins_per_minute: u32,
    /// Public error reports allowed per client and hour.
    pub error_reports_per_hour: u32,
    /// The client's address is the one a reverse proxy wrote in `X-Forwarded-For`.
    pub trust_forwarded: bool,
}

impl Settings {
    pub fn new(database_url: &str) -> Self {
        Settings {
            database_url: database_url.to_owned(),
            admin_token: None,
            max_upload_bytes: 20 * 1024 * 1024,
            pool_size: 8,
            uploads_per_minute: 30,
            logins_per_minute: 30,
            error_reports_per_hour: 10,
            trust_forwarded: false,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    /// The primary: loads, uploads, reviews, sessions (everything that writes).
    pub pool: DbPool,
    /// Where reads go: a streaming replica when the server was given one, else the primary.
    pub reads: DbPool,
    /// Whether `reads` is a replica (its data version then lags the primary's by its replay).
    pub has_replica: bool,
    pub settings: Arc<Settings>,
    pub metrics: Arc<Metrics>,
    pub uploads: Arc<RateLimiter>,
    pub logins: Arc<PerClientLimiter>,
    pub error_reports: Arc<PerClientLimiter>,
    /// Answers kept per data version; shared by all workers.
    pub cache: Arc<ResponseCache>,
    /// Bulk export files, one per table, format and data version.
    pub exports: Arc<ExportFiles>,
}

impl AppState {
    pub fn new(pool: DbPool, settings: Settings) -> Self {
        Self::with_reads(pool.clone(), pool, false, settings)
    }

    /// A server whose reads go to `replica` and whose writes go to `primary`.
    pub fn with_replica(primary: DbPool, replica: DbPool, settings: Settings) -> Self {
        Self::with_reads(primary, replica, true, settings)
    }

    fn with_reads(pool: DbPool, reads: DbPool, has_replica: bool, settings: Settings) -> Self {
        let uploads = RateLimiter::per_minute(settings.uploads_per_minute);
        let logins = PerClientLimiter::new(settings.logins_per_minute, Duration::from_secs(60));
        let error_reports =
            PerClientLimiter::new(settings.error_reports_per_hour, Duration::from_secs(3600));
        AppState {
            pool,
            reads,
            has_replica,
            settings: Arc::new(settings),
            metrics: Arc::new(Metrics::default()),
            uploads: Arc::new(uploads),
            logins: Arc::new(logins),
            error_reports: Arc::new(error_reports),
            cache: Arc::new(ResponseCache::default()),
            exports: Arc::new(ExportFiles::default()),
        }
    }

    /// Runs a read on the blocking thread pool with a connection of the read pool (the replica
    /// when there is one): it must not write, a hot standby refuses writes.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        run_blocking_on(self.reads.clone(), work).await
    }

    /// Runs work that writes (or must see its own writes at once) on the primary. When the
    /// primary cannot be reached the answer is a 503; reads keep being served by the replica.
    pub async fn db_primary<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        run_blocking_on(self.pool.clone(), work).await
    }

    /// A write produced `version` on the primary. Without a replica, cached answers of the old
    /// data stop being served with the very next request. With one, the cache keeps following
    /// the replica's own version (polled from it, so it moves with the replay position and never
    /// runs ahead of what reads see, nor back).
    pub fn written(&self, version: DataVersion) {
        if !self.has_replica {
            self.cache.record_version(version);
        }
    }
}

async fn run_blocking_on<T, F>(pool: DbPool, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    web::block(move || {
        let mut conn = pool
            .get()
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        work(&mut conn)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
}
