DROP VIEW budget_program;
DROP INDEX budget_line_pending_code_idx;
ALTER TABLE budget_line DROP COLUMN program_code_source, DROP COLUMN program_code;
-- The snapshot table as it was (its foreign keys were dropped by an earlier migration, whose
-- down migration adds them back): empty until the next analytics refresh.
CREATE TABLE budget_program (
    kecamatan_code  TEXT NOT NULL,
    tahun           INTEGER NOT NULL,
    program_code    TEXT NOT NULL,
    kabupaten_code  TEXT NOT NULL,
    provinsi_code   TEXT NOT NULL,
    report_id       BIGINT NOT NULL,
    name            TEXT NOT NULL,
    code_source     TEXT NOT NULL CHECK (code_source IN ('printed', 'name')),
    pagu            NUMERIC,
    realisasi       NUMERIC,
    serapan         NUMERIC,
    PRIMARY KEY (kecamatan_code, tahun, program_code)
);
CREATE INDEX budget_program_code_idx ON budget_program (program_code, tahun);
