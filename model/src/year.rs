//! A report year.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// A calendar year in which an LKjIP can plausibly report (SAKIP began in 1999; leave room ahead).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Year(u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a report year between {min} and {max}", min = Year::MIN, max = Year::MAX)]
pub struct YearError(pub String);

impl Year {
    pub const MIN: u16 = 1990;
    pub const MAX: u16 = 2100;

    pub fn new(year: i64) -> Result<Self, YearError> {
        u16::try_from(year)
            .ok()
            .filter(|y| (Self::MIN..=Self::MAX).contains(y))
            .map(Year)
            .ok_or_else(|| YearError(year.to_string()))
    }

    pub fn get(self) -> u16 {
        self.0
    }

    pub fn previous(self) -> Option<Year> {
        Year::new(i64::from(self.0) - 1).ok()
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for Year {
    type Err = YearError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<i64>()
            .map_err(|_| YearError(s.to_owned()))
            .and_then(Year::new)
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let year = i64::deserialize(deserializer)?;
        Year::new(year).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plausible_years_only() {
        assert_eq!("2023".parse::<Year>().unwrap().get(), 2023);
        assert!(Year::new(1234).is_err());
        assert!(Year::new(-1).is_err());
        assert!("20x3".parse::<Year>().is_err());
        assert!(serde_json::from_str::<Year>("99999").is_err());
    }
}
