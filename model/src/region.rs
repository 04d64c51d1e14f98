//! Kemendagri region codes: `35` (provinsi), `35.20` (kabupaten/kota), `35.20.01` (kecamatan),
//! `35.20.01.2001` (desa/kelurahan).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionLevel {
    Provinsi,
    Kabupaten,
    Kecamatan,
    Desa,
}

/// A well-formed official region code, kept as its dotted text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a Kemendagri region code (expected `35`, `35.20`, `35.20.01` or `35.20.01.2001`)"
)]
pub struct RegionCodeError(pub String);

/// Digits in each dotted part, from provinsi down to desa.
const PART_WIDTHS: [usize; 4] = [2, 2, 2, 4];

impl RegionCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> RegionLevel {
        match self.0.split('.').count() {
            1 => RegionLevel::Provinsi,
            2 => RegionLevel::Kabupaten,
            3 => RegionLevel::Kecamatan,
            _ => RegionLevel::Desa,
        }
    }

    /// The code of the region this one belongs to (`35.20.01` → `35.20`); `None` for a provinsi.
    pub fn parent(&self) -> Option<RegionCode> {
        self.0
            .rsplit_once('.')
            .map(|(parent, _)| RegionCode(parent.to_owned()))
    }
}

impl FromStr for RegionCode {
    type Err = RegionCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('.').collect();
        let well_formed = parts.len() <= PART_WIDTHS.len()
            && parts.iter().zip(PART_WIDTHS).all(|(part, width)| {
                part.len() == width && part.bytes().all(|b| b.is_ascii_digit())
            });
        if well_formed {
            Ok(RegionCode(s.to_owned()))
        } else {
            Err(RegionCodeError(s.to_owned()))
        }
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RegionCode {
    type Error = RegionCodeError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<RegionCode> for String {
    fn from(code: RegionCode) -> Self {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_level_and_finds_parents() {
        let kec: RegionCode = "35.20.01".parse().unwrap();
        assert_eq!(kec.level(), RegionLevel::Kecamatan);
        assert_eq!(kec.parent().unwrap().as_str(), "35.20");
        assert_eq!("35".parse::<RegionCode>().unwrap().parent(), None);
        assert_eq!(
            "35.20.01.2001".parse::<RegionCode>().unwrap().level(),
            RegionLevel::Desa
        );
    }

    #[test]
    fn refuses_malformed_codes() {
        for bad in [
            "",
            "3",
            "35.2",
            "35.20.1",
            "33.13.xx",
            "35.20.01.201",
            "35.20.01.2001.1",
            "35-20",
        ] {
            assert!(bad.parse::<RegionCode>().is_err(), "{bad:?} was accepted");
        }
    }
}
