//! The actix application: routes, middleware (request ids, metrics, CORS, compression) and the
//! server's life cycle with graceful shutdown.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use actix_cors::Cors;
use actix_web::dev::Service;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{middleware, web, App, HttpRequest, HttpServer};
use tracing::Instrument;
use utoipa_actix_web::scope;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::ApiError;
use crate::handlers::{
    changes, compare, error_reports, exports, facts, health, insights, kecamatan, original,
    rankings, regions, reports, review, session, taxonomy, trends, upload,
};
use crate::state::AppState;

/// Largest query string or JSON body accepted outside the upload endpoint.
const MAX_REQUEST_BYTES: usize = 64 * 1024;

/// What answers when no route matched: a method the path does not take is not allowed (405,
/// with the methods it takes), a GET for an unknown path is not found (404).
async fn no_route(req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    use actix_web::http::Method;
    let allow = crate::allowed::methods_of(req.path());
    match req.method() {
        // A path that exists for other methods only (a POST endpoint) is a 405, not a 404.
        &Method::GET | &Method::HEAD if !allow.starts_with("GET") => {
            Err(ApiError::MethodNotAllowed {
                method: req.method().to_string(),
                allow,
            })
        }
        &Method::GET | &Method::HEAD => Err(ApiError::NoRoute(req.path().to_owned())),
        &Method::OPTIONS => Ok(actix_web::HttpResponse::NoContent()
            .insert_header((header::ALLOW, allow))
            .finish()),
        other => Err(ApiError::MethodNotAllowed {
            method: other.to_string(),
            allow,
        }),
    }
}

/// The one route list: each handler registered once, for actix and for the OpenAPI document
/// (`openapi::document` collects the paths from the same calls).
pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig<'_>) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(health::metrics)
        .service(
            scope::scope("/api/v1")
                .service(regions::list_provinsi)
                .service(regions::list_kabupaten)
                .service(regions::get_kabupaten)
                .service(kecamatan::list_kecamatan)
                .service(kecamatan::get_kecamatan)
                .service(kecamatan::kecamatan_indicators)
                .service(kecamatan::kecamatan_budget)
                .service(trends::kecamatan_trends)
                .service(compare::compare)
                .service(taxonomy::list_concepts)
                .service(reports::list_reports)
                .service(upload::upload_report)
                .service(reports::get_report)
                .service(reports::report_source)
                .service(original::report_original)
                .service(changes::list_changes)
                .service(rankings::ranking)
                .service(rankings::scores)
                .service(insights::quality)
                .service(insights::story_leads)
                .service(insights::budget_efficiency)
                .service(facts::list_facts)
                .service(review::review_fact)
                .service(review::review_queue)
                .service(session::get_session)
                .service(session::log_in)
                .service(session::log_out)
                .service(error_reports::submit_error_report)
                .service(error_reports::error_report_status)
                .service(exports::list_exports)
                .service(exports::export_table),
        );
}

/// Registers the application data, the documents and the fallbacks around [`routes`].
pub fn configure(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        routes(&mut utoipa_actix_web::service_config::ServiceConfig::new(
            cfg,
        ));
        cfg.app_data(web::Data::new(state))
            .app_data(
                web::QueryConfig::default()
                    .error_handler(|e, _| ApiError::bad("query", e.to_string()).into()),
            )
            .app_data(
                web::PathConfig::default()
                    .error_handler(|e, _| ApiError::bad("path", e.to_string()).into()),
            )
            .app_data(web::JsonConfig::default().limit(MAX_REQUEST_BYTES))
            .route(
                "/openapi.json",
                web::get().to(|| async { web::Json(crate::openapi::document()) }),
            )
            .service(
                SwaggerUi::new("/docs/{_:.*}")
                    .url("/api-docs/openapi.json", crate::openapi::document().clone()),
            )
            // Unknown API paths are problems, not the dashboard's page.
            .service(web::scope("/api").default_service(web::to(no_route)))
            .configure(crate::web_assets::configure)
            .default_service(web::to(no_route));
    }
}

