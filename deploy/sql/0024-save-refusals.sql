-- A save in one round trip, its commit included (issue 21): the silo sends the years' locks, the closed-year check and
-- the writes as one batch without BEGIN, which PostgreSQL runs as one implicit transaction, committed when the batch
-- ends. A statement that finds the save refused calls this function, whose error rolls the whole batch back; its
-- SQLSTATE says why: 'AWYRC' a year the save alters is closed (the message is 'closed year <year>'), 'AWCON' a version
-- moved since the save read it. Both are the silo's contract (silo/Storage/PostgresActivityStore.cs).
CREATE FUNCTION aw_refuse_save(reason text, detail text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF reason = 'year-closed' THEN
        RAISE EXCEPTION USING ERRCODE = 'AWYRC', MESSAGE = 'closed year ' || detail;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'AWCON', MESSAGE = 'version moved: ' || detail;
END $$;
