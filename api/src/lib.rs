//! The kinerja public REST API: actix-web handlers over the warehouse, documented with utoipa.
// utoipa's `#[utoipa::path]` expansion for actix extractors re-qualifies the query types it
// documents, which this lint reports at the handler's signature.
#![allow(unused_qualifications)]

mod allowed;
pub mod auth;
mod cache;
mod client;
mod error;
mod exports;
pub mod handlers;
mod metrics;
mod openapi;
mod params;
pub mod problems;
mod provenance;
mod ratelimit;
mod read;
mod respond;
mod server;
mod state;
mod strict_query;
mod web_assets;

pub use error::{ApiError, Problem};
pub use openapi::{document as openapi_document, openapi_json, ApiDoc};
pub use server::{configure, run_blocking, serve, serve_listener};
pub use state::{AppState, Settings};
