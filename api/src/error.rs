//! Every error answer is RFC 9457 `application/problem+json`, naming what was wrong. A client's
//! mistake is a 4xx; only our own failures are 5xx.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{reason}")]
    BadParameter { name: String, reason: String },
    #[error("no {what} `{key}`")]
    NotFound {
        what: &'static str,
        key: String,
        suggestions: Vec<String>,
    },
    #[error("no such endpoint: {0}")]
    NoRoute(String),
    #[error("{method} is not allowed here; allowed: {allow}")]
    MethodNotAllowed { method: String, allow: String },
    #[error("a valid bearer token or a dashboard session is required")]
    Unauthorized,
    #[error("the email or the password is wrong")]
    LoginFailed,
    /// A cookie-authenticated change without the CSRF token of its session (or, to log in,
    /// of the `kinerja_csrf` cookie).
    #[error("the CSRF token is missing or wrong: send the `csrf_token` of GET /api/v1/session in the X-CSRF-Token header")]
    Csrf,
    #[error("the account is locked after {failures} wrong passwords; try again in {retry_after} seconds or ask for a reset")]
    Locked { failures: i32, retry_after: u64 },
    /// Authenticated, but the account may not act on this (another region's figure).
    #[error("{0}")]
    Forbidden(String),
    #[error("uploads are disabled on this server (KINERJA_ADMIN_TOKEN is not set)")]
    UploadsDisabled,
    #[error("the body is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("too many {what}; try again in {retry_after} seconds")]
    TooManyRequests {
        what: &'static str,
        retry_after: u64,
    },
    #[error("{0}")]
    Unprocessable(String),
    /// The upload is a document that cannot be read as its format (corrupt, truncated,
    /// password-protected…): `code` is the document error's stable code.
    #[error("{detail}")]
    UnreadableDocument { code: &'static str, detail: String },
    #[error("the database is not available: {0}")]
    Unavailable(String),
    /// A query failed (diesel's `NotFound` is a 404 instead, see `From`).
    #[error("database error: {0}")]
    Database(#[source] diesel::result::Error),
    #[error("analytics refresh failed: {0}")]
    Analytics(#[from] analytics::AnalyticsError),
    #[error("cannot write the answer: {0}")]
    Encoding(#[from] serde_json::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad(name: &str, reason: impl Into<String>) -> Self {
        ApiError::BadParameter {
            name: name.to_owned(),
            reason: reason.into(),
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            ApiError::BadParameter { .. } => "bad-parameter",
            ApiError::NotFound { .. } | ApiError::NoRoute(_) => "not-found",
            ApiError::MethodNotAllowed { .. } => "method-not-allowed",
            ApiError::Unauthorized | ApiError::LoginFailed => "unauthorized",
            ApiError::Csrf => "csrf",
            ApiError::Locked { .. } => "locked",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::UploadsDisabled => "uploads-disabled",
            ApiError::TooLarge { .. } => "too-large",
            ApiError::TooManyRequests { .. } => "rate-limited",
            ApiError::Unprocessable(_) => "unprocessable-report",
            ApiError::UnreadableDocument { .. } => "unreadable-document",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Database(_)
            | ApiError::Analytics(_)
            | ApiError::Encoding(_)
            | ApiError::Internal(_) => "internal",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::BadParameter { .. } => "Bad parameter",
            ApiError::NotFound { .. } | ApiError::NoRoute(_) => "Not found",
            ApiError::MethodNotAllowed { .. } => "Method not allowed",
            ApiError::Unauthorized => "Unauthorized",
            ApiError::LoginFailed => "Login failed",
            ApiError::Csrf => "CSRF token missing or wrong",
            ApiError::Locked { .. } => "Account locked",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::UploadsDisabled => "Uploads disabled",
            ApiError::TooLarge { .. } => "Payload too large",
            ApiError::TooManyRequests { .. } => "Too many requests",
            ApiError::Unprocessable(_) => "Report not usable",
            ApiError::UnreadableDocument { code, .. } => match *code {
                "corrupt" => "Corrupt or truncated document",
                "encrypted" => "Password-protected document",
                "legacy_office" => "Legacy Office file",
                "not_a_docx" => "Not a Word document",
                "too_large" => "Document too large unpacked",
                "tool_missing" => "Document reader not installed",
                _ => "Document cannot be read",
            },
            ApiError::Unavailable(_) => "Service unavailable",
            ApiError::Database(_)
            | ApiError::Analytics(_)
            | ApiError::Encoding(_)
            | ApiError::Internal(_) => "Internal error",
        }
    }
}

/// The one place a missing row becomes a 404: a view's `first` that finds nothing. Lookups
/// that can name what was missing (and suggest close codes) answer their own `NotFound`.
impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ApiError::NotFound {
                what: "record",
                key: String::new(),
                suggestions: Vec::new(),
            },
            // The database went away under a checked-out connection (a primary stopped or
            // failed over): the service is unavailable, the request was not at fault.
            diesel::result::Error::DatabaseError(
                kind @ (diesel::result::DatabaseErrorKind::ClosedConnection
                | diesel::result::DatabaseErrorKind::UnableToSendCommand),
                info,
            ) => ApiError::Unavailable(format!("{kind:?}: {}", info.message())),
            other => ApiError::Database(other),
        }
    }
}

