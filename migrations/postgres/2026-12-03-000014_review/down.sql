DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE figure_review;
DROP TABLE api_token;
DROP TABLE reviewer;
