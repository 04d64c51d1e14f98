-- A program-level budget line's code in one spelling (`7.01.xx`), derived when its report is
-- loaded (model::program_code), and where it came from: 'printed', 'name', or 'repeated' for a
-- later line of a program the report already listed (the first line counts). The budget per
-- program is then read from the lines through the view below, instead of being copied into a
-- snapshot table on every analytics refresh (218,000 rows on the national warehouse).
ALTER TABLE budget_line ADD COLUMN program_code TEXT,
    ADD COLUMN program_code_source TEXT
    CHECK (program_code_source IN ('printed', 'name', 'repeated', 'pending'));

-- Lines loaded before this migration: coded in Rust right after the migrations run
-- (warehouse::program_codes); 'pending' until then. The partial index finds them at once, and
-- stays empty otherwise.
UPDATE budget_line SET program_code_source = 'pending' WHERE level = 'program';
CREATE INDEX budget_line_pending_code_idx ON budget_line (report_id, id)
    WHERE program_code_source = 'pending';

DROP TABLE budget_program;
CREATE VIEW budget_program AS
SELECT report.kecamatan_code AS kecamatan_code,
       report.tahun AS tahun,
       budget_line.program_code AS program_code,
       kecamatan.kabupaten_code AS kabupaten_code,
       kabupaten.provinsi_code AS provinsi_code,
       budget_line.report_id AS report_id,
       budget_line.name AS name,
       budget_line.program_code_source AS code_source,
       budget_line.pagu AS pagu,
       budget_line.realisasi AS realisasi
FROM budget_line
JOIN report ON report.id = budget_line.report_id
JOIN kecamatan ON kecamatan.code = report.kecamatan_code
JOIN kabupaten ON kabupaten.code = kecamatan.kabupaten_code
WHERE report.superseded_by IS NULL
  AND budget_line.program_code_source IN ('printed', 'name');
