-- Roles belong to cities: a direttore or analista token holds its role in the cities listed here
-- ('*' for every city); an operatore token's cities are those of its quartieri. Tokens issued before
-- this migration list no city and so read nothing until an amministratore issues them again.
ALTER TABLE api_token ADD COLUMN cities text[] NOT NULL DEFAULT '{}';
