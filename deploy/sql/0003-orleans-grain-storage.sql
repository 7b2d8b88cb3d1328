-- Grain state (Orleans ADO.NET grain storage provider). A row is identified by the service, the
-- grain id (hash, two numeric halves and the string key) and the storage's type string; version is
-- the ETag. Each grain class uses its own storage name (see grains/StorageNames.cs).
CREATE TABLE orleans_grain_state (
    service_id     varchar(150) NOT NULL,
    grain_id_hash  integer      NOT NULL,
    grain_id_n0    bigint       NOT NULL,
    grain_id_n1    bigint       NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_type     varchar(512) NOT NULL,
    -- '' stands for "no string key" so the key can be a plain unique constraint.
    grain_key_ext  varchar(512) NOT NULL DEFAULT '',
    payload        bytea,
    version        integer      NOT NULL,
    modified_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT orleans_grain_state_key
        UNIQUE (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_key_ext)
);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, now() AS ModifiedOn, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '');
$q$),

-- With no ETag the state was never stored: insert it as version 1 unless a row exists. With an
-- ETag, update only that version. The result is the new version, or the old one on a conflict,
-- which the provider turns into an InconsistentStateException.
('WriteToStorageKey', $q$
WITH args AS (
    SELECT @ServiceId::varchar AS service_id, @GrainIdHash::int AS grain_id_hash,
           @GrainIdN0::bigint AS grain_id_n0, @GrainIdN1::bigint AS grain_id_n1,
           @GrainTypeHash::int AS grain_type_hash, @GrainTypeString::varchar AS grain_type,
           coalesce(@GrainIdExtensionString::varchar, '') AS grain_key_ext,
           @GrainStateVersion::int AS expected, @PayloadBinary::bytea AS payload),
inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_id_hash, grain_id_n0, grain_id_n1,
                                     grain_type_hash, grain_type, grain_key_ext, payload, version)
    SELECT service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type,
           grain_key_ext, payload, 1
    FROM args WHERE expected IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING
    RETURNING version),
updated AS (
    UPDATE orleans_grain_state s
    SET payload = a.payload, version = s.version + 1, modified_at = now()
    FROM args a
    WHERE a.expected IS NOT NULL AND s.version = a.expected
      AND s.service_id = a.service_id AND s.grain_id_hash = a.grain_id_hash
      AND s.grain_type_hash = a.grain_type_hash AND s.grain_id_n0 = a.grain_id_n0
      AND s.grain_id_n1 = a.grain_id_n1 AND s.grain_type = a.grain_type
      AND s.grain_key_ext = a.grain_key_ext
    RETURNING s.version)
SELECT coalesce((SELECT version FROM inserted), (SELECT version FROM updated),
                (SELECT expected FROM args)) AS NewGrainStateVersion;
$q$),

('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
$q$),

-- Used when a storage is configured with DeleteStateOnClear. The provider expects "old version + 1"
-- back as the sign of success.
('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion;
$q$);
