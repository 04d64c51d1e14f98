//! Who is calling: reviewer passwords (argon2id), API tokens and dashboard sessions
//! (docs/security.md).
//!
//! A request authenticates with `Authorization: Bearer <token>` (the bootstrap admin token
//! `KINERJA_ADMIN_TOKEN`, or a reviewer's API token, stored as its sha256 only), or with the
//! dashboard's session cookie. A browser sends the cookie by itself, so a change made with it
//! also needs the session's CSRF token in the `X-CSRF-Token` header; a bearer token is never
//! sent by itself and needs none.

use actix_web::http::header;
use actix_web::HttpRequest;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use subtle::ConstantTimeEq;
use warehouse::review::Actor;
use warehouse::DbConnection;

use crate::error::ApiError;

/// An argon2id PHC string of `password` (default parameters: 19 MiB, 2 passes), with a fresh
/// random salt.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::Internal(format!("cannot hash the password: {e}")))
}

/// Whether `password` is the one `phc` was made from (false for a malformed hash).
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A new random secret of 32 bytes as 64 hex digits (API tokens, generated passwords).
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 under which a token is stored.
pub fn token_digest(token: &str) -> String {
    warehouse::sha256_hex(token.as_bytes())
}

/// The bearer token of a request, exactly as sent after `Bearer `, if any.
pub fn bearer(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Whether `given` is the bootstrap admin token, compared in constant time.
pub fn is_admin_token(given: &str, admin_token: Option<&str>) -> bool {
    admin_token.is_some_and(|expected| given.as_bytes().ct_eq(expected.as_bytes()).into())
}

/// The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS.
pub const SESSION_COOKIE: &str = "kinerja_session";
/// The cookie whose value a login form must echo in `X-CSRF-Token` (no session yet).
pub const CSRF_COOKIE: &str = "kinerja_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The CSRF token of a session: derived from the session's secret, so it needs no storage,
/// and a page that cannot read the HttpOnly cookie cannot make it.
pub fn csrf_of_session(session_token: &str) -> String {
    warehouse::sha256_hex(format!("kinerja-csrf:{session_token}").as_bytes())
}

fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// What a request brings to say who it is, read before the work moves to a blocking thread.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    pub bearer: Option<String>,
    pub session: Option<String>,
    csrf_sent: Option<String>,
    csrf_cookie: Option<String>,
}

impl Credentials {
    pub fn of(req: &HttpRequest) -> Self {
        let cookie = |name: &str| {
            req.cookie(name)
                .map(|c| c.value().to_owned())
                .filter(|v| !v.is_empty())
        };
        Credentials {
            bearer: bearer(req),
            session: cookie(SESSION_COOKIE),
            csrf_sent: req
                .headers()
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            csrf_cookie: cookie(CSRF_COOKIE),
        }
    }

    /// The pre-login CSRF token this browser already holds (its `kinerja_csrf` cookie).
    pub fn login_csrf(&self) -> Option<String> {
        self.csrf_cookie.clone()
    }

    /// Whether the login form echoed the value of its `kinerja_csrf` cookie.
    pub fn login_csrf_ok(&self) -> bool {
        matches!((&self.csrf_sent, &self.csrf_cookie), (Some(sent), Some(cookie)) if same_secret(sent, cookie))
    }

    /// Whether a cookie-authenticated change carries the CSRF token of its session.
    fn session_csrf_ok(&self, session: &str) -> bool {
        self.csrf_sent
            .as_deref()
            .is_some_and(|sent| same_secret(sent, &csrf_of_session(session)))
    }

    /// The actor of a change (POST): by bearer token, or by a live session whose CSRF token
    /// the request carries (403 without it); 401 when neither names anyone.
    pub fn actor_for_change(
        &self,
        conn: &mut DbConnection,
        admin_token: Option<&str>,
    ) -> Result<Actor, ApiError> {
        self.actor(conn, admin_token, true)
    }

    /// The actor of a read (GET): by bearer token or live session.
    pub fn actor_for_read(
        &self,
        conn: &mut DbConnection,
        admin_token: Option<&str>,
    ) -> Result<Actor, ApiError> {
        self.actor(conn, admin_token, false)
    }

    fn actor(
        &self,
        conn: &mut DbConnection,
        admin_token: Option<&str>,
        change: bool,
    ) -> Result<Actor, ApiError> {
        if let Some(token) = &self.bearer {
            if is_admin_token(token, admin_token) {
                return Ok(Actor::bootstrap_admin());
            }
            return warehouse::accounts::account_of_token(conn, &token_digest(token))?
                .map(|account| account.actor())
                .ok_or(ApiError::Unauthorized);
        }
        let session = self.session.as_deref().ok_or(ApiError::Unauthorized)?;
        if change && !self.session_csrf_ok(session) {
            return Err(ApiError::Csrf);
        }
        warehouse::sessions::account_of(conn, &token_digest(session))?
            .map(|account| account.actor())
            .ok_or(ApiError::Unauthorized)
    }

    /// The CSRF check of a change made with the session cookie (logout).
    pub fn require_session_csrf(&self) -> Result<&str, ApiError> {
        let session = self.session.as_deref().ok_or(ApiError::Unauthorized)?;
        if self.session_csrf_ok(session) {
            Ok(session)
        } else {
            Err(ApiError::Csrf)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("kata sandi panjang").unwrap_or_else(|e| panic!("{e}"));
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("kata sandi panjang", &hash));
        assert!(!verify_password("kata sandi salah", &hash));
        assert!(!verify_password("kata sandi panjang", "not a hash"));
        let again = hash_password("kata sandi panjang").unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(hash, again, "each hash has its own salt");
    }

    #[test]
    fn secrets_are_random_and_stored_as_digests() {
        let (a, b) = (random_secret(), random_secret());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_digest("abc").len(), 64);
        assert!(is_admin_token("s3cret", Some("s3cret")));
        assert!(!is_admin_token("s3cret", Some("other")) && !is_admin_token("s3cret", None));
    }

    #[test]
    fn a_change_by_cookie_needs_the_csrf_token_of_its_own_session() {
        let session = random_secret();
        let with = |sent: Option<String>| Credentials {
            session: Some(session.clone()),
            csrf_sent: sent,
            ..Credentials::default()
        };
        assert!(with(Some(csrf_of_session(&session)))
            .require_session_csrf()
            .is_ok());
        assert!(matches!(
            with(None).require_session_csrf(),
            Err(ApiError::Csrf)
        ));
        let other = csrf_of_session(&random_secret());
        assert!(matches!(
            with(Some(other)).require_session_csrf(),
            Err(ApiError::Csrf)
        ));
        let login = |sent: &str, cookie: &str| Credentials {
            csrf_sent: Some(sent.to_owned()),
            csrf_cookie: Some(cookie.to_owned()),
            ..Credentials::default()
        };
        assert!(login("abc", "abc").login_csrf_ok());
        assert!(!login("abc", "abd").login_csrf_ok() && !Credentials::default().login_csrf_ok());
    }
}
