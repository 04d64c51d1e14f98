//! Bulk downloads: whole tables as CSV, streamed page by page so that a national table never
//! sits in memory at once.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;

use super::facts::{load_facts, FactFilter};
use crate::error::ApiError;
use crate::respond::{columns_of, csv_rows, flat_rows, LICENCE};
use crate::state::AppState;

/// Rows fetched per database round trip while streaming.
const EXPORT_PAGE: i64 = 2000;

/// The tables one can download whole.
const TABLES: [&str; 2] = ["facts", "facts_with_history"];

/// Streams `load_page(after)` pages (each returning its rows and the last id) as one CSV.
fn stream_csv<T, F>(state: &AppState, name: &str, mut load_page: F) -> HttpResponse
where
    T: Serialize + Send + 'static,
    F: FnMut(&mut warehouse::DbConnection, i64) -> Result<(Vec<T>, Option<i64>), ApiError>
        + Send
        + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, ApiError>>(4);
    let pool = state.pool.clone();
    actix_web::rt::task::spawn_blocking(move || {
        let mut conn = match pool.get() {
            Ok(conn) => conn,
            Err(e) => {
                let _ = tx.blocking_send(Err(ApiError::Unavailable(e.to_string())));
                return;
            }
        };
        let mut after = 0;
        let mut columns: Option<Vec<String>> = None;
        loop {
            let chunk = load_page(&mut conn, after).and_then(|(rows, last)| {
                let values: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| serde_json::to_value(r).map_err(|e| ApiError::Internal(e.to_string())))
                    .collect::<Result<_, _>>()?;
                let flat = flat_rows(&values);
                let header = columns.is_none();
                let cols = columns.get_or_insert_with(|| columns_of(&flat));
                Ok((csv_rows(&flat, cols, header)?, last))
            });
            match chunk {
                Ok((bytes, last)) => {
                    if tx.blocking_send(Ok(Bytes::from(bytes))).is_err() {
                        return; // the client went away
                    }
                    match last {
                        Some(id) => after = id,
                        None => return,
                    }
                }
                Err(e) => {
                    let _ = tx.blocking_send(Err(e));
                    return;
                }
            }
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"kinerja-{name}.csv\""),
        ))
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        .insert_header(("x-licence", LICENCE))
        .streaming(body)
}

/// A whole table as CSV: `facts` (the current reports' figures of their own year) or
/// `facts_with_history` (also earlier years' figures printed in them).
#[utoipa::path(
    get, path = "/api/v1/exports/{table}.csv", tag = "facts",
    params(("table" = String, Path, description = "`facts` or `facts_with_history`", pattern = "^(facts|facts_with_history)$")),
    responses(
        (status = 200, description = "The table, streamed", body = String, content_type = "text/csv"),
        (status = 400, description = "A parameter is malformed", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such table", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/exports/{table}.csv")]
pub async fn export_csv(
    state: web::Data<AppState>,
    table: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let table = table.into_inner();
    if !TABLES.contains(&table.as_str()) {
        return Err(ApiError::NotFound {
            what: "table",
            key: table,
            suggestions: TABLES.iter().map(|t| (*t).to_owned()).collect(),
        });
    }
    let filter = FactFilter {
        include_history: table == "facts_with_history",
        ..FactFilter::default()
    };
    Ok(stream_csv(&state, &table, move |conn, after| {
        let (facts, _) = load_facts(conn, &filter, after, EXPORT_PAGE)?;
        let last = (facts.len() as i64 == EXPORT_PAGE)
            .then(|| facts.last().map(|f| f.id))
            .flatten();
        Ok((facts, last))
    }))
}
