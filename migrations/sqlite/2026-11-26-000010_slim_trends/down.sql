DROP TABLE indicator_trend;
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
UPDATE data_version SET analytics_version = -1;
