-- The facts endpoint filtered by region: the current reports of the region's kecamatan give
-- their ids, and each report's figures of one concept and year are found by this index instead
-- of walking every figure of the concept nationally (issue 6: 6,934 rows → 18 for a kabupaten).
CREATE INDEX indicator_fact_report_concept_idx ON indicator_fact (report_id, concept_key, tahun);
