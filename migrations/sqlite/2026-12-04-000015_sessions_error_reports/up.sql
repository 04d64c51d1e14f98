-- Dashboard sessions of reviewer accounts (docs/security.md). The cookie holds a random token;
-- only its sha256 is kept, so a copy of the database gives no working session. A session ends
-- at `expires_at` (absolute), after an idle time past `last_seen_at`, or when revoked (logout,
-- `kinerja user revoke|disable|reset`). Times are RFC 3339 UTC with milliseconds, which sort
-- as text.
CREATE TABLE review_session (
    token_sha256  TEXT PRIMARY KEY,
    reviewer_id   BIGINT NOT NULL REFERENCES reviewer (id),
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    revoked       BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX review_session_reviewer ON review_session (reviewer_id);

-- Public reports of a wrong figure ("Laporkan kesalahan"), sent without an account. They land
-- in the queue of the figure's kecamatan; `reference` is what the reporter gets to follow it.
-- `status`: `open`, `confirmed` (an error: the figure is withheld), `corrected` or
-- `rejected` (the figure is right), set by the review that resolves it. `contact` is shown
-- to reviewers only, never published.
CREATE TABLE error_report (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    reference        TEXT NOT NULL UNIQUE,
    fact_id          BIGINT NOT NULL,
    kecamatan_code   TEXT NOT NULL,
    message          TEXT NOT NULL,
    contact          TEXT,
    status           TEXT NOT NULL DEFAULT 'open',
    resolution_note  TEXT NOT NULL DEFAULT '',
    resolved_role    TEXT,
    resolved_region  TEXT,
    resolved_at      TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX error_report_fact ON error_report (fact_id, status);
CREATE INDEX error_report_kecamatan ON error_report (kecamatan_code, status);