impl From<warehouse::WarehouseError> for ApiError {
    fn from(e: warehouse::WarehouseError) -> Self {
        match e {
            warehouse::WarehouseError::Query(e) => e.into(),
            unavailable @ (warehouse::WarehouseError::Unreachable { .. }
            | warehouse::WarehouseError::Pool(_)) => ApiError::Unavailable(unavailable.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<warehouse::LoadError> for ApiError {
    fn from(e: warehouse::LoadError) -> Self {
        match e {
            warehouse::LoadError::Database(e) => e.into(),
            other => ApiError::Unprocessable(other.to_string()),
        }
    }
}

impl From<warehouse::review::ReviewError> for ApiError {
    fn from(e: warehouse::review::ReviewError) -> Self {
        use warehouse::review::ReviewError;
        match e {
            ReviewError::NoFigure(id) => ApiError::NotFound {
                what: "indicator figure",
                key: id.to_string(),
                suggestions: Vec::new(),
            },
            e @ ReviewError::Forbidden { .. } => ApiError::Forbidden(e.to_string()),
            e @ ReviewError::Superseded(_) => ApiError::Unprocessable(e.to_string()),
            ReviewError::Invalid(reason) => ApiError::bad("body", reason),
            ReviewError::Database(e) => e.into(),
        }
    }
}

impl From<warehouse::error_reports::ErrorReportError> for ApiError {
    fn from(e: warehouse::error_reports::ErrorReportError) -> Self {
        use warehouse::error_reports::ErrorReportError;
        match e {
            ErrorReportError::NoFigure(id) => ApiError::NotFound {
                what: "indicator figure",
                key: id.to_string(),
                suggestions: Vec::new(),
            },
            e @ ErrorReportError::Superseded(_) => ApiError::Unprocessable(e.to_string()),
            ErrorReportError::Invalid(reason) => ApiError::bad("body", reason),
            ErrorReportError::Database(e) => e.into(),
        }
    }
}

/// The problem document (RFC 9457), with the extension members this API adds.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `/problems/bad-parameter`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The parameters at fault, each with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
    /// Close matches for an unknown name or code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidParam {
    pub name: String,
    pub reason: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound { .. } | ApiError::NoRoute(_) | ApiError::UploadsDisabled => {
                StatusCode::NOT_FOUND
            }
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unauthorized | ApiError::LoginFailed => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::Csrf => StatusCode::FORBIDDEN,
            ApiError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unprocessable(_) | ApiError::UnreadableDocument { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Database(_)
            | ApiError::Analytics(_)
            | ApiError::Encoding(_)
            | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let problem = Problem {
            kind: format!("/problems/{}", self.slug()),
            title: self.title().to_owned(),
            status: status.as_u16(),
            detail: self.to_string(),
            invalid_params: match self {
                ApiError::BadParameter { name, reason } => vec![InvalidParam {
                    name: name.clone(),
                    reason: reason.clone(),
                }],
                _ => Vec::new(),
            },
            suggestions: match self {
                ApiError::NotFound { suggestions, .. } => suggestions.clone(),
                _ => Vec::new(),
            },
        };
        let mut response = HttpResponse::build(status);
        response.content_type("application/problem+json");
        match self {
            ApiError::Unauthorized => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::MethodNotAllowed { allow, .. } => {
                response.insert_header((header::ALLOW, allow.as_str()));
            }
            ApiError::TooManyRequests { retry_after, .. }
            | ApiError::Locked { retry_after, .. } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            _ => {}
        }
        response.json(problem)
    }
}
