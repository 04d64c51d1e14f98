-- Which state of the warehouse the analytics snapshot was computed from. Every change to the
-- reports or the taxonomy raises `warehouse_version` in its own transaction; a refresh copies it
-- into `analytics_version`. Equal numbers mean the snapshot is current, so `kinerja serve` can
-- skip the start-up refresh and the API can key its response cache on the pair.
CREATE TABLE data_version (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    warehouse_version  BIGINT NOT NULL,
    analytics_version  BIGINT NOT NULL
);
-- A database migrated with reports in it gets a snapshot refresh once (1 ≠ 0).
INSERT INTO data_version (id, warehouse_version, analytics_version) VALUES (1, 1, 0);
