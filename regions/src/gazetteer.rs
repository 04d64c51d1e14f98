//! The bundled list of official regions, parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

use model::RegionCode;

use crate::names::{kabupaten_key, kecamatan_key, KabupatenKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Provinsi {
    pub code: RegionCode,
    pub name: String,
    pub luas_km2: Option<String>,
    pub penduduk: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Kabupaten {
    pub code: RegionCode,
    pub provinsi_code: RegionCode,
    /// The official name with its prefix: `Kabupaten Magetan`, `Kota Madiun`.
    pub name: String,
    /// The name without `Kabupaten `/`Kota `: `Magetan`, as reports usually print it.
    pub short_name: String,
    pub kind: KabupatenKind,
    pub luas_km2: Option<String>,
    pub penduduk: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Kecamatan {
    pub code: RegionCode,
    pub kabupaten_code: RegionCode,
    pub name: String,
}

/// Why the bundled region files could not be read (a packaging bug, never a user's input).
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("region file {file}, row {row}: {message}")]
    BadRow {
        file: &'static str,
        row: usize,
        message: String,
    },
    #[error("region file {file}: {source}")]
    Csv {
        file: &'static str,
        source: csv::Error,
    },
}

/// All provinsi, kabupaten/kota and kecamatan with the indexes the resolver needs.
#[derive(Debug)]
pub struct Gazetteer {
    pub provinsi: Vec<Provinsi>,
    pub kabupaten: Vec<Kabupaten>,
    pub kecamatan: Vec<Kecamatan>,
    pub(crate) provinsi_by_code: HashMap<String, usize>,
    pub(crate) kabupaten_by_code: HashMap<String, usize>,
    pub(crate) kabupaten_by_key: HashMap<String, Vec<usize>>,
    /// (kabupaten code, kecamatan key) → kecamatan: names repeat across kabupaten, never inside one.
    pub(crate) kecamatan_by_key: HashMap<(String, String), usize>,
}

const PROVINSI_CSV: &str = include_str!("../../data/wilayah/provinsi.csv");
const KABUPATEN_CSV: &str = include_str!("../../data/wilayah/kabupaten.csv");
const KECAMATAN_CSV: &str = include_str!("../../data/wilayah/kecamatan.csv");

fn rows(file: &'static str, text: &str) -> Result<Vec<csv::StringRecord>, GazetteerError> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .map_err(|source| GazetteerError::Csv { file, source })
}

fn field(
    file: &'static str,
    row: usize,
    record: &csv::StringRecord,
    index: usize,
) -> Result<String, GazetteerError> {
    record
        .get(index)
        .map(str::to_owned)
        .ok_or_else(|| GazetteerError::BadRow {
            file,
            row,
            message: format!("column {index} is missing"),
        })
}

fn code(file: &'static str, row: usize, text: String) -> Result<RegionCode, GazetteerError> {
    text.parse()
        .map_err(|e: model::RegionCodeError| GazetteerError::BadRow {
            file,
            row,
            message: e.to_string(),
        })
}

fn optional(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

impl Gazetteer {
    /// The bundled official regions (Kepmendagri 300.2.2-2138/2025 as amended), parsed on
    /// first use.
    pub fn official() -> &'static Gazetteer {
        static OFFICIAL: OnceLock<Gazetteer> = OnceLock::new();
        OFFICIAL.get_or_init(|| {
            // The files are part of the binary and covered by a test: failing here is a build bug.
            #[allow(clippy::expect_used)]
            Gazetteer::from_csv(PROVINSI_CSV, KABUPATEN_CSV, KECAMATAN_CSV)
                .expect("bundled region codes are valid")
        })
    }

    pub fn from_csv(
        provinsi: &str,
        kabupaten: &str,
        kecamatan: &str,
    ) -> Result<Self, GazetteerError> {
        let mut provinsi_rows = Vec::new();
        for (row, r) in rows("provinsi.csv", provinsi)?.iter().enumerate() {
            let f = |i| field("provinsi.csv", row, r, i);
            provinsi_rows.push(Provinsi {
                code: code("provinsi.csv", row, f(0)?)?,
                name: f(1)?,
                luas_km2: optional(f(2)?),
                penduduk: optional(f(3)?),
            });
        }
        let mut kabupaten_rows = Vec::new();
        for (row, r) in rows("kabupaten.csv", kabupaten)?.iter().enumerate() {
            let f = |i| field("kabupaten.csv", row, r, i);
            let name = f(2)?;
            let (_, kind) = kabupaten_key(&name);
            let short_name = name
                .split_once(' ')
                .map(|(_, rest)| rest.trim_start_matches("Administrasi ").to_owned())
                .unwrap_or_else(|| name.clone());
            kabupaten_rows.push(Kabupaten {
                code: code("kabupaten.csv", row, f(0)?)?,
                provinsi_code: code("kabupaten.csv", row, f(1)?)?,
                short_name,
                kind: kind.unwrap_or(KabupatenKind::Kabupaten),
                name,
                luas_km2: optional(f(3)?),
                penduduk: optional(f(4)?),
            });
        }
        let mut kecamatan_rows = Vec::new();
        for (row, r) in rows("kecamatan.csv", kecamatan)?.iter().enumerate() {
            let f = |i| field("kecamatan.csv", row, r, i);
            kecamatan_rows.push(Kecamatan {
                code: code("kecamatan.csv", row, f(0)?)?,
                kabupaten_code: code("kecamatan.csv", row, f(1)?)?,
                name: f(2)?,
            });
        }
        Ok(Self::indexed(provinsi_rows, kabupaten_rows, kecamatan_rows))
    }

    fn indexed(
        provinsi: Vec<Provinsi>,
        kabupaten: Vec<Kabupaten>,
        kecamatan: Vec<Kecamatan>,
    ) -> Self {
        let provinsi_by_code = provinsi
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.to_string(), i))
            .collect();
        let kabupaten_by_code = kabupaten
            .iter()
            .enumerate()
            .map(|(i, k)| (k.code.to_string(), i))
            .collect();
        let mut kabupaten_by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, k) in kabupaten.iter().enumerate() {
            kabupaten_by_key
                .entry(kabupaten_key(&k.name).0)
                .or_default()
                .push(i);
        }
        let kecamatan_by_key = kecamatan
            .iter()
            .enumerate()
            .map(|(i, k)| ((k.kabupaten_code.to_string(), kecamatan_key(&k.name)), i))
            .collect();
        Gazetteer {
            provinsi,
            kabupaten,
            kecamatan,
            provinsi_by_code,
            kabupaten_by_code,
            kabupaten_by_key,
            kecamatan_by_key,
        }
    }

    pub fn provinsi_by_code(&self, code: &RegionCode) -> Option<&Provinsi> {
        self.provinsi_by_code
            .get(code.as_str())
            .map(|&i| &self.provinsi[i])
    }

    pub fn kabupaten_by_code(&self, code: &RegionCode) -> Option<&Kabupaten> {
        self.kabupaten_by_code
            .get(code.as_str())
            .map(|&i| &self.kabupaten[i])
    }

    /// The kecamatan of a kabupaten, in code order.
    pub fn kecamatan_of<'a>(
        &'a self,
        kabupaten: &'a RegionCode,
    ) -> impl Iterator<Item = &'a Kecamatan> + 'a {
        self.kecamatan
            .iter()
            .filter(move |k| &k.kabupaten_code == kabupaten)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_load_completely() {
        let g = Gazetteer::official();
        assert_eq!(g.provinsi.len(), 38);
        assert_eq!(g.kabupaten.len(), 514);
        assert_eq!(g.kecamatan.len(), 7285);
        let magetan = g.kabupaten_by_code(&"35.20".parse().unwrap()).unwrap();
        assert_eq!(
            (magetan.name.as_str(), magetan.short_name.as_str()),
            ("Kabupaten Magetan", "Magetan")
        );
        assert_eq!(
            g.kabupaten
                .iter()
                .filter(|k| k.kind == KabupatenKind::Kota)
                .count(),
            98
        );
    }
}
