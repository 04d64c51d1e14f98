//! Turning data into answers: JSON or CSV (by `?format=` or `Accept`), with a strong ETag that
//! turns a repeated request into a 304, and a Cache-Control that lets caches help.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpMessage as _, HttpRequest, HttpResponse};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::error::ApiError;

/// The licence every answer carries, so that a downloaded file still says it.
pub const LICENCE: &str = "Data: public LKjIP reports of the kecamatan named; region codes: Kemendagri via cahyadsn/wilayah (MIT). Compiled by kinerja.";

/// The answer's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Csv,
}

/// The one query parameter of endpoints that take no other.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `json` (default) or `csv`.
    // Documents the parameter; `format_of` reads it from the raw query with the `Accept` header.
    #[allow(dead_code)]
    #[param(value_type = Option<String>, pattern = "^(json|csv)?$")]
    pub format: Option<String>,
}

fn query_value<'a>(req: &'a HttpRequest, key: &str) -> Option<&'a str> {
    req.query_string()
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// `?format=csv|json` wins; otherwise `Accept: text/csv` asks for CSV; JSON is the default.
pub fn format_of(req: &HttpRequest) -> Result<Format, ApiError> {
    match query_value(req, "format") {
        Some("csv") => return Ok(Format::Csv),
        Some("json" | "") => return Ok(Format::Json),
        Some(other) => {
            return Err(ApiError::bad(
                "format",
                format!("`{other}` is not `json` or `csv`"),
            ))
        }
        None => {}
    }
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Ok(
        if accept.contains("text/csv") && !accept.contains("application/json") {
            Format::Csv
        } else {
            Format::Json
        },
    )
}

/// A page of a collection: its rows, how many rows match in all, and the link to the next page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub data: Vec<T>,
    /// Rows matching the filters, over all pages.
    pub total: i64,
    /// The URL of the next page; null on the last.
    pub next: Option<String>,
    pub licence: &'static str,
}

impl<T: ToSchema> Page<T> {
    pub fn new(data: Vec<T>, total: i64, next: Option<String>) -> Self {
        Page {
            data,
            total,
            next,
            licence: LICENCE,
        }
    }

    /// The one page of an answer that is never paged: all of `data`, no `next`.
    pub fn whole(data: Vec<T>) -> Self {
        let total = i64::try_from(data.len()).unwrap_or(i64::MAX);
        Page::new(data, total, None)
    }
}

/// The URL of the next page, when there is one. Readers ask for one row more than `limit`
/// (`limit + 1`): when it came, it is cut off here and the page ends with a `next` link whose
/// `after` is the last kept row's key; a page that ends the collection, full or not, has none.
pub fn next_page<T>(
    req: &HttpRequest,
    rows: &mut Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> String,
) -> Option<String> {
    let keep = usize::try_from(limit).ok()?;
    if rows.len() <= keep {
        return None;
    }
    rows.truncate(keep);
    let key = key(rows.last()?);
    let mut pairs: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("after="))
        .map(str::to_owned)
        .collect();
    pairs.push(format!("after={key}"));
    Some(format!("{}?{}", req.path(), pairs.join("&")))
}

/// Answers with JSON (the whole value) or CSV (the rows of `data`, or the value itself when it
/// is a list), with ETag and caching headers.
pub fn respond<T: Serialize>(req: &HttpRequest, value: &T) -> Result<HttpResponse, ApiError> {
    let (body, content_type) = match format_of(req)? {
        Format::Json => (serde_json::to_vec(value)?, "application/json"),
        Format::Csv => (
            csv_of(&serde_json::to_value(value)?)?,
            "text/csv; charset=utf-8",
        ),
    };
    Ok(with_etag(req, body, content_type))
}

/// The ETag the response cache gives an answer before the handler runs (from the data version,
/// format and URL): the answer carries it and its body needs no digest.
#[derive(Clone, Debug)]
pub struct VersionEtag(pub String);

/// A strong ETag: the response cache's [`VersionEtag`] when it set one, else a digest of the
/// body; the same answer gets the same tag, whatever changed elsewhere.
pub fn with_etag(req: &HttpRequest, body: Vec<u8>, content_type: &str) -> HttpResponse {
    let known = req.extensions().get::<VersionEtag>().map(|t| t.0.clone());
    let etag = known.unwrap_or_else(|| {
        let digest = Sha256::digest(&body);
        let tag: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        format!("\"{tag}\"")
    });
    let matches = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response.insert_header((header::ETAG, etag));
    response.insert_header((
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    ));
    response.insert_header((
        header::VARY,
        HeaderValue::from_static("Accept, Accept-Encoding"),
    ));
    if matches {
        response.finish()
    } else {
        response.content_type(content_type).body(body)
    }
}

/// Flattens JSON rows into CSV: nested objects become `parent.child` columns, lists are joined
/// with `;` (line numbers `992;993`), null is an empty cell. Columns follow the first row's
/// field order, then any new fields in order of appearance.
pub fn csv_of(json: &Value) -> Result<Vec<u8>, ApiError> {
    // A page's rows, a list's items, or a single object as one row.
    let rows: &[Value] = match json {
        Value::Object(map) => map
            .get("data")
            .and_then(Value::as_array)
            .map_or(std::slice::from_ref(json), Vec::as_slice),
        Value::Array(rows) => rows,
        _ => &[],
    };
    let flat = flat_rows(rows);
    let columns = columns_of(&flat);
    csv_rows(&flat, &columns, true)
}

/// Rows flattened to `parent.child` keys.
pub fn flat_rows(rows: &[Value]) -> Vec<Map<String, Value>> {
    rows.iter()
        .map(|row| {
            let mut out = Map::new();
            flatten("", row, &mut out);
            out
        })
        .collect()
}

/// The columns of flattened rows: the first row's order, then new keys as they appear.
pub fn columns_of(flat: &[Map<String, Value>]) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for row in flat {
        for key in row.keys() {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    columns
}

/// CSV text of flattened rows in the given columns, with or without the header line.
pub fn csv_rows(
    flat: &[Map<String, Value>],
    columns: &[String],
    header: bool,
) -> Result<Vec<u8>, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let internal = |e: csv::Error| ApiError::Internal(e.to_string());
    if header {
        writer.write_record(columns).map_err(internal)?;
    }
    for row in flat {
        let record: Vec<String> = columns.iter().map(|c| cell(row.get(c))).collect();
        writer.write_record(&record).map_err(internal)?;
    }
    writer
        .into_inner()
        .map_err(|e| ApiError::Internal(e.to_string()))
}

fn flatten(prefix: &str, value: &Value, out: &mut Map<String, Value>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&name, inner, out);
            }
        }
        other => {
            out.insert(prefix.to_owned(), other.clone());
        }
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_flattens_nested_rows_in_field_order() {
        let page = json!({"data": [
            {"kode": "35.20.15", "nama": "Kartoharjo", "source": {"report_id": 3, "lines": [992, 993]}, "target": "70"},
            {"kode": "33.13.11", "nama": "Jaten, \"Karanganyar\"", "source": {"report_id": 4, "lines": []}, "target": null}
        ], "total": 2});
        let csv = String::from_utf8(csv_of(&page).unwrap()).unwrap();
        assert_eq!(
            csv,
            "kode,nama,source.report_id,source.lines,target\n35.20.15,Kartoharjo,3,992;993,70\n33.13.11,\"Jaten, \"\"Karanganyar\"\"\",4,,\n"
        );
    }
}
