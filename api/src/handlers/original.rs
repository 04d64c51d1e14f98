//! A report's original file, as loaded, so that any figure can be checked against the
//! document itself.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

use crate::error::ApiError;
use crate::state::AppState;

/// The original file of a report (content-addressed by its sha256): the file as loaded, or, for
/// a report loaded before originals were kept, its text rebuilt from the stored lines
/// (`X-Kinerja-Original: reconstructed`).
#[utoipa::path(
    tag = "reports",
    params(("id" = i64, Path, description = "Report id", minimum = 1, maximum = 2147483647)),
    responses(
        (status = 200, description = "The file, with its media type and a download file name", content((String = "text/plain"), (Vec<u8> = "application/pdf"), (Vec<u8> = "application/octet-stream"))),
        crate::problems::Malformed,
        crate::problems::NotFound
    )
)]
#[get("/reports/{id}/original")]
pub async fn report_original(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let raw = id.into_inner();
    let id = raw
        .parse::<i64>()
        .ok()
        .filter(|id| (1..=i64::from(i32::MAX)).contains(id))
        .ok_or_else(|| ApiError::bad("id", format!("`{raw}` is not a report id")))?;
    let original = state
        .db(move |conn| Ok(warehouse::original::original_of(conn, id)?))
        .await?
        .ok_or_else(|| ApiError::NotFound {
            what: "original file of report",
            key: id.to_string(),
            suggestions: Vec::new(),
        })?;
    let mut response = HttpResponse::Ok();
    response
        .content_type(original.media_type.as_str())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                download_name(&original.file_name)
            ),
        ))
        .insert_header((header::ETAG, format!("\"{}\"", original.sha256)))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"));
    if original.reconstructed {
        response.insert_header(("x-kinerja-original", "reconstructed"));
    }
    Ok(response.body(original.bytes))
}

/// The file name without what cannot stand in a quoted header value.
fn download_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.trim().is_empty() {
        "report".to_owned()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_safe_in_a_header() {
        assert_eq!(download_name("a/b/jaten-2023.txt"), "jaten-2023.txt");
        assert_eq!(download_name("lap\"oran.pdf"), "lap_oran.pdf");
        assert_eq!(download_name("kecamatan é.txt"), "kecamatan _.txt");
        assert_eq!(download_name(""), "report");
    }
}
