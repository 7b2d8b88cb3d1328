-- Immutable year-end snapshots: the indicator document and the activity records of a city's year at one
-- instant, with who took it, when, and the SHA-256 of the content. Rows are inserted, never changed.
CREATE TABLE snapshot (
    id          uuid        PRIMARY KEY,
    city        text        NOT NULL,
    year        integer     NOT NULL,
    label       text        NOT NULL,
    taken_by    text        NOT NULL,
    taken_at    timestamptz NOT NULL,
    sha256      text        NOT NULL,
    activities  integer     NOT NULL,
    year_closed boolean     NOT NULL,
    document    jsonb       NOT NULL,
    records     jsonb       NOT NULL
);
CREATE INDEX snapshot_city_year ON snapshot (city, year, taken_at);

CREATE FUNCTION snapshot_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'snapshots are immutable: % refused on snapshot %', TG_OP, OLD.id;
END;
$$;

CREATE TRIGGER snapshot_no_update BEFORE UPDATE OR DELETE ON snapshot
    FOR EACH ROW EXECUTE FUNCTION snapshot_is_immutable();
CREATE TRIGGER snapshot_no_truncate BEFORE TRUNCATE ON snapshot
    FOR EACH STATEMENT EXECUTE FUNCTION snapshot_is_immutable();
