//! Dashboard sessions of reviewer accounts (`review_session`). The API crate makes the random
//! token and hands over its sha256; a session is live while it is not revoked, not past its
//! absolute end, not idle for longer than [`IDLE`], and its account is enabled.

use std::time::{Duration, SystemTime};

use diesel::prelude::*;

use crate::accounts::Account;
use crate::connection::DbConnection;
use crate::schema::{review_session, reviewer};

/// A session ends this long after the login, whatever happens.
pub const LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
/// A session unused for this long ends.
pub const IDLE: Duration = Duration::from_secs(2 * 60 * 60);

/// RFC 3339 UTC with milliseconds: the form every time in the warehouse has, which sorts as
/// text.
pub fn rfc3339(at: SystemTime) -> String {
    humantime::format_rfc3339_millis(at).to_string()
}

/// Whole seconds from now until `at` (RFC 3339), at least 1; `None` when past or unreadable.
pub fn seconds_until(at: &str) -> Option<u64> {
    humantime::parse_rfc3339(at)
        .ok()?
        .duration_since(SystemTime::now())
        .ok()
        .map(|left| left.as_secs().max(1))
}

/// Opens a session for account `reviewer_id` under the token digest `token_sha256`.
pub fn open(conn: &mut DbConnection, reviewer_id: i64, token_sha256: &str) -> QueryResult<()> {
    let now = SystemTime::now();
    diesel::insert_into(review_session::table)
        .values((
            review_session::token_sha256.eq(token_sha256),
            review_session::reviewer_id.eq(reviewer_id),
            review_session::created_at.eq(rfc3339(now)),
            review_session::last_seen_at.eq(rfc3339(now)),
            review_session::expires_at.eq(rfc3339(now + LIFETIME)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The account of a live session, which counts as used now (its idle time starts again).
pub fn account_of(conn: &mut DbConnection, token_sha256: &str) -> QueryResult<Option<Account>> {
    let now = SystemTime::now();
    let idle_since = rfc3339(now.checked_sub(IDLE).unwrap_or(SystemTime::UNIX_EPOCH));
    let account = review_session::table
        .inner_join(reviewer::table)
        .filter(review_session::token_sha256.eq(token_sha256))
        .filter(review_session::revoked.eq(false))
        .filter(review_session::expires_at.gt(rfc3339(now)))
        .filter(review_session::last_seen_at.gt(idle_since))
        .filter(reviewer::disabled.eq(false))
        .select(Account::as_select())
        .first(conn)
        .optional()?;
    if account.is_some() {
        diesel::update(review_session::table.find(token_sha256))
            .set(review_session::last_seen_at.eq(rfc3339(now)))
            .execute(conn)?;
    }
    Ok(account)
}

/// Ends one session (logout).
pub fn revoke(conn: &mut DbConnection, token_sha256: &str) -> QueryResult<usize> {
    diesel::update(review_session::table.find(token_sha256))
        .set(review_session::revoked.eq(true))
        .execute(conn)
}

/// Ends every session of an account; how many were live.
pub fn revoke_all(conn: &mut DbConnection, reviewer_id: i64) -> QueryResult<usize> {
    diesel::update(
        review_session::table
            .filter(review_session::reviewer_id.eq(reviewer_id))
            .filter(review_session::revoked.eq(false)),
    )
    .set(review_session::revoked.eq(true))
    .execute(conn)
}
