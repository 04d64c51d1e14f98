-- More analytics snapshots (trends, story leads, budget, data quality), rebuilt as a whole by
-- `analytics::refresh` in the same transaction as `indicator_rank` (see docs/methodology.md).
-- Reported figures and exact differences of them are TEXT in canonical decimal form (a NUMERIC
-- column in SQLite would turn them into floating point); statistics are REAL.

-- One row per kecamatan, concept and year of its series: the year's figure (from that year's own
-- report, else from a later report's comparison table) and its change from the year before.
CREATE TABLE indicator_trend (
    kecamatan_code      TEXT NOT NULL REFERENCES kecamatan (code),
    concept_key         TEXT NOT NULL,
    tahun               INTEGER NOT NULL,
    kabupaten_code      TEXT NOT NULL,
    provinsi_code       TEXT NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    report_id           BIGINT NOT NULL REFERENCES report (id),
    fact_id             BIGINT NOT NULL,
    from_history        BOOLEAN NOT NULL,
    target              TEXT,
    realisasi           TEXT,
    capaian             TEXT,
    previous_realisasi  TEXT,
    change              TEXT,
    change_relative     REAL,
    movement            TEXT CHECK (movement IN ('better', 'worse', 'same')),
    PRIMARY KEY (kecamatan_code, concept_key, tahun)
);
CREATE INDEX indicator_trend_concept_idx ON indicator_trend (concept_key, tahun);

-- Story leads: patterns a journalist would want to check, one row per pattern found.
CREATE TABLE story_flag (
    code            TEXT NOT NULL,
    kecamatan_code  TEXT NOT NULL REFERENCES kecamatan (code),
    concept_key     TEXT NOT NULL,
    tahun_first     INTEGER NOT NULL,
    tahun_last      INTEGER NOT NULL,
    kabupaten_code  TEXT NOT NULL,
    provinsi_code   TEXT NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('info', 'warning')),
    years           TEXT NOT NULL,
    report_ids      TEXT NOT NULL,
    value           TEXT,
    message_id      TEXT NOT NULL,
    message_en      TEXT NOT NULL,
    PRIMARY KEY (code, kecamatan_code, concept_key, tahun_last)
);
CREATE INDEX story_flag_kecamatan_idx ON story_flag (kecamatan_code, tahun_last);
CREATE INDEX story_flag_kabupaten_idx ON story_flag (kabupaten_code, code);

-- One row per current report with a budget: totals, spending per inhabitant and the
-- spend-versus-achievement quadrant.
CREATE TABLE budget_summary (
    kecamatan_code     TEXT NOT NULL REFERENCES kecamatan (code),
    tahun              INTEGER NOT NULL,
    kabupaten_code     TEXT NOT NULL,
    provinsi_code      TEXT NOT NULL,
    report_id          BIGINT NOT NULL REFERENCES report (id),
    pagu               TEXT,
    realisasi          TEXT,
    serapan            TEXT,
    penduduk           TEXT,
    penduduk_source    TEXT CHECK (penduduk_source IN ('report', 'villages')),
    spend_per_capita   REAL,
    score              REAL,
    median_serapan     REAL,
    median_score       REAL,
    quadrant           TEXT,
    PRIMARY KEY (kecamatan_code, tahun)
);
CREATE INDEX budget_summary_kabupaten_idx ON budget_summary (kabupaten_code, tahun);

-- One row per current report and program code (7.01.xx): the program's pagu and realisasi.
CREATE TABLE budget_program (
    kecamatan_code  TEXT NOT NULL REFERENCES kecamatan (code),
    tahun           INTEGER NOT NULL,
    program_code    TEXT NOT NULL,
    kabupaten_code  TEXT NOT NULL,
    provinsi_code   TEXT NOT NULL,
    report_id       BIGINT NOT NULL REFERENCES report (id),
    name            TEXT NOT NULL,
    code_source     TEXT NOT NULL CHECK (code_source IN ('printed', 'name')),
    pagu            TEXT,
    realisasi       TEXT,
    serapan         TEXT,
    PRIMARY KEY (kecamatan_code, tahun, program_code)
);
CREATE INDEX budget_program_code_idx ON budget_program (program_code, tahun);

-- One row per current report: how much of it can be relied on, as a grade A–E.
CREATE TABLE report_quality (
    report_id         BIGINT PRIMARY KEY NOT NULL REFERENCES report (id),
    kecamatan_code    TEXT NOT NULL REFERENCES kecamatan (code),
    tahun             INTEGER NOT NULL,
    n_figures         INTEGER NOT NULL,
    n_flagged         INTEGER NOT NULL,
    flagged_share     REAL NOT NULL,
    n_conflicts       INTEGER NOT NULL,
    conflict_codes    TEXT NOT NULL,
    missing_sections  TEXT NOT NULL,
    points            REAL NOT NULL,
    grade             TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E'))
);
CREATE INDEX report_quality_kecamatan_idx ON report_quality (kecamatan_code, tahun);
