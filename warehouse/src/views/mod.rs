//! Read models of the warehouse: `Selectable` rows the API and the exports serialise, one
//! module per read model. A row names its columns once; the queries that filter and page
//! them live with their callers, which add the filter their parameters ask for.

pub mod budget;
pub mod changes;
pub mod facts;
pub mod kecamatan;
pub mod parts;
pub mod rankings;
pub mod snapshots;
pub mod trends;
