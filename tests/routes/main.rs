//! The API end to end, by route: a real server on port 0 over a fresh warehouse holding the
//! sample reports, on SQLite and on PostgreSQL (`testkit::on_both_backends!`). One module per
//! resource and method (`kecamatan/get.rs`, `reports/post.rs`, …), and cross-cutting ones
//! (`cache`, `problems`); the helpers are in `util`. Snapshots of the answers are in the
//! `snapshots` folder beside each module, one file asserted by both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cache;
mod changes;
mod compare;
mod dashboard_assets;
mod error_reports;
mod exports;
mod facts;
mod health;
mod indicators;
mod insights;
mod kecamatan;
mod openapi;
mod problems;
mod rankings;
mod regions;
mod reports;
mod review;
mod session;
mod util;
