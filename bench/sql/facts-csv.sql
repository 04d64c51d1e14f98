-- Datasette's twin of GET /api/v1/facts?concept=ikm&tahun=2024&kabupaten=35.20&format=csv:
-- one concept's figures for one year across a kabupaten, as CSV.
SELECT f.id, rep.kecamatan_code, k.name AS kecamatan, kb.code AS kabupaten_code,
       kb.name AS kabupaten, p.code AS provinsi_code, p.name AS provinsi, f.tahun, f.is_history,
       f.level, f.raw_name AS name, f.concept_key AS concept, f.unit, f.direction, f.target,
       f.realisasi, f.capaian_reported, f.capaian_computed, f.flags, rep.id AS report_id,
       rep.file_name, rep.sha256, f.lines
FROM indicator_fact f
JOIN report rep ON rep.id = f.report_id
JOIN kecamatan k ON k.code = rep.kecamatan_code
JOIN kabupaten kb ON kb.code = k.kabupaten_code
JOIN provinsi p ON p.code = kb.provinsi_code
WHERE rep.superseded_by IS NULL AND f.is_history = 0
  AND f.concept_key = 'ikm' AND f.tahun = 2024 AND k.kabupaten_code = '35.20'
ORDER BY f.id
