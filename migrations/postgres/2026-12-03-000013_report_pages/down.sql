ALTER TABLE report DROP COLUMN page_starts;
