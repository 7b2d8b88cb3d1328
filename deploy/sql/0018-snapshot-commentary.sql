-- The analysts' words on the report (a general note and a commentary per section), as they were when the
-- snapshot was taken: part of its SHA-256. Null for snapshots taken without words, or before there were any.
-- Adding a column changes no row, so the immutability triggers of 0009 stay as they are.
ALTER TABLE snapshot ADD COLUMN commentary jsonb;
