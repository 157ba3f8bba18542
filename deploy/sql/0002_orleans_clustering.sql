-- Orleans cluster membership. One version row per cluster (deployment); every membership change bumps it
-- by exactly one, and a change is applied only if the caller read the current version (optimistic check).
-- Each query is one statement, because the provider runs it outside any transaction.

CREATE TABLE orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created
$q$),
('MembershipReadAllKey', $q$
SELECT v.deployment_id AS deploymentid, m.address AS address, m.port AS port, m.generation AS generation,
       m.silo_name AS siloname, m.host_name AS hostname, m.status AS status, m.proxy_port AS proxyport,
       m.suspect_times AS suspecttimes, m.start_time AS starttime, m.i_am_alive_time AS iamalivetime,
       v.version AS version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS deploymentid, m.address AS address, m.port AS port, m.generation AS generation,
       m.silo_name AS siloname, m.host_name AS hostname, m.status AS status, m.proxy_port AS proxyport,
       m.suspect_times AS suspecttimes, m.start_time AS starttime, m.i_am_alive_time AS iamalivetime,
       v.version AS version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership
                      WHERE deployment_id = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM inserted
$q$),
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership
                  WHERE deployment_id = @DeploymentId AND address = @Address
                    AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM updated
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('GatewaysQueryKey', $q$
SELECT address AS address, proxy_port AS proxyport, generation AS generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status = 6
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$);
