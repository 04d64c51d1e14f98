DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP TABLE audit_log;
DROP TABLE figure_review;
DROP TABLE api_token;
DROP TABLE reviewer;
