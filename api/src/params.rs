//! Query parameters arrive as text and are parsed here, so an error names the parameter and
//! says what was expected (serde's own messages name neither).

use model::{RegionCode, RegionLevel};

use crate::error::ApiError;

/// Default and largest page sizes of collections.
pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 1000;

pub fn year(name: &str, value: Option<&str>) -> Result<Option<i32>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            // Exactly four digits: ` 2023` or `+2023` are not years in a URL.
            Some(v)
                .filter(|v| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| ApiError::bad(name, format!("`{v}` is not a four-digit year")))?
                .parse::<model::Year>()
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

/// A region code of one level (a `kabupaten` parameter takes `35.20`, not `35` or `35.20.01`).
pub fn code_at(name: &str, value: &str, level: RegionLevel) -> Result<RegionCode, ApiError> {
    let code = region_code(name, value)?;
    if code.level() == level {
        Ok(code)
    } else {
        let example = match level {
            RegionLevel::Provinsi => "`35`",
            RegionLevel::Kabupaten => "`35.20`",
            RegionLevel::Kecamatan => "`35.20.01`",
            RegionLevel::Desa => "`35.20.01.2001`",
        };
        Err(ApiError::bad(
            name,
            format!("`{value}` is not a {name} code like {example}"),
        ))
    }
}

/// A region filter: a well-formed code of one level that names an official region. A code
/// that names none is a 404 with close codes, so a typo is not answered with an empty page.
pub fn optional_code_at(
    name: &str,
    value: Option<&str>,
    level: RegionLevel,
) -> Result<Option<RegionCode>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            let code = code_at(name, v, level)?;
            if is_official(&code) {
                Ok(code)
            } else {
                Err(unknown_region(level, code.as_str()))
            }
        })
        .transpose()
}

fn is_official(code: &RegionCode) -> bool {
    let gazetteer = regions::Gazetteer::official();
    match code.level() {
        RegionLevel::Provinsi => gazetteer.provinsi_by_code(code).is_some(),
        RegionLevel::Kabupaten => gazetteer.kabupaten_by_code(code).is_some(),
        RegionLevel::Kecamatan => gazetteer.kecamatan.iter().any(|k| &k.code == code),
        RegionLevel::Desa => true,
    }
}

/// A 404 for a region code that names no official region, suggesting the codes one edit away
/// (with their names).
pub fn unknown_region(level: RegionLevel, code: &str) -> ApiError {
    let gazetteer = regions::Gazetteer::official();
    let close = |candidate: &RegionCode| strsim::levenshtein(candidate.as_str(), code) <= 1;
    let named: Vec<(&RegionCode, &String)> = match level {
        RegionLevel::Provinsi => gazetteer
            .provinsi
            .iter()
            .map(|p| (&p.code, &p.name))
            .collect(),
        RegionLevel::Kabupaten => gazetteer
            .kabupaten
            .iter()
            .map(|k| (&k.code, &k.name))
            .collect(),
        RegionLevel::Kecamatan | RegionLevel::Desa => gazetteer
            .kecamatan
            .iter()
            .map(|k| (&k.code, &k.name))
            .collect(),
    };
    let suggestions = named
        .into_iter()
        .filter(|(c, _)| close(c))
        .take(5)
        .map(|(c, n)| format!("{c} ({n})"))
        .collect();
    ApiError::NotFound {
        what: match level {
            RegionLevel::Provinsi => "provinsi",
            RegionLevel::Kabupaten => "kabupaten",
            RegionLevel::Kecamatan | RegionLevel::Desa => "kecamatan",
        },
        key: code.to_owned(),
        suggestions,
    }
}

/// A resource id in a path (`/reports/{id}`): a positive integer, else a 400 naming `what`.
pub fn path_id(raw: &str, what: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad("id", format!("`{raw}` is not a {what} id")))
}

