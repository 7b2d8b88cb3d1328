-- A checkpoint in two parts (issue 21, a restarted silo): the head (its horizon, the keys, the sum of the vectors)
-- is all an activation reads to serve its figures; the contributions (every activity's version and vector, stored
-- out of line) are read only when a change first needs them. The checkpoints written before are of the earlier
-- format, which no silo of this version takes back: they are emptied (a cache).
DELETE FROM indicator_checkpoint;
ALTER TABLE indicator_checkpoint ADD COLUMN head bytea NOT NULL;
-- Already compressed: stored without PostgreSQL compressing it again (in the row itself while it is small).
ALTER TABLE indicator_checkpoint ALTER COLUMN head SET STORAGE EXTERNAL;
COMMENT ON COLUMN indicator_checkpoint.head IS 'SHA-256, then Brotli of the horizon, keys and summed vectors (ContributionCheckpoint)';
