-- Orleans reminders: durable timers that wake a grain (delayed assignment, shift edges, SLA checks, daily resets).

CREATE TABLE orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadReminderRowsKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period AS period, version AS version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS version
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version::integer
    RETURNING 1)
SELECT count(*)::integer FROM deleted
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