static REQUEST_IDS: AtomicU64 = AtomicU64::new(1);

/// Builds the application with its middleware.
macro_rules! app {
    ($state:expr) => {{
        let metrics = $state.metrics.clone();
        App::new()
            .configure(configure($state))
            // Innermost: it keeps the handlers' plain bodies; compression is applied after it.
            .wrap(middleware::from_fn(crate::cache::answer_from_cache))
            // Outside the cache: a misspelt parameter is refused before any answer is looked up.
            .wrap(middleware::from_fn(crate::strict_query::reject_unknown_parameters))
            .wrap(middleware::Compress::default())
            .wrap(
                Cors::default()
                    .allow_any_origin()
                    .allowed_methods(vec!["GET", "HEAD", "OPTIONS"])
                    .allow_any_header()
                    .expose_headers(vec![header::ETAG, header::HeaderName::from_static("x-request-id")])
                    .max_age(3600),
            )
            .wrap_fn(move |mut req, srv| {
                // HEAD is answered as GET without the body (actix routes GET only).
                let head = req.method() == actix_web::http::Method::HEAD;
                if head {
                    req.head_mut().method = actix_web::http::Method::GET;
                }
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .filter(|v| v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("{:x}-{}", std::process::id(), REQUEST_IDS.fetch_add(1, Ordering::Relaxed)));
                let span = tracing::info_span!("request", id = %id, method = %req.method(), path = %req.path());
                let started = Instant::now();
                let metrics = metrics.clone();
                let fut = srv.call(req);
                async move {
                    let mut res = fut.await?;
                    let status = res.status().as_u16();
                    metrics.observe(status, started.elapsed());
                    tracing::info!(status, micros = started.elapsed().as_micros() as u64, "answered");
                    if let Ok(value) = HeaderValue::from_str(&id) {
                        res.headers_mut().insert(header::HeaderName::from_static("x-request-id"), value);
                    }
                    if head {
                        return Ok(res.map_body(|_, _| actix_web::body::BoxBody::new(())));
                    }
                    Ok(res.map_into_boxed_body())
                }
                .instrument(span)
            })
    }};
}

/// Blocking threads per worker: database work runs on them (`AppState::db`), and a thread beyond
/// the pool's connections would only wait for one (and hold a stack; actix allows 512 per
/// process by default; docs/benchmarks.md, *Design decisions*). Two more than the pool, for
/// work that needs no connection (a cache check) while every connection is busy.
fn blocking_threads(state: &AppState) -> usize {
    let primary = if state.has_replica {
        state.pool.max_size()
    } else {
        0
    };
    usize::try_from(state.reads.max_size() + primary).map_or(usize::MAX, |pools| pools + 2)
}

/// Runs the server until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub async fn serve(state: AppState, bind: &str) -> std::io::Result<()> {
    let blocking = blocking_threads(&state);
    let server = HttpServer::new(move || app!(state.clone()))
        .worker_max_blocking_threads(blocking)
        .bind(bind)?
        .shutdown_timeout(10);
    for addr in server.addrs() {
        tracing::warn!("kinerja listening on http://{addr} (API: /api/v1, docs: /docs)");
        eprintln!("kinerja listening on http://{addr}  (API /api/v1, docs /docs)");
    }
    server.run().await
}

/// Runs the server on an already bound listener (tests bind port 0 and read the port).
pub fn serve_listener(
    state: AppState,
    listener: std::net::TcpListener,
) -> std::io::Result<actix_web::dev::Server> {
    let blocking = blocking_threads(&state);
    Ok(HttpServer::new(move || app!(state.clone()))
        .worker_max_blocking_threads(blocking)
        .listen(listener)?
        .shutdown_timeout(5)
        .run())
}

/// Runs [`serve`] on its own actix runtime, for callers without one (the command line).
pub fn run_blocking(state: AppState, bind: &str) -> std::io::Result<()> {
    actix_web::rt::System::new().block_on(serve(state, bind))
}
