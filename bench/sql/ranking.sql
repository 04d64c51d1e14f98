-- Datasette's twin of GET /api/v1/rankings/ikm?tahun=2024&kabupaten=35.20: the kabupaten's
-- kecamatan ranked on the concept, best first, with the figure, the median and the source report.
SELECT r.rank_kabupaten AS rank, r.n_kabupaten AS compared, r.percentile_kabupaten AS percentile,
       r.kecamatan_code, k.name AS kecamatan, r.kabupaten_code, kb.name AS kabupaten, r.tahun,
       r.direction, r.realisasi, r.capaian, r.rank_provinsi, r.n_provinsi, r.rank_nasional,
       r.n_nasional, r.kabupaten_median, r.distance_to_median,
       rep.id AS report_id, rep.file_name, rep.sha256
FROM indicator_rank r
JOIN kecamatan k ON k.code = r.kecamatan_code
JOIN kabupaten kb ON kb.code = r.kabupaten_code
JOIN report rep ON rep.id = r.report_id
WHERE r.concept_key = 'ikm' AND r.tahun = 2024 AND r.kabupaten_code = '35.20'
ORDER BY r.rank_kabupaten IS NULL, r.rank_kabupaten, r.kecamatan_code
