//! Who is calling: reviewer passwords (argon2id) and API tokens (docs/security.md).
//!
//! A request authenticates with `Authorization: Bearer <token>`: the bootstrap admin token
//! (`KINERJA_ADMIN_TOKEN`) or a reviewer's API token, which is stored as its sha256 only.

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

/// The actor a bearer token names: the bootstrap admin, or the enabled account whose live
/// API token it is; otherwise 401.
pub fn actor_of(
    conn: &mut DbConnection,
    token: Option<&str>,
    admin_token: Option<&str>,
) -> Result<Actor, ApiError> {
    let token = token.ok_or(ApiError::Unauthorized)?;
    if is_admin_token(token, admin_token) {
        return Ok(Actor::bootstrap_admin());
    }
    warehouse::accounts::account_of_token(conn, &token_digest(token))?
        .map(|account| account.actor())
        .ok_or(ApiError::Unauthorized)
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
}
