DROP TABLE composite_score;
DROP TABLE indicator_rank;
