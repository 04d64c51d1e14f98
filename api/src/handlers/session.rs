//! The dashboard's login for reviewer accounts: a session cookie (HttpOnly, SameSite=Strict,
//! Secure behind TLS) and the CSRF token every change made with it must carry
//! (docs/security.md).

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::http::header;
use actix_web::{delete, get, post, web, HttpRequest, HttpResponse, HttpResponseBuilder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use warehouse::accounts::{self, Account, LOCK_AFTER_FAILURES};
use warehouse::review::audit_as;
use warehouse::sessions;

use crate::auth::{self, Credentials, CSRF_COOKIE, SESSION_COOKIE};
use crate::error::ApiError;
use crate::state::AppState;

/// How long ten wrong passwords in a row lock an account.
pub const LOCK_FOR: Duration = Duration::from_secs(15 * 60);
const MAX_BODY: usize = 4 * 1024;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(example = "bappeda@karanganyarkab.go.id")]
    pub email: String,
    pub password: String,
}

/// Who the session is, and the CSRF token to send with every change.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionInfo {
    pub authenticated: bool,
    /// Send it in the `X-CSRF-Token` header with the login and, once logged in, with every
    /// review and the logout. It belongs to this browser's cookie and changes at login.
    pub csrf_token: String,
    pub account: Option<SessionAccount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionAccount {
    pub email: String,
    /// `admin` or `reviewer`.
    pub role: String,
    /// The provinsi or kabupaten code reviewed; null for an admin.
    pub region: Option<String>,
}

impl From<Account> for SessionAccount {
    fn from(a: Account) -> Self {
        SessionAccount {
            email: a.email,
            role: a.role,
            region: a.region_code,
        }
    }
}

fn cookie<'c>(req: &HttpRequest, state: &AppState, name: &'c str, value: String) -> Cookie<'c> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(crate::client::is_https(req, state.settings.trust_forwarded))
        .finish()
}

fn expired<'c>(req: &HttpRequest, state: &AppState, name: &'c str) -> Cookie<'c> {
    let mut gone = cookie(req, state, name, String::new());
    gone.make_removal();
    gone
}

fn private(mut builder: HttpResponseBuilder) -> HttpResponseBuilder {
    builder.insert_header((header::CACHE_CONTROL, "no-store"));
    builder
}

/// The session of this browser: who is logged in, and the CSRF token for the next change.
/// Without a session it sets the `kinerja_csrf` cookie the login form must echo.
#[utoipa::path(
    tag = "session",
    responses(
        (status = 200, description = "The session (or none) and its CSRF token", body = SessionInfo)
    )
)]
#[get("/session")]
pub async fn get_session(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let credentials = Credentials::of(&req);
    let session = credentials.session.clone();
    let account = match session.clone() {
        Some(token) => {
            state
                .db_primary(move |conn| {
                    Ok(sessions::account_of(conn, &auth::token_digest(&token))?)
                })
                .await?
        }
        None => None,
    };
    let mut response = private(HttpResponse::Ok());
    let info = match (account, session) {
        (Some(account), Some(token)) => SessionInfo {
            authenticated: true,
            csrf_token: auth::csrf_of_session(&token),
            account: Some(account.into()),
        },
        (_, stale) => {
            if stale.is_some() {
                response.cookie(expired(&req, &state, SESSION_COOKIE));
            }
            let csrf = credentials.login_csrf().unwrap_or_else(auth::random_secret);
            response.cookie(cookie(&req, &state, CSRF_COOKIE, csrf.clone()));
            SessionInfo {
                authenticated: false,
                csrf_token: csrf,
                account: None,
            }
        }
    };
    Ok(response.json(info))
}

/// A hash to verify against when the email is unknown, so that a wrong email takes as long as
/// a wrong password and does not tell which accounts exist.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| auth::hash_password(&auth::random_secret()).unwrap_or_default())
}

