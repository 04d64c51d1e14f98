CREATE INDEX indicator_rank_kecamatan_idx ON indicator_rank (kecamatan_code, tahun);
CREATE INDEX indicator_trend_concept_idx ON indicator_trend (concept_key, tahun);
CREATE INDEX story_flag_kecamatan_idx ON story_flag (kecamatan_code, tahun_last);
CREATE INDEX story_flag_kabupaten_idx ON story_flag (kabupaten_code, code);
CREATE INDEX budget_summary_kabupaten_idx ON budget_summary (kabupaten_code, tahun);
