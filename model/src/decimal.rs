//! Exact decimals for every reported figure (rupiah, percentages, scores).
//!
//! A figure is never an `f64`: `1677707236.00` must come back as `1677707236.00`. The canonical
//! text form — optional `-`, ASCII digits, optionally `.` and more digits, no exponent, no
//! thousand separators — is what the extract contract prints, what SQLite stores and what the
//! API returns. The scale is kept (`83.20` stays `83.20`) because it is what the report printed.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An exact decimal figure, in canonical form (a JSON string, never a JSON number, so no reader
/// turns it into floating point).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = crate::sql::ExactNumeric))]
pub struct Exact(Decimal);

/// Why a text is not a canonical exact decimal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExactError {
    #[error("`{0}` is not a canonical decimal (expected digits with an optional `-` and one `.`, e.g. `1677707236.00`)")]
    NotCanonical(String),
    #[error("`{0}` has more digits than an exact decimal can hold (28)")]
    OutOfRange(String),
}

impl Exact {
    pub const ZERO: Exact = Exact(Decimal::ZERO);
    pub const HUNDRED: Exact = Exact(Decimal::ONE_HUNDRED);

    pub fn new(value: Decimal) -> Self {
        Exact(value)
    }

    /// The underlying decimal, for arithmetic.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Digits after the decimal point, as printed.
    pub fn scale(self) -> u32 {
        self.0.scale()
    }

    /// `numerator / denominator × 100`, rounded half-up to `dp` decimals; `None` when the
    /// denominator is zero (a percentage of nothing is not stated, not infinite).
    pub fn percent_of(numerator: Exact, denominator: Exact, dp: u32) -> Option<Exact> {
        if denominator.0.is_zero() {
            return None;
        }
        let ratio = numerator
            .0
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(denominator.0)?;
        Some(Exact(ratio).round_dp(dp))
    }

    /// Rounded half-up to exactly `dp` decimals (how reports round their percentages), so a
    /// computed `80` prints as `80.00` beside a printed `80,00`.
    pub fn round_dp(self, dp: u32) -> Exact {
        let mut rounded = self
            .0
            .round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(dp);
        Exact(rounded)
    }
}

fn is_canonical(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

impl FromStr for Exact {
    type Err = ExactError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if !is_canonical(text) {
            return Err(ExactError::NotCanonical(text.to_owned()));
        }
        Decimal::from_str_exact(text)
            .map(Exact)
            .map_err(|_| ExactError::OutOfRange(text.to_owned()))
    }
}

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // rust_decimal prints the kept scale and never an exponent: exactly the canonical form.
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Decimal> for Exact {
    fn from(value: Decimal) -> Self {
        Exact(value)
    }
}

impl From<Exact> for Decimal {
    fn from(value: Exact) -> Self {
        value.0
    }
}

impl TryFrom<String> for Exact {
    type Error = ExactError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Exact> for String {
    fn from(value: Exact) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reported_figures_round_trip_exactly() {
        for text in ["1677707236.00", "107.14", "0.8155", "70", "-3.5", "0.00"] {
            let exact: Exact = text.parse().unwrap();
            assert_eq!(exact.to_string(), text);
        }
    }

    #[test]
    fn non_canonical_text_is_refused() {
        for text in [
            "1.677.707.236,00",
            "107,14",
            "",
            "-",
            ".5",
            "5.",
            "1e5",
            " 7",
            "Rp 5",
            "+1",
        ] {
            assert!(text.parse::<Exact>().is_err(), "{text:?} was accepted");
        }
    }

    #[test]
    fn percent_of_rounds_half_up_and_refuses_zero() {
        let p = |a: &str, b: &str| Exact::percent_of(a.parse().unwrap(), b.parse().unwrap(), 2);
        assert_eq!(p("68.45", "70").unwrap().to_string(), "97.79");
        assert_eq!(p("83.20", "75").unwrap().to_string(), "110.93");
        assert_eq!(p("1", "0"), None);
    }

    #[test]
    fn serde_uses_json_strings() {
        let exact: Exact = serde_json::from_str("\"83.20\"").unwrap();
        assert_eq!(serde_json::to_string(&exact).unwrap(), "\"83.20\"");
        assert!(serde_json::from_str::<Exact>("\"83,20\"").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_canonical_text_round_trips(int in 0u64..10_000_000_000_000, frac in "[0-9]{0,6}") {
            let text = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
            proptest::prop_assert_eq!(text.parse::<Exact>().unwrap().to_string(), text);
        }
    }
}
