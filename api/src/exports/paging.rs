//! Paging of the export tables, below the registry (`tables`) and the tables it lists: a page
//! of rows as JSON values and the cursor of the next one.

use serde_json::Value;

use crate::error::ApiError;

/// One page of rows and the cursor of the next page (None on the last).
pub type Rows = (Vec<Value>, Option<i64>);

pub fn to_values<T: serde::Serialize>(rows: &[T]) -> Result<Vec<Value>, ApiError> {
    rows.iter()
        .map(|r| serde_json::to_value(r).map_err(ApiError::from))
        .collect()
}

/// The next cursor of a keyset page: its last key, when the page was full.
pub fn next_key(len: usize, limit: i64, last: Option<i64>) -> Option<i64> {
    (i64::try_from(len).ok()? == limit)
        .then_some(last)
        .flatten()
}

/// The next cursor of a positional page.
pub fn next_offset(len: usize, limit: i64, offset: i64) -> Option<i64> {
    (i64::try_from(len).ok()? == limit).then_some(offset + limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_stop_at_a_short_page() {
        assert_eq!(next_key(10, 10, Some(42)), Some(42));
        assert_eq!(next_key(9, 10, Some(42)), None);
        assert_eq!(next_offset(10, 10, 20), Some(30));
        assert_eq!(next_offset(3, 10, 20), None);
    }
}
