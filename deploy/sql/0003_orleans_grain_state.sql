-- Orleans grain state. The payload is the grain's state serialised as JSON (System.Text.Json) and kept as
-- jsonb, so an operator can read it with SQL; the queries convert to and from the bytes the provider deals in.
-- One row per (service, state name, grain id): the unique key stops two concurrent first writes from both
-- inserting. String grain keys live in grain_id_extension ('' when the key has none).

CREATE TABLE orleans_grain_state (
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NOT NULL DEFAULT '',
    grain_id_hash      integer     NOT NULL,
    grain_type_hash    integer     NOT NULL,
    payload            jsonb       NULL,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT convert_to(payload::text, 'UTF8') AS payloadbinary, version AS version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
$q$),
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = convert_from(@PayloadBinary, 'UTF8')::jsonb, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                                     grain_id_hash, grain_type_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
           @GrainIdHash, @GrainTypeHash, convert_from(@PayloadBinary, 'UTF8')::jsonb, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS newgrainstateversion
$q$),
('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version
$q$),
('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1
$q$);
