-- How far each stored figure can be trusted (model::confidence): 'high', 'medium' or 'low', with
-- the flag and issue codes that lowered it (a JSON array), on the indicator facts, the budget
-- lines, the report's budget total and the satisfaction survey. A low figure is shown on its
-- report's page but not ranked, compared or averaged (docs/methodology.md) until a reviewer
-- confirms it: `confirmed` is where that confirmation is kept.
--
-- Rows loaded before this migration have no confidence (NULL): it is derived in Rust right after
-- the migrations run (warehouse::confidence_backfill), from the same table the extractor uses.
-- The partial indexes find those rows at once, and stay empty otherwise. The analytics snapshot
-- is marked stale so that the next refresh leaves low figures out.
ALTER TABLE indicator_fact ADD COLUMN confidence TEXT CHECK (confidence IN ('high', 'medium', 'low')),
    ADD COLUMN confidence_reasons TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE budget_line ADD COLUMN confidence TEXT CHECK (confidence IN ('high', 'medium', 'low')),
    ADD COLUMN confidence_reasons TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE satisfaction_survey ADD COLUMN confidence TEXT CHECK (confidence IN ('high', 'medium', 'low')),
    ADD COLUMN confidence_reasons TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN confirmed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE report ADD COLUMN budget_confidence TEXT
    CHECK (budget_confidence IN ('high', 'medium', 'low')),
    ADD COLUMN budget_confidence_reasons TEXT NOT NULL DEFAULT '[]',
    ADD COLUMN budget_confirmed BOOLEAN NOT NULL DEFAULT FALSE;

CREATE INDEX indicator_fact_unassessed_idx ON indicator_fact (id) WHERE confidence IS NULL;
CREATE INDEX budget_line_unassessed_idx ON budget_line (id) WHERE confidence IS NULL;
CREATE INDEX satisfaction_survey_unassessed_idx ON satisfaction_survey (report_id)
    WHERE confidence IS NULL;
CREATE INDEX report_budget_unassessed_idx ON report (id)
    WHERE budget_confidence IS NULL AND budget_pagu IS NOT NULL;
UPDATE data_version SET analytics_version = -1;
