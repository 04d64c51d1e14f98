//! The official Kemendagri region codes (bundled from `data/wilayah`, MIT licensed, see its
//! README) and a resolver from names as reports print them to those codes.

mod gazetteer;
mod names;
mod resolve;

pub use gazetteer::{Gazetteer, GazetteerError, Kabupaten, Kecamatan, Provinsi};
pub use names::{kabupaten_key, kecamatan_key, KabupatenKind};
pub use resolve::{ResolveError, Resolved};
