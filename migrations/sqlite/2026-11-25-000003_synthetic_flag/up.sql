-- Reports made by `kinerja synth` for scale tests are marked, so they can never pass for real ones.
ALTER TABLE report ADD COLUMN synthetic BOOLEAN NOT NULL DEFAULT 0;
