-- People who review figures, scoped to a region (docs/security.md). `role`: `admin` (every
-- region) or `reviewer` (the provinsi or kabupaten `region_code`). Passwords are argon2id PHC
-- strings. `failed_logins` counts wrong passwords since the last good one; at ten the account
-- is locked until `locked_until` (RFC 3339).
CREATE TABLE reviewer (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    region_code    TEXT,
    disabled       BOOLEAN NOT NULL DEFAULT 0,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,
    created_at     TEXT NOT NULL
);

-- API tokens for automation, kept as the sha256 of the token (the token is shown once).
CREATE TABLE api_token (
    token_sha256  TEXT PRIMARY KEY,
    reviewer_id   BIGINT NOT NULL REFERENCES reviewer (id),
    label         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    revoked       BOOLEAN NOT NULL DEFAULT 0
);

-- The review of an indicator figure: an overlay on `indicator_fact`, which keeps the extracted
-- values. `status`: `confirmed`, `corrected` (the non-NULL of target/realisasi/capaian are the
-- published values) or `withheld` (not published). No foreign key to the figure: a review
-- outlives a re-extraction that no longer reads its figure. `reviewer_id` NULL: the bootstrap
-- admin token. `requeued`: a re-extraction changed the extracted values after the review.
CREATE TABLE figure_review (
    fact_id          BIGINT PRIMARY KEY,
    status           TEXT NOT NULL,
    target           TEXT,
    realisasi        TEXT,
    capaian          TEXT,
    note             TEXT NOT NULL,
    reviewer_id      BIGINT REFERENCES reviewer (id),
    reviewer_role    TEXT NOT NULL,
    reviewer_region  TEXT,
    reviewed_at      TEXT NOT NULL,
    requeued         BOOLEAN NOT NULL DEFAULT 0
);

-- Every action of a person (review, account change), append-only.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
