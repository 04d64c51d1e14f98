//! Printed percentages against recomputed ones: reports round to 0, 1 or 2 decimals, and some
//! truncate; only a difference beyond the printed rounding is a disagreement.

use model::extract::Severity;
use model::Exact;

/// The printed capaian disagrees with the recomputed one beyond the printed rounding.
pub fn percent_mismatch(printed: Exact, computed_exact: Exact) -> Option<Severity> {
    let dp = printed.scale();
    let rounded = computed_exact.round_dp(dp);
    if rounded.value() == printed.value() {
        return None;
    }
    let step = rust_decimal::Decimal::new(1, dp);
    let diff = (computed_exact.value() - printed.value()).abs();
    Some(if diff < step {
        Severity::Info
    } else {
        Severity::Warning
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn e(s: &str) -> Exact {
        Exact::from_str(s).unwrap_or(Exact::ZERO)
    }

    #[test]
    fn rounding_is_no_disagreement() {
        assert_eq!(percent_mismatch(e("110.93"), e("110.9333")), None);
        assert_eq!(percent_mismatch(e("108"), e("108.0000")), None);
        assert_eq!(
            percent_mismatch(e("97.78"), e("97.7857")),
            Some(Severity::Info)
        );
        assert_eq!(
            percent_mismatch(e("119"), e("123.75")),
            Some(Severity::Warning)
        );
    }
}
