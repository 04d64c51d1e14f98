//! Parts embedded in several rows (`#[diesel(embed)]`): the region a row belongs to and the
//! report it cites. A part of a `report` row that is also `Insertable` is embedded in the
//! insert form `crate::rows::NewReport` too, so that its columns are named once.

use diesel::prelude::*;

use crate::connection::MultiBackend;
use crate::schema::{kabupaten, kecamatan, provinsi, report};

/// A kecamatan with its kabupaten and provinsi, codes and names; selected from the join
/// `kecamatan ⋈ kabupaten ⋈ provinsi`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = kecamatan)]
#[diesel(check_for_backend(MultiBackend))]
pub struct RegionNames {
    #[diesel(column_name = code)]
    pub kecamatan_code: String,
    #[diesel(column_name = name)]
    pub kecamatan: String,
    #[diesel(select_expression = kabupaten::code)]
    pub kabupaten_code: String,
    #[diesel(select_expression = kabupaten::name)]
    pub kabupaten: String,
    #[diesel(select_expression = provinsi::code)]
    pub provinsi_code: String,
    #[diesel(select_expression = provinsi::name)]
    pub provinsi: String,
}

/// What a citation of a report needs: its id, file, hash, year, revision and page starts.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct ReportCite {
    #[diesel(column_name = id)]
    pub report_id: i64,
    pub file_name: String,
    pub sha256: String,
    pub tahun: i32,
    pub revision: i32,
    pub page_starts: String,
}

/// The names of a kecamatan and its kabupaten; selected from `kecamatan ⋈ kabupaten`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = kecamatan)]
#[diesel(check_for_backend(MultiBackend))]
pub struct PlaceNames {
    #[diesel(column_name = name)]
    pub kecamatan: String,
    #[diesel(select_expression = kabupaten::name)]
    pub kabupaten: String,
}

/// The kecamatan and year a report is of.
#[derive(Insertable, Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct ReportPlace {
    pub kecamatan_code: String,
    pub tahun: i32,
}

/// The file a report was loaded from, the parser that read it, and when it was loaded.
#[derive(Insertable, Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(treat_none_as_default_value = false)]
#[diesel(table_name = report)]
#[diesel(check_for_backend(MultiBackend))]
pub struct LoadedFile {
    pub file_name: String,
    pub sha256: String,
    pub parser_version: String,
    pub loaded_at: String,
}

/// The kabupaten and provinsi codes of a kecamatan; selected from `kecamatan ⋈ kabupaten`.
#[derive(Queryable, Selectable, Debug, Clone, PartialEq)]
#[diesel(table_name = kecamatan)]
#[diesel(check_for_backend(MultiBackend))]
pub struct RegionCodes {
    pub kabupaten_code: String,
    #[diesel(select_expression = kabupaten::provinsi_code)]
    pub provinsi_code: String,
}
