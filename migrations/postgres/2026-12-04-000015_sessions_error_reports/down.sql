DROP TABLE error_report;
DROP TABLE review_session;
