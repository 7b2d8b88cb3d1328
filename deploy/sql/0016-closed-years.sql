-- The years each city has closed, as the activity saves see them: a save that alters a year takes a
-- shared advisory lock on it and reads this table in its own transaction; closing takes the exclusive
-- lock and adds the row. So an edit either lands before the close or is refused by it.
CREATE TABLE closed_year (
    city text    NOT NULL,
    year integer NOT NULL,
    PRIMARY KEY (city, year)
);
GRANT SELECT, INSERT, DELETE ON closed_year TO actorwelfare_silo;
