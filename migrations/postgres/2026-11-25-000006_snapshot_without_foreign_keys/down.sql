-- The foreign keys of migrations 000002 and 000004, back as they were.
ALTER TABLE indicator_rank ADD CONSTRAINT indicator_rank_kecamatan_code_fkey FOREIGN KEY (kecamatan_code) REFERENCES kecamatan (code);
ALTER TABLE indicator_rank ADD CONSTRAINT indicator_rank_report_id_fkey FOREIGN KEY (report_id) REFERENCES report (id);
ALTER TABLE composite_score ADD CONSTRAINT composite_score_kecamatan_code_fkey FOREIGN KEY (kecamatan_code) REFERENCES kecamatan (code);
ALTER TABLE composite_score ADD CONSTRAINT composite_score_report_id_fkey FOREIGN KEY (report_id) REFERENCES report (id);
ALTER TABLE indicator_trend ADD CONSTRAINT indicator_trend_kecamatan_code_fkey FOREIGN KEY (kecamatan_code) REFERENCES kecamatan (code);
ALTER TABLE indicator_trend ADD CONSTRAINT indicator_trend_report_id_fkey FOREIGN KEY (report_id) REFERENCES report (id);
ALTER TABLE story_flag ADD CONSTRAINT story_flag_kecamatan_code_fkey FOREIGN KEY (kecamatan_code) REFERENCES kecamatan (code);
ALTER TABLE budget_summary ADD CONSTRAINT budget_summary_kecamatan_code_fkey FOREIGN KEY (kecamatan_code) REFERENCES kecamatan (code);
ALTER TABLE budget_summary ADD CONSTRAINT budget_summary_report_id_fkey FOREIGN KEY (report_id) REFERENCES report (id);
ALTER TABLE budget_program ADD CONSTRAINT budget_program_kecamatan_code_fkey FOREIGN KEY (kecamatan_code) REFERENCES kecamatan (code);
ALTER TABLE budget_program ADD CONSTRAINT budget_program_report_id_fkey FOREIGN KEY (report_id) REFERENCES report (id);
ALTER TABLE report_quality ADD CONSTRAINT report_quality_report_id_fkey FOREIGN KEY (report_id) REFERENCES report (id);
ALTER TABLE report_quality ADD CONSTRAINT report_quality_kecamatan_code_fkey FOREIGN KEY (kecamatan_code) REFERENCES kecamatan (code);
