-- The versions each aggregator has reserved for its city-year's documents (issue 21, a restarted silo): an activation
-- reserves its block of versions and reads its checkpoint in one statement, instead of reading and writing an Orleans
-- grain state before it. Unlike indicator_checkpoint this is not a cache: a row emptied would let versions go back,
-- and pages keep the highest version they have seen.
CREATE TABLE indicator_version (
    city      text    NOT NULL,
    year      integer NOT NULL,
    reserved  bigint  NOT NULL,  -- every version up to this one may have been handed out
    PRIMARY KEY (city, year)
);

-- Carried over from the aggregators' Orleans grain state (state "indicators", keyed "city/year"): every write of that
-- state reserved at most 1,000 versions, so 1,000 times its write count (its version) is past every version it gave.
INSERT INTO indicator_version (city, year, reserved)
SELECT split_part(grain_key_ext, '/', 1), split_part(grain_key_ext, '/', 2)::integer, max(version)::bigint * 1000
FROM orleans_grain_state
WHERE grain_type = 'indicators' AND grain_key_ext ~ '^[^/]+/[0-9]{1,9}$'
GROUP BY 1, 2;
DELETE FROM orleans_grain_state WHERE grain_type = 'indicators' AND grain_key_ext ~ '^[^/]+/[0-9]{1,9}$';

GRANT SELECT, INSERT, UPDATE ON indicator_version TO actorwelfare_silo;
