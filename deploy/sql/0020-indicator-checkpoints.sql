-- Each aggregator's contributions as last written (the city-year's activities, each with its version and what
-- it adds to the figures), so a restarted silo's aggregators take them back in one read and check them against
-- the activities' versions instead of recomputing every activity. A checkpoint is a cache: deleting rows loses
-- nothing (the aggregator then loads from `activity`, as before), and one written under other rules
-- (`rules`: the build's and the territory's fingerprint) is ignored.
CREATE TABLE indicator_checkpoint (
    city          text        NOT NULL,
    year          integer     NOT NULL,
    rules         text        NOT NULL,
    as_of         timestamptz NOT NULL,  -- when the figures last changed (the pages' "updated at")
    activities    integer     NOT NULL,
    contributions bytea       NOT NULL,  -- SHA-256, then Brotli (ContributionCheckpoint)
    written_at    timestamptz NOT NULL,
    PRIMARY KEY (city, year)
);
-- Already compressed: stored out of line without PostgreSQL compressing it again.
ALTER TABLE indicator_checkpoint ALTER COLUMN contributions SET STORAGE EXTERNAL;
GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_checkpoint TO actorwelfare_silo;
