-- Analytics snapshots, rebuilt as a whole by `analytics::refresh` in one transaction (see
-- docs/methodology.md). Figures copied from a report stay exact (NUMERIC); statistics computed
-- from them (percentiles, medians, distances, composite scores) are DOUBLE PRECISION.

-- One row per indicator concept, year and kecamatan: the kecamatan's figure and where it stands
-- in its kabupaten, its province and the country among the kecamatan reporting the concept.
CREATE TABLE indicator_rank (
    concept_key           TEXT NOT NULL,
    tahun                 INTEGER NOT NULL,
    kecamatan_code        TEXT NOT NULL REFERENCES kecamatan (code),
    kabupaten_code        TEXT NOT NULL,
    provinsi_code         TEXT NOT NULL,
    report_id             BIGINT NOT NULL REFERENCES report (id),
    fact_id               BIGINT NOT NULL,
    direction             TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    realisasi             NUMERIC,
    capaian               NUMERIC,
    rank_kabupaten        INTEGER,
    n_kabupaten           INTEGER NOT NULL,
    percentile_kabupaten  DOUBLE PRECISION,
    rank_provinsi         INTEGER,
    n_provinsi            INTEGER NOT NULL,
    percentile_provinsi   DOUBLE PRECISION,
    rank_nasional         INTEGER,
    n_nasional            INTEGER NOT NULL,
    percentile_nasional   DOUBLE PRECISION,
    kabupaten_median      DOUBLE PRECISION,
    kabupaten_min         DOUBLE PRECISION,
    kabupaten_max         DOUBLE PRECISION,
    distance_to_median    DOUBLE PRECISION,
    PRIMARY KEY (concept_key, tahun, kecamatan_code)
);
CREATE INDEX indicator_rank_kecamatan_idx ON indicator_rank (kecamatan_code, tahun);
CREATE INDEX indicator_rank_kabupaten_idx ON indicator_rank (kabupaten_code, concept_key, tahun);

-- One row per kecamatan and year: the composite score over goal-level concepts and its coverage.
CREATE TABLE composite_score (
    kecamatan_code  TEXT NOT NULL REFERENCES kecamatan (code),
    tahun           INTEGER NOT NULL,
    kabupaten_code  TEXT NOT NULL,
    provinsi_code   TEXT NOT NULL,
    report_id       BIGINT NOT NULL REFERENCES report (id),
    score           DOUBLE PRECISION NOT NULL,
    n_concepts      INTEGER NOT NULL,
    concept_keys    TEXT NOT NULL DEFAULT '[]',
    rank_kabupaten  INTEGER NOT NULL,
    n_kabupaten     INTEGER NOT NULL,
    rank_provinsi   INTEGER NOT NULL,
    n_provinsi      INTEGER NOT NULL,
    rank_nasional   INTEGER NOT NULL,
    n_nasional      INTEGER NOT NULL,
    PRIMARY KEY (kecamatan_code, tahun)
);
CREATE INDEX composite_score_kabupaten_idx ON composite_score (kabupaten_code, tahun);
