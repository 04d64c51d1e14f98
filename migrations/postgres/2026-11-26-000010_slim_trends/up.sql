-- A trend row keeps what only the trend knows: the direction its series is read in, whether the
-- year's figure came from a later report's comparison table, and the change against the year
-- before. The figure itself (target, realisasi, capaian), its report, kabupaten and province are
-- read through its fact and kecamatan: six columns fewer on each of the 173,000 trend rows every
-- refresh of the national warehouse writes. A snapshot table: recreated empty (without foreign
-- keys, like the other snapshot tables here), and the snapshot marked stale so that the next
-- start (or `kinerja analytics refresh`) fills it.
DROP TABLE indicator_trend;
CREATE TABLE indicator_trend (
    kecamatan_code      TEXT NOT NULL,
    concept_key         TEXT NOT NULL,
    tahun               INTEGER NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
    fact_id             BIGINT NOT NULL,
    from_history        BOOLEAN NOT NULL,
    previous_realisasi  NUMERIC,
    change              NUMERIC,
    change_relative     DOUBLE PRECISION,
    movement            TEXT CHECK (movement IN ('better', 'worse', 'same')),
    PRIMARY KEY (kecamatan_code, concept_key, tahun)
);
UPDATE data_version SET analytics_version = -1;
