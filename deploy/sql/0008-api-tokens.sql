-- API tokens that an administrator issues to an integration (docs/api.md#tokens). Only a SHA-256
-- of the secret is kept: the secret is shown once, when the token is issued.
CREATE TABLE api_token (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix       text        NOT NULL,
    secret_sha256 text       NOT NULL UNIQUE,
    role         text        NOT NULL,
    quartieri    text[]      NOT NULL DEFAULT '{}',
    issued_by    text        NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz,
    CHECK (expires_at > issued_at)
);
