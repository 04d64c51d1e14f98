-- The warehouse. Reported figures are TEXT in canonical decimal form (`1677707236.00`): a NUMERIC
-- column in SQLite would turn them into floating point, which is never acceptable for a figure.
-- Line lists (`lines`, `flags`) are JSON arrays kept as text, the same on both backends.

CREATE TABLE provinsi (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    luas_km2  TEXT,
    penduduk  TEXT
);

CREATE TABLE kabupaten (
    code           TEXT PRIMARY KEY,
    provinsi_code  TEXT NOT NULL REFERENCES provinsi (code),
    name           TEXT NOT NULL,
    short_name     TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('kabupaten', 'kota')),
    luas_km2       TEXT,
    penduduk       TEXT
);
CREATE INDEX kabupaten_provinsi_idx ON kabupaten (provinsi_code);

CREATE TABLE kecamatan (
    code            TEXT PRIMARY KEY,
    kabupaten_code  TEXT NOT NULL REFERENCES kabupaten (code),
    name            TEXT NOT NULL
);
CREATE INDEX kecamatan_kabupaten_idx ON kecamatan (kabupaten_code);

CREATE TABLE indicator_concept (
    key        TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    synonyms   TEXT NOT NULL DEFAULT '[]',
    unit       TEXT,
    direction  TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    scale      TEXT
);

CREATE TABLE report (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    kecamatan_code            TEXT NOT NULL REFERENCES kecamatan (code),
    tahun                     INTEGER NOT NULL,
    file_name                 TEXT NOT NULL,
    sha256                    TEXT NOT NULL UNIQUE,
    parser_version            TEXT NOT NULL,
    loaded_at                 TEXT NOT NULL,
    superseded_by             BIGINT REFERENCES report (id),
    line_count                INTEGER NOT NULL,
    kecamatan_printed         TEXT,
    kabupaten_printed         TEXT,
    identity_lines            TEXT NOT NULL DEFAULT '[]',
    camat_nama                TEXT,
    camat_nip                 TEXT,
    camat_plt                 BOOLEAN NOT NULL DEFAULT 0,
    camat_lines               TEXT NOT NULL DEFAULT '[]',
    luas_km2                  TEXT,
    penduduk                  TEXT,
    jumlah_asn                TEXT,
    wilayah_lines             TEXT NOT NULL DEFAULT '[]',
    budget_tahun              INTEGER,
    budget_pagu               TEXT,
    budget_realisasi          TEXT,
    budget_serapan_reported   TEXT,
    budget_serapan_computed   TEXT,
    budget_lines              TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX report_kecamatan_tahun_idx ON report (kecamatan_code, tahun);
CREATE INDEX report_current_idx ON report (superseded_by);

CREATE TABLE indicator_fact (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id         BIGINT NOT NULL REFERENCES report (id),
    position          INTEGER NOT NULL,
    is_history        BOOLEAN NOT NULL,
    level             TEXT,
    raw_name          TEXT NOT NULL,
    concept_key       TEXT,
    unit              TEXT,
    direction         TEXT,
    tahun             INTEGER NOT NULL,
    target            TEXT,
    realisasi         TEXT,
    capaian_reported  TEXT,
    capaian_computed  TEXT,
    lines             TEXT NOT NULL DEFAULT '[]',
    flags             TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX indicator_fact_report_idx ON indicator_fact (report_id);
CREATE INDEX indicator_fact_concept_idx ON indicator_fact (concept_key, tahun);

CREATE TABLE budget_line (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id         BIGINT NOT NULL REFERENCES report (id),
    position          INTEGER NOT NULL,
    level             TEXT NOT NULL,
    kode              TEXT,
    name              TEXT NOT NULL,
    pagu              TEXT,
    realisasi         TEXT,
    serapan_reported  TEXT,
    lines             TEXT NOT NULL DEFAULT '[]',
    flags             TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX budget_line_report_idx ON budget_line (report_id);

CREATE TABLE village (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id  BIGINT NOT NULL REFERENCES report (id),
    position   INTEGER NOT NULL,
    nama       TEXT NOT NULL,
    jenis      TEXT,
    penduduk   TEXT,
    lines      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX village_report_idx ON village (report_id);

CREATE TABLE satisfaction_survey (
    report_id         BIGINT PRIMARY KEY REFERENCES report (id),
    nilai             TEXT,
    nilai_recomputed  TEXT,
    responden         TEXT,
    mutu              TEXT,
    lines             TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE extraction_issue (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id  BIGINT NOT NULL REFERENCES report (id),
    position   INTEGER NOT NULL,
    code       TEXT NOT NULL,
    severity   TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
    message    TEXT NOT NULL,
    lines      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX extraction_issue_report_idx ON extraction_issue (report_id);

-- The report's full text, so that any figure can be quoted back with its lines.
CREATE TABLE report_line (
    report_id  BIGINT NOT NULL REFERENCES report (id),
    line_no    INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (report_id, line_no)
);
