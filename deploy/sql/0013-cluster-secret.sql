-- The key the silos of a cluster share to prove the system identity on grain calls (the dataset
-- loader, an activity telling the aggregators about a change). Written once by the first silo that
-- starts (a random 32-byte key), read by every silo; the dashboards never need it.
CREATE TABLE cluster_secret (
    name  text  PRIMARY KEY,
    value bytea NOT NULL CHECK (octet_length(value) >= 32)
);
