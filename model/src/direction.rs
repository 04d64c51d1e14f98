//! Whether a higher or a lower realisasi is the better result, and the capaian formula it implies.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Exact, UnknownVariant};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::HigherIsBetter, Direction::LowerIsBetter];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }

    /// Capaian in percent, rounded to `dp` decimals (domain.md, "Formulas"):
    /// higher is better: `realisasi / target × 100`;
    /// lower is better: `(target − (realisasi − target)) / target × 100`.
    pub fn capaian(self, target: Exact, realisasi: Exact, dp: u32) -> Option<Exact> {
        match self {
            Direction::HigherIsBetter => Exact::percent_of(realisasi, target, dp),
            Direction::LowerIsBetter => {
                let t = target.value();
                let numerator = t.checked_sub(realisasi.value().checked_sub(t)?)?;
                Exact::percent_of(numerator.into(), target, dp)
            }
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Direction {
    type Err = UnknownVariant;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Direction::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| UnknownVariant {
                kind: "direction",
                value: s.to_owned(),
                expected: "higher_is_better, lower_is_better",
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(s: &str) -> Exact {
        s.parse().unwrap()
    }

    #[test]
    fn capaian_follows_the_direction() {
        let up = Direction::HigherIsBetter.capaian(exact("75"), exact("83.20"), 2);
        assert_eq!(up.unwrap().to_string(), "110.93");
        // 10 complaints targeted, 12 received: (10 − 2) / 10 = 80 %.
        let down = Direction::LowerIsBetter.capaian(exact("10"), exact("12"), 2);
        assert_eq!(down.unwrap().to_string(), "80.00");
        assert_eq!(
            Direction::LowerIsBetter.capaian(exact("0"), exact("1"), 2),
            None
        );
    }

    #[test]
    fn text_round_trips() {
        for d in Direction::ALL {
            assert_eq!(d.as_str().parse::<Direction>().unwrap(), d);
        }
        assert!("up".parse::<Direction>().is_err());
    }
}
