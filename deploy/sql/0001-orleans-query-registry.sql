-- The Orleans ADO.NET providers run "SELECT QueryKey, QueryText FROM OrleansQuery" at start-up and
-- then execute only the SQL stored here. Each provider refuses to start if one of its keys is missing.
CREATE TABLE orleansquery (
    querykey  varchar(64)  NOT NULL PRIMARY KEY,
    querytext text         NOT NULL
);
