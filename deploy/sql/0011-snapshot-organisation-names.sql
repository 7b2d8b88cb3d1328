-- The names of the organisations a snapshot's records name, as the registry had them when it was taken:
-- a later rename must not change an old report or its exports. Null for snapshots taken before.
-- Adding a column changes no row, so the immutability triggers of 0009 stay as they are.
ALTER TABLE snapshot ADD COLUMN organisations jsonb;
