//! The indicator taxonomy: what each concept measures, its unit, direction and scale.

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::indicator_concept;

use crate::error::ApiError;
use crate::provenance::parse_strings;
use crate::respond::{respond, Page};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Concept {
    #[schema(example = "ikm")]
    pub key: String,
    #[schema(example = "Indeks Kepuasan Masyarakat")]
    pub name: String,
    /// Names reports use for it across kabupaten.
    pub synonyms: Vec<String>,
    pub unit: Option<String>,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: String,
    pub scale: Option<String>,
}

type ConceptRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
);

/// The indicator concepts that make results comparable across kabupaten.
#[utoipa::path(
    tag = "indicators",
    params(crate::respond::FormatQuery),
    responses(crate::problems::Malformed, (status = 200, description = "The taxonomy", content((Page<Concept> = "application/json"), (String = "text/csv"))))
)]
#[get("/indicators")]
pub async fn list_concepts(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let rows = state
        .db(|conn| {
            let rows: Vec<ConceptRow> = indicator_concept::table
                .order(indicator_concept::key)
                .select((
                    indicator_concept::key,
                    indicator_concept::name,
                    indicator_concept::synonyms,
                    indicator_concept::unit,
                    indicator_concept::direction,
                    indicator_concept::scale,
                ))
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(key, name, synonyms, unit, direction, scale)| Concept {
                    key,
                    name,
                    synonyms: parse_strings(&synonyms),
                    unit,
                    direction,
                    scale,
                })
                .collect::<Vec<_>>())
        })
        .await?;
    respond(&req, &Page::whole(rows))
}
