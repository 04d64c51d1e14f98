ALTER TABLE report DROP COLUMN synthetic;
