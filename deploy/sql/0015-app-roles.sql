-- Two group roles, one per app, so each process can be given a login with only what it needs
-- (docs/deploy.md, "Trust model"): the silos cannot read the accounts, the token hashes or the
-- dashboards' data-protection keys; the dashboards cannot read the cluster's secret or the grains'
-- state. Make a login per app and grant it its group:
--   CREATE ROLE aw_silo LOGIN PASSWORD '…' IN ROLE actorwelfare_silo;
--   CREATE ROLE aw_dashboard LOGIN PASSWORD '…' IN ROLE actorwelfare_dashboard;
-- The role that owns the tables applies the migrations (`dotnet ActorWelfare.Silo.dll --migrate`, with
-- ConnectionStrings:ActorWelfareOwner); silos that run with Silo:Migrate=false only check schema_version.
-- Every later migration that adds a table grants it here too (a test checks that each table is granted).
DO $$
DECLARE
    grant_row record;
    sequence_name text;
BEGIN
    -- Roles belong to the server, not the database: another database's migration may be making them now.
    -- Making them needs CREATEROLE; without it, an administrator makes them first (docs/deploy.md).
    BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'actorwelfare_silo') THEN
            CREATE ROLE actorwelfare_silo NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'actorwelfare_dashboard') THEN
            CREATE ROLE actorwelfare_dashboard NOLOGIN;
        END IF;
    EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'migration 0015 needs the group roles actorwelfare_silo and actorwelfare_dashboard: make them once as a role with CREATEROLE (CREATE ROLE actorwelfare_silo NOLOGIN; CREATE ROLE actorwelfare_dashboard NOLOGIN;), or give the migrating role CREATEROLE';
    END;
    GRANT USAGE ON SCHEMA public TO actorwelfare_silo, actorwelfare_dashboard;

    FOR grant_row IN SELECT * FROM (VALUES
        -- Orleans: the silos run the cluster; the dashboards' clients read the membership to find gateways.
        ('schema_version',             'actorwelfare_silo',      'SELECT'),
        ('orleansquery',               'actorwelfare_silo',      'SELECT'),
        ('orleansquery',               'actorwelfare_dashboard', 'SELECT'),
        ('orleans_membership',         'actorwelfare_silo',      'SELECT, INSERT, UPDATE, DELETE'),
        ('orleans_membership_version', 'actorwelfare_silo',      'SELECT, INSERT, UPDATE, DELETE'),
        ('orleans_membership',         'actorwelfare_dashboard', 'SELECT'),
        ('orleans_membership_version', 'actorwelfare_dashboard', 'SELECT'),
        ('orleans_grain_state',        'actorwelfare_silo',      'SELECT, INSERT, UPDATE, DELETE'),
        ('orleans_reminder',           'actorwelfare_silo',      'SELECT, INSERT, UPDATE, DELETE'),
        -- The records: written by the grains; the dashboards read the audit for its page and export.
        ('activity',                   'actorwelfare_silo',      'SELECT, INSERT, UPDATE, DELETE'),
        ('activity_audit',             'actorwelfare_silo',      'SELECT, INSERT'),
        ('activity_audit',             'actorwelfare_dashboard', 'SELECT'),
        ('snapshot',                   'actorwelfare_silo',      'SELECT, INSERT'),
        ('dataset_load',               'actorwelfare_silo',      'SELECT, INSERT, UPDATE'),
        ('cluster_secret',             'actorwelfare_silo',      'SELECT, INSERT'),
        ('admin_audit',                'actorwelfare_silo',      'INSERT'),
        ('admin_audit',                'actorwelfare_dashboard', 'SELECT, INSERT'),
        -- People and their keys: the dashboards only.
        ('"AspNetUsers"',              'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE'),
        ('"AspNetRoles"',              'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE'),
        ('"AspNetUserRoles"',          'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE'),
        ('"AspNetUserClaims"',         'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE'),
        ('"AspNetRoleClaims"',         'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE'),
        ('"AspNetUserLogins"',         'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE'),
        ('"AspNetUserTokens"',         'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE'),
        ('api_token',                  'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE'),
        ('"DataProtectionKeys"',       'actorwelfare_dashboard', 'SELECT, INSERT, UPDATE, DELETE')
    ) AS g(table_name, role_name, privileges)
    LOOP
        EXECUTE format('GRANT %s ON TABLE %s TO %I', grant_row.privileges, grant_row.table_name, grant_row.role_name);
        -- Inserting into a serial or identity column draws from its sequence.
        FOR sequence_name IN
            SELECT pg_get_serial_sequence(grant_row.table_name, a.attname)
            FROM pg_attribute a
            WHERE a.attrelid = grant_row.table_name::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND pg_get_serial_sequence(grant_row.table_name, a.attname) IS NOT NULL
        LOOP
            IF grant_row.privileges LIKE '%INSERT%' THEN
                EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', sequence_name, grant_row.role_name);
            END IF;
        END LOOP;
    END LOOP;
END $$;
