//! The read layer under the handlers: the warehouse's rows turned into the API's answer types
//! (provenance, the published review over the extracted values, change counts). Handlers and
//! exports call it; it imports no handler.

pub mod budget;
pub mod facts;
pub mod figures;
pub mod kecamatan;
pub mod quality;
pub mod reports;
