#!/bin/sh
# Runs once, when the compose PostgreSQL initialises its data: a login for the silos and one for the
# dashboards, each a member of its app's group role (the silo's first migration grants the groups their
# tables; it creates the groups too when they do not exist yet, as here they already do).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v silo_password="$SILO_DB_PASSWORD" -v dashboard_password="$DASHBOARD_DB_PASSWORD" <<'SQL'
CREATE ROLE actorwelfare_silo NOLOGIN;
CREATE ROLE actorwelfare_dashboard NOLOGIN;
CREATE ROLE aw_silo LOGIN PASSWORD :'silo_password' IN ROLE actorwelfare_silo;
CREATE ROLE aw_dashboard LOGIN PASSWORD :'dashboard_password' IN ROLE actorwelfare_dashboard;
SQL