/// Logs a reviewer in with email and password. Ten wrong passwords in a row lock the account
/// for 15 minutes; each client has a budget of attempts per minute.
#[utoipa::path(
    tag = "session",
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` of GET /api/v1/session (the value of its `kinerja_csrf` cookie)")),
    request_body(content = LoginRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Logged in: the session cookie is set; the answer holds the new CSRF token", body = SessionInfo),
        crate::problems::Malformed,
        crate::problems::Unauthenticated,
        crate::problems::Forbidden,
        crate::problems::TooLarge,
        crate::problems::RateLimited
    )
)]
#[post("/session")]
pub async fn log_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    crate::params::body_within(&body, MAX_BODY)?;
    crate::client::take_budget(
        &state.logins,
        &req,
        state.settings.trust_forwarded,
        "login attempts from this address",
    )?;
    let credentials = Credentials::of(&req);
    if !credentials.login_csrf_ok() {
        return Err(ApiError::Csrf);
    }
    let login: LoginRequest = crate::params::json_body(&body)?;
    let (account, token) = state
        .db_primary(move |conn| check_login(conn, &login))
        .await?;
    let info = SessionInfo {
        authenticated: true,
        csrf_token: auth::csrf_of_session(&token),
        account: Some(account.into()),
    };
    let mut session = cookie(&req, &state, SESSION_COOKIE, token);
    session.set_max_age(time::Duration::seconds(
        i64::try_from(sessions::LIFETIME.as_secs()).unwrap_or(i64::MAX),
    ));
    Ok(private(HttpResponse::Ok())
        .cookie(session)
        // The pre-login token is spent: after login only the session's own token counts.
        .cookie(expired(&req, &state, CSRF_COOKIE))
        .json(info))
}

fn check_login(
    conn: &mut warehouse::DbConnection,
    login: &LoginRequest,
) -> Result<(Account, String), ApiError> {
    let now = sessions::rfc3339(SystemTime::now());
    let account = accounts::find(conn, &login.email)?.filter(|a| !a.disabled);
    let Some(account) = account else {
        auth::verify_password(&login.password, decoy_hash());
        return Err(ApiError::LoginFailed);
    };
    let retry_after = |until: Option<&str>| {
        until
            .and_then(sessions::seconds_until)
            .unwrap_or(LOCK_FOR.as_secs())
    };
    if account.locked_at(&now) {
        return Err(ApiError::Locked {
            failures: LOCK_AFTER_FAILURES,
            retry_after: retry_after(account.locked_until.as_deref()),
        });
    }
    let actor = account.actor().audit_name();
    let subject = format!("user:{}", account.email);
    if !auth::verify_password(&login.password, &accounts::password_hash(conn, account.id)?) {
        let lock_until = sessions::rfc3339(SystemTime::now() + LOCK_FOR);
        if accounts::record_failure(conn, account.id, &lock_until)? {
            audit_as(
                conn,
                &actor,
                "session.locked",
                &subject,
                &serde_json::json!({ "until": lock_until }),
            )?;
            return Err(ApiError::Locked {
                failures: LOCK_AFTER_FAILURES,
                retry_after: LOCK_FOR.as_secs(),
            });
        }
        return Err(ApiError::LoginFailed);
    }
    accounts::record_success(conn, account.id)?;
    let token = auth::random_secret();
    sessions::open(conn, account.id, &auth::token_digest(&token))?;
    audit_as(
        conn,
        &actor,
        "session.login",
        &subject,
        &serde_json::json!({}),
    )?;
    Ok((account, token))
}

/// Logs out: the session ends at once, on the server, and its cookie is removed.
#[utoipa::path(
    tag = "session",
    params(("X-CSRF-Token" = String, Header, description = "The session's `csrf_token`")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Logged out"),
        crate::problems::Unauthenticated,
        crate::problems::Forbidden
    )
)]
#[delete("/session")]
pub async fn log_out(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let credentials = Credentials::of(&req);
    let digest = auth::token_digest(credentials.require_session_csrf()?);
    state
        .db_primary(move |conn| {
            if let Some(account) = sessions::account_of(conn, &digest)? {
                audit_as(
                    conn,
                    &account.actor().audit_name(),
                    "session.logout",
                    &format!("user:{}", account.email),
                    &serde_json::json!({}),
                )?;
            }
            sessions::revoke(conn, &digest)?;
            Ok(())
        })
        .await?;
    Ok(private(HttpResponse::NoContent())
        .cookie(expired(&req, &state, SESSION_COOKIE))
        .finish())
}
