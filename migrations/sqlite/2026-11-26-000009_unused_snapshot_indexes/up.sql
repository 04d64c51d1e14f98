-- Secondary indexes of snapshot tables that no query reads (the API lists story leads, budget
-- summaries and quality grades whole, in primary-key or its own order, and reads trends only
-- in bulk exports); every analytics refresh rebuilt them for nothing. Kept: the kabupaten
-- indexes of indicator_rank and composite_score (rankings filtered by kabupaten) and
-- report_quality's (kecamatan_code, tahun) order.
DROP INDEX indicator_rank_kecamatan_idx;
DROP INDEX indicator_trend_concept_idx;
DROP INDEX story_flag_kecamatan_idx;
DROP INDEX story_flag_kabupaten_idx;
DROP INDEX budget_summary_kabupaten_idx;
