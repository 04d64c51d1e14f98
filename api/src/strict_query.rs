//! Unknown query parameters are refused with a 400 naming them, so a typo (`tahun` written
//! `year`, `kabupatan`) is not silently ignored and answered with unfiltered data.
//!
//! The parameters each route accepts are read once from the OpenAPI document: what the
//! document declares is exactly what the server takes, with no second list to keep in sync.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::ResponseError;
use utoipa::openapi::path::ParameterIn;

use crate::error::ApiError;

/// English (and common API) names people type for this API's Indonesian parameter names.
const ALIASES: [(&str, &str); 14] = [
    ("year", "tahun"),
    ("years", "tahun"),
    ("district", "kecamatan"),
    ("subdistrict", "kecamatan"),
    ("regency", "kabupaten"),
    ("city", "kabupaten"),
    ("kab", "kabupaten"),
    ("kec", "kecamatan"),
    ("province", "provinsi"),
    ("prov", "provinsi"),
    ("indicator", "concept"),
    ("cursor", "after"),
    ("per_page", "limit"),
    ("page_size", "limit"),
];

/// Every answer can be had as CSV (`respond` reads it on every route), including the single
/// objects whose documents do not list it.
const EVERYWHERE: &str = "format";

/// Query parameter names of each GET route, keyed by the route's pattern as actix and the
/// OpenAPI document both write it (`/api/v1/kecamatan/{code}`).
fn accepted_parameters() -> &'static HashMap<String, BTreeSet<String>> {
    static ACCEPTED: OnceLock<HashMap<String, BTreeSet<String>>> = OnceLock::new();
    ACCEPTED.get_or_init(|| {
        crate::openapi::document()
            .clone()
            .paths
            .paths
            .into_iter()
            .filter_map(|(path, item)| {
                let operation = item.get?;
                let names = operation
                    .parameters
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| matches!(p.parameter_in, ParameterIn::Query))
                    .map(|p| p.name)
                    .collect();
                Some((path, names))
            })
            .collect()
    })
}

/// The first query parameter a route does not accept, as a 400 that names it and the
/// parameter probably meant.
fn unknown_parameter(query: &str, accepted: &BTreeSet<String>) -> Option<ApiError> {
    let unknown =
        form_urlencoded(query).find(|name| !accepted.contains(name) && name != EVERYWHERE)?;
    let meant = closest(&unknown, accepted);
    let known = accepted.iter().map(String::as_str).collect::<Vec<_>>();
    let reason = match (&meant, known.is_empty()) {
        (Some(meant), _) => format!("unknown parameter `{unknown}`; did you mean `{meant}`?"),
        (None, true) => format!("unknown parameter `{unknown}`; this endpoint takes none"),
        (None, false) => format!(
            "unknown parameter `{unknown}`; this endpoint takes {}",
            known.join(", ")
        ),
    };
    Some(ApiError::BadParameter {
        name: unknown,
        reason,
    })
}

/// The names of a query string's parameters (percent-decoded, `+` as space).
fn form_urlencoded(query: &str) -> impl Iterator<Item = String> + '_ {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
        .map(|name| {
            let name = name.replace('+', " ");
            percent_decode(&name)
        })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The accepted name an unknown one most likely meant: a known alias, or a close spelling.
fn closest(unknown: &str, accepted: &BTreeSet<String>) -> Option<String> {
    let lower = unknown.to_ascii_lowercase();
    if let Some((_, meant)) = ALIASES
        .iter()
        .find(|(alias, meant)| *alias == lower && accepted.contains(*meant))
    {
        return Some((*meant).to_owned());
    }
    if accepted.contains(&lower) {
        return Some(lower);
    }
    accepted
        .iter()
        .map(|name| (strsim::jaro_winkler(name, &lower), name))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.clone())
}

/// Middleware: answers 400 for a GET whose query names a parameter its route does not declare.
pub async fn reject_unknown_parameters(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let refused = match (req.method().as_str(), req.match_pattern()) {
        ("GET" | "HEAD", Some(pattern)) if !req.query_string().is_empty() => accepted_parameters()
            .get(&pattern)
            .and_then(|accepted| unknown_parameter(req.query_string(), accepted)),
        _ => None,
    };
    match refused {
        Some(error) => Ok(req
            .into_response(error.error_response())
            .map_into_right_body()),
        None => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn unknown_parameters_name_what_was_meant() {
        let accepted = names(&["tahun", "kabupaten", "limit", "after", "format"]);
        let reason = |query| match unknown_parameter(query, &accepted) {
            Some(ApiError::BadParameter { name, reason }) => format!("{name}: {reason}"),
            other => format!("{other:?}"),
        };
        assert_eq!(
            reason("year=2023"),
            "year: unknown parameter `year`; did you mean `tahun`?"
        );
        assert_eq!(
            reason("tahun=2023&kabupatan=33.13"),
            "kabupatan: unknown parameter `kabupatan`; did you mean `kabupaten`?"
        );
        assert_eq!(
            reason("Tahun=2023"),
            "Tahun: unknown parameter `Tahun`; did you mean `tahun`?"
        );
        assert!(reason("zzz=1").starts_with("zzz: unknown parameter `zzz`; this endpoint takes"));
        assert!(unknown_parameter("tahun=2023&limit=5&format=csv", &accepted).is_none());
        assert!(unknown_parameter("format=csv", &names(&[])).is_none());
        assert!(unknown_parameter("", &accepted).is_none());
        assert!(unknown_parameter("&&", &accepted).is_none());
    }

    #[test]
    fn names_are_percent_decoded() {
        let accepted = names(&["tahun"]);
        assert!(unknown_parameter("%74ahun=2023", &accepted).is_none());
        assert!(unknown_parameter("ta%ZZ=1", &accepted).is_some());
    }

    #[test]
    fn every_documented_route_is_known() {
        let routes = accepted_parameters();
        assert!(routes
            .get("/api/v1/facts")
            .is_some_and(|p| p.contains("tahun") && p.contains("after")));
        assert!(routes.contains_key("/api/v1/kecamatan/{code}"));
    }
}
