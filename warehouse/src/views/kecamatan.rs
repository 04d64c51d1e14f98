//! A kecamatan's profile as its latest report prints it: the camat and the wilayah figures.

use diesel::prelude::*;
use model::Exact;

use crate::connection::MultiBackend;
use crate::schema::report;

/// The camat and the wilayah figures a report prints: read here, and written by the loader
/// (`crate::rows::NewReport`) and a re-extraction (`crate::reextract`) as one part.
#[derive(Insertable, AsChangeset, Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(treat_none_as_default_value = false, treat_none_as_null = true)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct Profile {
    pub camat_nama: Option<String>,
    pub camat_nip: Option<String>,
    pub camat_plt: bool,
    /// JSON array of the lines the camat was read from.
    pub camat_lines: String,
    pub luas_km2: Option<Exact>,
    pub penduduk: Option<Exact>,
    pub jumlah_asn: Option<Exact>,
    /// JSON array of the lines the wilayah figures were read from.
    pub wilayah_lines: String,
}

/// The camat and the wilayah figures of one report.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct ProfileRow {
    #[diesel(column_name = id)]
    pub report_id: i64,
    pub kecamatan_code: String,
    pub tahun: i32,
    #[diesel(embed)]
    pub profile: Profile,
}
