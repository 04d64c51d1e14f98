-- The analytics snapshot tables lose their foreign keys: every row is written by the refresh in
-- the transaction that read the reports and kecamatan it names, so the checks cannot fail, while
-- on a national snapshot (~700,000 rows) they took two thirds of the write (14 s of 21 s, COPY)
-- and share-locked every current report. SQLite keeps its constraints and switches enforcement off
-- for the refresh's connection instead (analytics/src/foreign_keys.rs).
ALTER TABLE indicator_rank DROP CONSTRAINT indicator_rank_kecamatan_code_fkey;
ALTER TABLE indicator_rank DROP CONSTRAINT indicator_rank_report_id_fkey;
ALTER TABLE composite_score DROP CONSTRAINT composite_score_kecamatan_code_fkey;
ALTER TABLE composite_score DROP CONSTRAINT composite_score_report_id_fkey;
ALTER TABLE indicator_trend DROP CONSTRAINT indicator_trend_kecamatan_code_fkey;
ALTER TABLE indicator_trend DROP CONSTRAINT indicator_trend_report_id_fkey;
ALTER TABLE story_flag DROP CONSTRAINT story_flag_kecamatan_code_fkey;
ALTER TABLE budget_summary DROP CONSTRAINT budget_summary_kecamatan_code_fkey;
ALTER TABLE budget_summary DROP CONSTRAINT budget_summary_report_id_fkey;
ALTER TABLE budget_program DROP CONSTRAINT budget_program_kecamatan_code_fkey;
ALTER TABLE budget_program DROP CONSTRAINT budget_program_report_id_fkey;
ALTER TABLE report_quality DROP CONSTRAINT report_quality_report_id_fkey;
ALTER TABLE report_quality DROP CONSTRAINT report_quality_kecamatan_code_fkey;
