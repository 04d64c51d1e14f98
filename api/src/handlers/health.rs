//! Liveness, readiness and metrics for whoever runs the server.

use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use warehouse::schema::report;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(
    tag = "operations", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// The database answers.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, body = Health),
        crate::problems::Unavailable
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db(|conn| {
            report::table
                .count()
                .get_result::<i64>(conn)
                .map_err(|e| ApiError::Unavailable(e.to_string()))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Health { status: "ready" }))
}

/// Prometheus metrics.
#[utoipa::path(
    tag = "operations", responses((status = 200, description = "Prometheus text format", body = String, content_type = "text/plain")))]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let current = state
        .db(|conn| {
            Ok(report::table
                .filter(report::superseded_by.is_null())
                .count()
                .get_result::<i64>(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(state.metrics.render(current)))
}
