DROP TABLE report_quality;
DROP TABLE budget_program;
DROP TABLE budget_summary;
DROP TABLE story_flag;
DROP TABLE indicator_trend;
