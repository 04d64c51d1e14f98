DROP INDEX report_budget_unassessed_idx;
DROP INDEX satisfaction_survey_unassessed_idx;
DROP INDEX budget_line_unassessed_idx;
DROP INDEX indicator_fact_unassessed_idx;
ALTER TABLE indicator_fact DROP COLUMN confirmed, DROP COLUMN confidence_reasons, DROP COLUMN confidence;
ALTER TABLE budget_line DROP COLUMN confirmed, DROP COLUMN confidence_reasons, DROP COLUMN confidence;
ALTER TABLE satisfaction_survey DROP COLUMN confirmed, DROP COLUMN confidence_reasons, DROP COLUMN confidence;
ALTER TABLE report DROP COLUMN budget_confirmed, DROP COLUMN budget_confidence_reasons,
    DROP COLUMN budget_confidence;
UPDATE data_version SET analytics_version = -1;
