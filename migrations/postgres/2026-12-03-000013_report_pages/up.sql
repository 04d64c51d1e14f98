-- The first line of each page of a paged original (PDF), as a JSON array of 1-based line
-- numbers in page order: line L is on page P when page_starts[P-1] <= L < page_starts[P].
-- '[]' for formats without pages (text, DOCX) and for reports loaded before pages were kept.
ALTER TABLE report ADD COLUMN page_starts TEXT NOT NULL DEFAULT '[]';
