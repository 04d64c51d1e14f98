DROP TABLE figure_change;
DROP TABLE report_original;
ALTER TABLE report DROP COLUMN original_sha256;
ALTER TABLE report DROP COLUMN revision;
ALTER TABLE report DROP COLUMN taxonomy_version;
