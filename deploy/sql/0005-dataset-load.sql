-- Datasets loaded into this database (deploy/datasets), so a demo loads on the first start only
-- and a record a user later removes does not come back at the next start.
CREATE TABLE dataset_load (
    name        text        PRIMARY KEY,
    city        text        NOT NULL,
    year        integer     NOT NULL,
    activities  integer     NOT NULL CHECK (activities >= 0),
    sha256      text        NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);
