//! The level of the plan an indicator or budget line belongs to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::UnknownVariant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Tujuan,
    Sasaran,
    Iku,
    Program,
    Kegiatan,
    SubKegiatan,
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::Tujuan,
        Level::Sasaran,
        Level::Iku,
        Level::Program,
        Level::Kegiatan,
        Level::SubKegiatan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Tujuan => "tujuan",
            Level::Sasaran => "sasaran",
            Level::Iku => "iku",
            Level::Program => "program",
            Level::Kegiatan => "kegiatan",
            Level::SubKegiatan => "sub_kegiatan",
        }
    }

    /// Goal levels carry the kecamatan's key results (tujuan, sasaran, IKU).
    pub fn is_goal(self) -> bool {
        matches!(self, Level::Tujuan | Level::Sasaran | Level::Iku)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownVariant {
                kind: "level",
                value: s.to_owned(),
                expected: "tujuan, sasaran, iku, program, kegiatan, sub_kegiatan",
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        for level in Level::ALL {
            assert_eq!(level.as_str().parse::<Level>().unwrap(), level);
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.as_str()));
        }
        assert!("bab".parse::<Level>().is_err());
    }
}
