//! The OpenAPI 3.1 document: its info, tags and security schemes here; its paths collected
//! from the one route list (`server::routes`) with each handler's `#[utoipa::path]`.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use std::sync::LazyLock;

use utoipa_actix_web::AppExt;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        // The dashboard's login (POST /api/v1/session); a change made with it also sends the
        // session's CSRF token in X-CSRF-Token.
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "The dashboard session (HttpOnly, SameSite=Strict). Changes need the session's \
`csrf_token` (GET /api/v1/session) in the X-CSRF-Token header.",
            ))),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kinerja",
        description = "Performance reports (LKjIP) of Indonesian kecamatan as one comparable, citable dataset. \
Every figure is exact (decimal strings) and carries its provenance: the report, its lines, a link that quotes them and a ready citation. \
Every collection is available as JSON and CSV (`?format=csv` or `Accept: text/csv`), paginated with `next` links. Errors are RFC 9457 problem documents.",
        license(name = "Data: public reports; code: MIT OR Apache-2.0")
    ),
    components(schemas(crate::error::Problem, crate::error::InvalidParam, crate::respond::Format)),
    modifiers(&BearerAuth),
    tags(
        (name = "regions", description = "Official provinsi and kabupaten/kota"),
        (name = "kecamatan", description = "A kecamatan's profile, indicators and budget"),
        (name = "indicators", description = "The indicator taxonomy"),
        (name = "facts", description = "Every figure, flat and filterable"),
        (name = "reports", description = "Reports, their provenance and their text"),
        (name = "changes", description = "The change log of published figures"),
        (name = "review", description = "Reviewers confirm, correct or withhold flagged figures of their region"),
        (name = "session", description = "The dashboard's login for reviewers: session cookie and CSRF token"),
        (name = "error-reports", description = "Anyone reports a wrong figure; reviewers of its region resolve it"),
        (name = "exports", description = "Whole tables as CSV or Parquet, streamed"),
        (name = "operations", description = "Health and metrics"),
    )
)]
pub struct ApiDoc;

/// The whole document: [`ApiDoc`] with the paths of every route the server registers. Built
/// once (from an application that is never run) and shared by `/openapi.json`, the docs page,
/// the strict parameter check and `kinerja openapi`.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| {
        actix_web::App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .configure(crate::server::routes)
            .split_for_parts()
            .1
    });
    &DOCUMENT
}

/// The document as committed in `openapi/openapi.json`.
pub fn openapi_json() -> String {
    document()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
