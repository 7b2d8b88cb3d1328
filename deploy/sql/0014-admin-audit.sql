-- Every administrative act (accounts, roles and quartieri, locks, API tokens, identity-provider rights at
-- sign-in, the organisation registry, years closed and reopened), written by the dashboards and the
-- silos. Append-only: rows are never changed or removed, whoever asks.
CREATE TABLE admin_audit (
    seq        bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor_id   text        NOT NULL,
    actor_name text        NOT NULL,
    action     text        NOT NULL,
    city       text        NULL,
    target     text        NOT NULL,
    before     text        NULL,
    after      text        NULL
);
CREATE INDEX admin_audit_at ON admin_audit (at);

CREATE FUNCTION admin_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_audit is append-only: % is not allowed', TG_OP;
END $$;

CREATE TRIGGER admin_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON admin_audit
    FOR EACH ROW EXECUTE FUNCTION admin_audit_refuse_change();
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_refuse_change();
