//! Handlers, grouped by resource. Each module holds its answer types, its queries and its
//! `#[utoipa::path]`-documented handlers.

pub mod changes;
pub mod compare;
pub mod error_reports;
pub mod exports;
pub mod facts;
pub mod health;
pub mod insights;
pub mod kecamatan;
pub mod original;
pub mod rankings;
pub mod regions;
pub mod reports;
pub mod review;
pub mod session;
pub mod taxonomy;
pub mod trends;
pub mod upload;
