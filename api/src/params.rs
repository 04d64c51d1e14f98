//! Query parameters arrive as text and are parsed here, so an error names the parameter and
//! says what was expected (serde's own messages name neither).

use model::RegionCode;

use crate::error::ApiError;

/// Default and largest page sizes of collections.
pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 1000;

pub fn year(name: &str, value: Option<&str>) -> Result<Option<i32>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<model::Year>()
                .map(|y| i32::from(y.get()))
                .map_err(|e| ApiError::bad(name, e.to_string()))
        })
        .transpose()
}

pub fn region_code(name: &str, value: &str) -> Result<RegionCode, ApiError> {
    value
        .parse()
        .map_err(|e: model::RegionCodeError| ApiError::bad(name, e.to_string()))
}

pub fn optional_code(name: &str, value: Option<&str>) -> Result<Option<RegionCode>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| region_code(name, v))
        .transpose()
}

pub fn limit(value: Option<&str>) -> Result<i64, ApiError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(DEFAULT_LIMIT),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(
                "limit",
                format!("`{v}` is not a page size from 1 to {MAX_LIMIT}"),
            )),
        },
    }
}

/// A keyset cursor over integer ids (`after=1234`).
pub fn after_id(value: Option<&str>) -> Result<Option<i64>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                ApiError::bad("after", format!("`{v}` is not a cursor from a `next` link"))
            })
        })
        .transpose()
}

pub fn boolean(name: &str, value: Option<&str>) -> Result<Option<bool>, ApiError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some("true" | "1" | "yes") => Ok(Some(true)),
        Some("false" | "0" | "no") => Ok(Some(false)),
        Some(v) => Err(ApiError::bad(name, format!("`{v}` is not true or false"))),
    }
}

/// `120-140` or `120`: an inclusive range of line numbers, at most `max_span` lines long.
pub fn line_range(value: Option<&str>, max_span: i32) -> Result<Option<(i32, i32)>, ApiError> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bad = || {
        ApiError::bad(
            "lines",
            format!("`{value}` is not a line range like `120-140`"),
        )
    };
    let (from, to) = match value.split_once('-') {
        Some((a, b)) => (
            a.trim().parse::<i32>().map_err(|_| bad())?,
            b.trim().parse::<i32>().map_err(|_| bad())?,
        ),
        None => {
            let n = value.trim().parse::<i32>().map_err(|_| bad())?;
            (n, n)
        }
    };
    if from < 1 || to < from {
        return Err(bad());
    }
    if to - from >= max_span {
        return Err(ApiError::bad(
            "lines",
            format!("at most {max_span} lines at a time"),
        ));
    }
    Ok(Some((from, to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_parameter() {
        let err = year("tahun", Some("20x3")).unwrap_err();
        assert!(matches!(err, ApiError::BadParameter { ref name, .. } if name == "tahun"));
        assert_eq!(year("tahun", Some("2023")).unwrap(), Some(2023));
        assert_eq!(year("tahun", None).unwrap(), None);
        assert!(limit(Some("0")).is_err());
        assert!(limit(Some("5000")).is_err());
        assert_eq!(limit(None).unwrap(), DEFAULT_LIMIT);
        assert!(after_id(Some("-3")).is_err());
        assert!(optional_code("kabupaten", Some("33.1")).is_err());
        assert_eq!(boolean("flagged", Some("yes")).unwrap(), Some(true));
    }

    #[test]
    fn line_ranges() {
        assert_eq!(line_range(Some("120-140"), 500).unwrap(), Some((120, 140)));
        assert_eq!(line_range(Some("7"), 500).unwrap(), Some((7, 7)));
        for bad in ["140-120", "0-3", "a-b", "1-", "-5"] {
            assert!(line_range(Some(bad), 500).is_err(), "{bad}");
        }
        assert!(line_range(Some("1-1000"), 500).is_err());
    }
}
