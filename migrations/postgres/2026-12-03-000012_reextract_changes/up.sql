-- What produced a report's figures, and the original file they were read from.
-- `taxonomy_version`: sha256 of the indicator taxonomy (data/indicators.toml) the concepts were
-- mapped with; NULL for reports loaded before it was recorded (they count as stale, see
-- docs/changes.md). `revision`: 1 at load, raised by every re-extraction that changed a figure;
-- a citation names it. `original_sha256`: the `report_original` row holding the bytes the
-- figures were read from (the report's own sha256, unless the original was rebuilt from lines).
ALTER TABLE report ADD COLUMN taxonomy_version TEXT;
ALTER TABLE report ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE report ADD COLUMN original_sha256 TEXT;

-- Original files, content-addressed: one row per distinct file. Reports loaded before this
-- table existed get theirs at their first re-extraction, rebuilt from `report_line`
-- (`reconstructed`: the lines joined with LF, which is byte-identical to the file only when
-- it was UTF-8 with LF line ends; its sha256 then differs from the report's).
CREATE TABLE report_original (
    sha256         TEXT PRIMARY KEY,
    media_type     TEXT NOT NULL,
    bytes          BYTEA NOT NULL,
    reconstructed  BOOLEAN NOT NULL DEFAULT FALSE
);

-- Every change to a figure a user could have seen: one row per figure and field.
-- `figure`: a key stable across extractions (`indicator:<name as printed>:<tahun>`,
-- `history:…`, `budget:total`, `budget:<level>:<kode or name>`); `fact_id`: the indicator_fact
-- row it concerns (kept in place by a re-extraction), NULL for budget figures. Values are the
-- canonical text of the figure (a decimal, a concept key). `cause`: `parser 0.1.0 → 0.2.0`,
-- `taxonomy …`, `new report`, `correction`. `revision`: the report revision the change made;
-- `data_version`: the warehouse counter (data_version.warehouse_version) after it.
CREATE TABLE figure_change (
    id                  BIGSERIAL PRIMARY KEY,
    report_id           BIGINT NOT NULL REFERENCES report (id),
    previous_report_id  BIGINT REFERENCES report (id),
    kecamatan_code      TEXT NOT NULL REFERENCES kecamatan (code),
    tahun               INTEGER NOT NULL,
    fact_id             BIGINT,
    figure              TEXT NOT NULL,
    concept_key         TEXT,
    field               TEXT NOT NULL,
    old_value           TEXT,
    new_value           TEXT,
    flags_before        TEXT NOT NULL DEFAULT '[]',
    flags_after         TEXT NOT NULL DEFAULT '[]',
    cause               TEXT NOT NULL,
    revision            INTEGER NOT NULL,
    data_version        BIGINT NOT NULL,
    changed_at          TEXT NOT NULL
);
CREATE INDEX figure_change_kecamatan_idx ON figure_change (kecamatan_code, id);
CREATE INDEX figure_change_report_idx ON figure_change (report_id, id);
CREATE INDEX figure_change_fact_idx ON figure_change (fact_id);