pub fn limit(value: Option<&str>) -> Result<i64, ApiError> {
    match value {
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

/// Largest id a cursor may name (as documented in the OpenAPI document).
pub const MAX_CURSOR: i64 = i32::MAX as i64;

/// A keyset cursor over integer ids (`after=1234`).
pub fn after_id(value: Option<&str>) -> Result<Option<i64>, ApiError> {
    value
        .map(|v| {
            v.parse::<i64>()
                .ok()
                .filter(|n| (0..=MAX_CURSOR).contains(n))
                .ok_or_else(|| {
                    ApiError::bad("after", format!("`{v}` is not a cursor from a `next` link"))
                })
        })
        .transpose()
}

/// An optional id filter (`report=12`): a positive integer up to [`MAX_CURSOR`]. Present but
/// empty is a 400 like any other non-number: the OpenAPI document declares an integer.
pub fn optional_id(name: &str, value: Option<&str>) -> Result<Option<i64>, ApiError> {
    value
        .map(|v| {
            v.parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_CURSOR).contains(n))
                .ok_or_else(|| ApiError::bad(name, format!("`{v}` is not a {name} id")))
        })
        .transpose()
}

/// `true` or `false`, as the OpenAPI document says (no `1`/`yes`: one spelling, one meaning).
pub fn boolean(name: &str, value: Option<&str>) -> Result<Option<bool>, ApiError> {
    match value {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(v) => Err(ApiError::bad(name, format!("`{v}` is not true or false"))),
    }
}

/// `120-140` or `120`: an inclusive range of line numbers. A reversed range is read the right
/// way round and a range longer than `max_span` is cut to its first `max_span` lines, so any
/// well-formed range gets an answer.
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
    let number = |text: &str| {
        Some(text)
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|t| t.parse::<i32>().ok())
            .filter(|n| *n >= 1)
            .ok_or_else(bad)
    };
    let (a, b) = match value.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => {
            let n = number(value)?;
            (n, n)
        }
    };
    let (from, to) = (a.min(b), a.max(b));
    Ok(Some((from, to.min(from.saturating_add(max_span - 1)))))
}

/// A request body is refused before it is read when it is longer than `limit` bytes.
pub fn body_within(body: &[u8], limit: usize) -> Result<(), ApiError> {
    if body.len() > limit {
        return Err(ApiError::TooLarge { limit });
    }
    Ok(())
}

/// A JSON request body read as `T`; what does not parse is a 400 naming the body.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::bad("body", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_filter_is_a_positive_integer_and_never_empty() {
        assert_eq!(optional_id("report", Some("12")).unwrap(), Some(12));
        assert_eq!(optional_id("report", None).unwrap(), None);
        for bad in ["", "0", "-3", "x", "99999999999"] {
            let err = optional_id("report", Some(bad)).unwrap_err();
            assert!(matches!(err, ApiError::BadParameter { ref name, .. } if name == "report"));
        }
    }

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
        assert!(optional_code_at("kabupaten", Some("33.1"), RegionLevel::Kabupaten).is_err());
        assert!(optional_code_at("kabupaten", Some("33"), RegionLevel::Kabupaten).is_err());
        assert!(optional_code_at("kabupaten", Some("33.13"), RegionLevel::Kabupaten).is_ok());
        assert!(matches!(
            optional_code_at("kabupaten", Some("33.99"), RegionLevel::Kabupaten),
            Err(ApiError::NotFound {
                what: "kabupaten",
                ..
            })
        ));
        match optional_code_at("provinsi", Some("39"), RegionLevel::Provinsi) {
            Err(ApiError::NotFound { suggestions, .. }) => {
                assert!(
                    suggestions.iter().any(|s| s.starts_with("33 ")),
                    "{suggestions:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(year("tahun", Some(" 2023")).is_err());
        assert_eq!(boolean("flagged", Some("true")).unwrap(), Some(true));
        assert!(boolean("flagged", Some("yes")).is_err());
        assert!(limit(Some("")).is_err());
    }

    #[test]
    fn line_ranges() {
        assert_eq!(line_range(Some("120-140"), 500).unwrap(), Some((120, 140)));
        assert_eq!(line_range(Some("7"), 500).unwrap(), Some((7, 7)));
        assert_eq!(line_range(Some("140-120"), 500).unwrap(), Some((120, 140)));
        assert_eq!(line_range(Some("1-1000"), 500).unwrap(), Some((1, 500)));
        for bad in ["0-3", "a-b", "1-", "-5", "99999999999", "+5", " 5"] {
            assert!(line_range(Some(bad), 500).is_err(), "{bad}");
        }
    }
}
