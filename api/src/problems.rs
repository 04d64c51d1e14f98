//! The problem answers of the OpenAPI document, declared once: a handler lists the kinds it
//! can answer (`responses((status = 200, …), Malformed, NotFound)`) and every kind has one
//! description here. The bodies are [`Problem`] documents (RFC 9457), built by
//! [`crate::error::ApiError`]; these types only describe them.

use utoipa::IntoResponses;

use crate::error::Problem;

/// 400: a parameter or the body is malformed.
#[derive(IntoResponses)]
#[response(
    status = 400,
    description = "A parameter or the body is malformed; `invalid_params` names it and says why",
    content_type = "application/problem+json"
)]
pub struct Malformed(pub Problem);

/// 401: no credentials, or credentials that are not valid.
#[derive(IntoResponses)]
#[response(
    status = 401,
    description = "A valid bearer token or a live dashboard session is required (or the email or password is wrong)",
    content_type = "application/problem+json"
)]
pub struct Unauthenticated(pub Problem);

/// 403: the account may not do this, or a session's change came without its CSRF token.
#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "The figure is outside the account's region, or a request made with the session cookie lacks its CSRF token (X-CSRF-Token)",
    content_type = "application/problem+json"
)]
pub struct Forbidden(pub Problem);

/// 404: nothing has that code, id or name.
#[derive(IntoResponses)]
#[response(
    status = 404,
    description = "No such code, id or name (a region code in a filter included); close matches are in `suggestions`",
    content_type = "application/problem+json"
)]
pub struct NotFound(pub Problem);

/// 413: the body is larger than the endpoint accepts.
#[derive(IntoResponses)]
#[response(
    status = 413,
    description = "The body is larger than the endpoint's limit",
    content_type = "application/problem+json"
)]
pub struct TooLarge(pub Problem);

/// 422: well-formed, but it cannot be done.
#[derive(IntoResponses)]
#[response(
    status = 422,
    description = "Well-formed but not usable: not an LKjIP or a kecamatan that cannot be placed (`/problems/unprocessable-report`), a document that cannot be read as its format (`/problems/unreadable-document`), or a figure of a superseded report",
    content_type = "application/problem+json"
)]
pub struct Unprocessable(pub Problem);

/// 429: this client, or this account, must wait.
#[derive(IntoResponses)]
#[response(
    status = 429,
    description = "Too many requests from this client, or the account is locked; Retry-After says how long",
    content_type = "application/problem+json"
)]
pub struct RateLimited(pub Problem);

/// 503: the database does not answer.
#[derive(IntoResponses)]
#[response(
    status = 503,
    description = "The database does not answer",
    content_type = "application/problem+json"
)]
pub struct Unavailable(pub Problem);
