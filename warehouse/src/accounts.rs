//! Reviewer accounts and their API tokens (`reviewer`, `api_token`). Passwords arrive here
//! already hashed (argon2id, by the API crate); tokens as their sha256.

use diesel::prelude::*;

use crate::connection::DbConnection;
use crate::review::{Actor, Role};
use crate::schema::{api_token, reviewer};

/// Wrong passwords in a row that lock an account.
pub const LOCK_AFTER_FAILURES: i32 = 10;

/// An account, as listed (never with its password hash).
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = reviewer)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub region_code: Option<String>,
    pub disabled: bool,
    pub failed_logins: i32,
    pub locked_until: Option<String>,
    pub created_at: String,
}

impl Account {
    /// Whether a lock after wrong passwords still holds at `now` (RFC 3339, as stored).
    pub fn locked_at(&self, now: &str) -> bool {
        self.locked_until
            .as_deref()
            .is_some_and(|until| until > now)
    }

    pub fn actor(&self) -> Actor {
        Actor {
            reviewer_id: Some(self.id),
            role: Role::parse(&self.role).unwrap_or(Role::Reviewer),
            region: self.region_code.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("there is already an account for {0}")]
    Exists(String),
    #[error("no account for {0}")]
    Unknown(String),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Emails are compared lower-cased and trimmed.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn add(
    conn: &mut DbConnection,
    email: &str,
    password_hash: &str,
    role: Role,
    region_code: Option<&str>,
) -> Result<Account, AccountError> {
    let email = normalise_email(email);
    conn.transaction(|conn| {
        if find(conn, &email)?.is_some() {
            return Err(AccountError::Exists(email.clone()));
        }
        diesel::insert_into(reviewer::table)
            .values((
                reviewer::email.eq(&email),
                reviewer::password_hash.eq(password_hash),
                reviewer::role.eq(role.as_str()),
                reviewer::region_code.eq(region_code),
                reviewer::created_at.eq(crate::load::now_rfc3339()),
            ))
            .execute(conn)?;
        find(conn, &email)?.ok_or(AccountError::Unknown(email.clone()))
    })
}

pub fn find(conn: &mut DbConnection, email: &str) -> QueryResult<Option<Account>> {
    reviewer::table
        .filter(reviewer::email.eq(normalise_email(email)))
        .select(Account::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Account>> {
    reviewer::table
        .order(reviewer::id)
        .select(Account::as_select())
        .load(conn)
}

/// The stored password hash of an account, to verify a login against.
pub fn password_hash(conn: &mut DbConnection, id: i64) -> QueryResult<String> {
    reviewer::table
        .find(id)
        .select(reviewer::password_hash)
        .first(conn)
}

/// Disables an account and revokes its tokens and sessions.
pub fn disable(conn: &mut DbConnection, email: &str) -> Result<Account, AccountError> {
    let account = find(conn, email)?.ok_or_else(|| AccountError::Unknown(email.to_owned()))?;
    conn.transaction(|conn| {
        diesel::update(reviewer::table.find(account.id))
            .set(reviewer::disabled.eq(true))
            .execute(conn)?;
        revoke_credentials(conn, account.id)
    })?;
    find(conn, email)?.ok_or_else(|| AccountError::Unknown(email.to_owned()))
}

/// Revokes every API token and session of an account (the account stays enabled); how many
/// tokens and live sessions that ended.
pub fn revoke(conn: &mut DbConnection, email: &str) -> Result<(usize, usize), AccountError> {
    let account = find(conn, email)?.ok_or_else(|| AccountError::Unknown(email.to_owned()))?;
    Ok(conn.transaction(|conn| revoke_credentials(conn, account.id))?)
}

fn revoke_credentials(conn: &mut DbConnection, reviewer_id: i64) -> QueryResult<(usize, usize)> {
    let tokens = diesel::update(
        api_token::table
            .filter(api_token::reviewer_id.eq(reviewer_id))
            .filter(api_token::revoked.eq(false)),
    )
    .set(api_token::revoked.eq(true))
    .execute(conn)?;
    let sessions = crate::sessions::revoke_all(conn, reviewer_id)?;
    Ok((tokens, sessions))
}

/// Sets a new password, enables the account again and lifts a lock; the sessions opened with
/// the old password end.
pub fn reset(
    conn: &mut DbConnection,
    email: &str,
    password_hash: &str,
) -> Result<Account, AccountError> {
    let account = find(conn, email)?.ok_or_else(|| AccountError::Unknown(email.to_owned()))?;
    conn.transaction(|conn| {
        diesel::update(reviewer::table.find(account.id))
            .set((
                reviewer::password_hash.eq(password_hash),
                reviewer::disabled.eq(false),
                reviewer::failed_logins.eq(0),
                reviewer::locked_until.eq(None::<String>),
            ))
            .execute(conn)?;
        crate::sessions::revoke_all(conn, account.id)
    })?;
    find(conn, email)?.ok_or_else(|| AccountError::Unknown(email.to_owned()))
}

/// Records a wrong password; the tenth in a row locks the account until `lock_until`.
/// Whether this one locked it.
pub fn record_failure(conn: &mut DbConnection, id: i64, lock_until: &str) -> QueryResult<bool> {
    let failures: i32 = reviewer::table
        .find(id)
        .select(reviewer::failed_logins)
        .first(conn)?;
    let failures = failures.saturating_add(1);
    let locked = (failures >= LOCK_AFTER_FAILURES).then_some(lock_until);
    diesel::update(reviewer::table.find(id))
        .set((
            reviewer::failed_logins.eq(if locked.is_some() { 0 } else { failures }),
            reviewer::locked_until.eq(locked),
        ))
        .execute(conn)?;
    Ok(locked.is_some())
}

/// Records a good password: the count of failures starts again.
pub fn record_success(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(reviewer::table.find(id))
        .set((
            reviewer::failed_logins.eq(0),
            reviewer::locked_until.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores a new API token of an account (its sha256).
pub fn add_token(
    conn: &mut DbConnection,
    reviewer_id: i64,
    token_sha256: &str,
    label: &str,
) -> QueryResult<()> {
    diesel::insert_into(api_token::table)
        .values((
            api_token::token_sha256.eq(token_sha256),
            api_token::reviewer_id.eq(reviewer_id),
            api_token::label.eq(label),
            api_token::created_at.eq(crate::load::now_rfc3339()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The account a token belongs to, when the token is live and the account enabled.
pub fn account_of_token(
    conn: &mut DbConnection,
    token_sha256: &str,
) -> QueryResult<Option<Account>> {
    api_token::table
        .inner_join(reviewer::table)
        .filter(api_token::token_sha256.eq(token_sha256))
        .filter(api_token::revoked.eq(false))
        .filter(reviewer::disabled.eq(false))
        .select(Account::as_select())
        .first(conn)
        .optional()
}
