-- The stored state of every activity (one row, replaced at every accepted change) and the audit log
-- (one row per accepted change). The activity grain writes both in one transaction, checking the
-- version it read, before it acknowledges the change.
CREATE TABLE activity (
    city        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('progetto', 'tavolo', 'gruppo')),
    id          text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    deleted     boolean     NOT NULL,
    start_year  integer     NOT NULL,
    end_year    integer,
    quartieri   text[]      NOT NULL,
    record      jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (city, kind, id)
);
CREATE INDEX activity_city_span ON activity (city, start_year, end_year);

CREATE TABLE activity_audit (
    seq         bigserial   PRIMARY KEY,
    city        text        NOT NULL,
    kind        text        NOT NULL,
    id          text        NOT NULL,
    version     bigint      NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    text        NOT NULL,
    actor_name  text        NOT NULL,
    command     text        NOT NULL,
    change      jsonb       NOT NULL,
    before      jsonb,
    after       jsonb       NOT NULL,
    UNIQUE (city, kind, id, version)
);
