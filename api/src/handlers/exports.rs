//! Bulk downloads: the list of tables, and each table whole as CSV or Parquet.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::exports::tables::{table, TABLES};
use crate::exports::{read_chunks, FileFormat};
use crate::respond::{respond, LICENCE};
use crate::state::AppState;

/// One downloadable table.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportTable {
    #[schema(example = "facts")]
    pub name: &'static str,
    pub description: &'static str,
    /// Rows in the table now.
    pub rows: i64,
    /// The columns, in file order (nested objects as `parent.child`, lists joined with `;`).
    pub columns: Vec<String>,
    #[schema(example = "/api/v1/exports/facts.csv")]
    pub csv: String,
    #[schema(example = "/api/v1/exports/facts.parquet")]
    pub parquet: String,
}

/// A Parquet file (binary).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)] // documents the body; the handler streams it
pub struct ParquetFile(Vec<u8>);

/// The list of bulk exports.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportList {
    pub data: Vec<ExportTable>,
    /// How reported figures are written in Parquet.
    pub figures: &'static str,
    pub licence: &'static str,
}

const FIGURES_NOTE: &str = "Reported figures are exact decimals written as text exactly as printed (\"83.20\"), in CSV and in Parquet (string columns); statistics such as percentiles are floating point.";

/// The tables one can download whole, with their row counts, columns and links.
#[utoipa::path(
    tag = "exports", params(crate::respond::FormatQuery),
    responses(
        (status = 200, description = "The downloadable tables", content((ExportList = "application/json"), (String = "text/csv"))),
        crate::problems::Malformed
    )
)]
#[get("/exports")]
pub async fn list_exports(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let data = state
        .db(|conn| {
            TABLES
                .iter()
                .map(|t| {
                    let (first, _) = (t.page)(conn, 0, 1)?;
                    let flat = crate::respond::flat_rows(&first);
                    Ok(ExportTable {
                        name: t.name,
                        description: t.description,
                        rows: (t.count)(conn)?,
                        columns: crate::respond::columns_of(&flat),
                        csv: format!("/api/v1/exports/{}.csv", t.name),
                        parquet: format!("/api/v1/exports/{}.parquet", t.name),
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    respond(
        &req,
        &ExportList {
            data,
            figures: FIGURES_NOTE,
            licence: LICENCE,
        },
    )
}

/// `facts.csv` → the `facts` table as CSV; a 404 naming the table or format otherwise.
fn parse_file(
    file: &str,
) -> Result<(&'static crate::exports::tables::Table, FileFormat), ApiError> {
    let (name, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let Some(format) = FileFormat::from_extension(ext) else {
        return Err(ApiError::NotFound {
            what: "export format",
            key: ext.to_owned(),
            suggestions: vec![format!("{name}.csv"), format!("{name}.parquet")],
        });
    };
    let Some(found) = table(name) else {
        let mut names: Vec<(f64, &str)> = TABLES
            .iter()
            .map(|t| (strsim::jaro_winkler(name, t.name), t.name))
            .collect();
        names.sort_by(|a, b| b.0.total_cmp(&a.0));
        return Err(ApiError::NotFound {
            what: "table",
            key: name.to_owned(),
            suggestions: names
                .iter()
                .take(3)
                .map(|(_, n)| format!("{n}.{ext}"))
                .collect(),
        });
    };
    Ok((found, format))
}

/// A whole table as CSV or Parquet (Parquet one row group per 2,000 rows), written once per data
/// version and then served from that file, with its length. The ETag is the data version: a
/// repeat after no load is a 304.
#[utoipa::path(
    tag = "exports",
    params(("file" = String, Path, description = "A table of `/api/v1/exports` and its format: `facts.csv`, `rankings.parquet` …",
        pattern = "^(facts|facts_with_history|kecamatan|reports|budget_lines|budget_programs|rankings|scores|trends|story_leads|quality)\\.(csv|parquet)$")),
    responses(
        (status = 200, description = "The table", content(
            (String = "text/csv"),
            (ParquetFile = "application/vnd.apache.parquet")
        ), headers(("content-disposition" = String, description = "attachment; filename=\"kinerja-TABLE.EXT\""))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match"),
        crate::problems::NotFound
    )
)]
#[get("/exports/{file}")]
pub async fn export_table(
    req: HttpRequest,
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (table, format) = parse_file(&file)?;
    let version = state.db(|conn| Ok(warehouse::data_version(conn)?)).await?;
    let etag = format!(
        "\"v{}.{}-{}.{}\"",
        version.warehouse,
        version.analytics,
        table.name,
        format.extension()
    );
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        .insert_header(("x-licence", LICENCE));
    if unchanged {
        return Ok(response.finish());
    }
    let path = state.exports.file(&state, table, format, version).await?;
    let (len, chunks) = read_chunks(&path)?;
    Ok(response
        .content_type(format.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"kinerja-{}.{}\"",
                table.name,
                format.extension()
            ),
        ))
        .no_chunking(len)
        .streaming(chunks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_table_and_format() {
        let (t, f) = parse_file("rankings.parquet").unwrap();
        assert_eq!((t.name, f), ("rankings", FileFormat::Parquet));
        let Err(ApiError::NotFound {
            what, suggestions, ..
        }) = parse_file("factz.csv")
        else {
            panic!("an unknown table")
        };
        assert_eq!((what, suggestions[0].as_str()), ("table", "facts.csv"));
        let Err(ApiError::NotFound { what, .. }) = parse_file("facts.xlsx") else {
            panic!("an unknown format")
        };
        assert_eq!(what, "export format");
    }
}
