-- Reading-task dispatch: the worklist (one row per reading task, open or completed) and the event log of every
-- change with who and when, for audit and statistics. The DispatcherGrain of the pool writes both after each
-- persisted change; the Api's worklists and statistics read them.

CREATE TABLE reading_tasks (
    task_id        text          PRIMARY KEY,        -- "{study key}:{task type}"
    pool_id        text          NOT NULL,
    study_key      text          NOT NULL,
    task_type      text          NOT NULL,           -- WriteReport | ReviewReport
    priority       text          NOT NULL,           -- Emergency | Vip | Urgent | Routine
    weight         numeric(9,3)  NOT NULL,
    status         text          NOT NULL,           -- Pending | Assigned | Started | Completed
    campus         text          NOT NULL,
    modality       text          NOT NULL,
    exam_item      text          NOT NULL,
    patient_type   text          NOT NULL,
    station_id     text          NULL,
    reader_id      text          NULL,
    pinned         boolean       NOT NULL DEFAULT false,
    reassignments  integer       NOT NULL DEFAULT 0,
    created_at     timestamptz   NOT NULL,
    assigned_at    timestamptz   NULL,
    started_at     timestamptz   NULL,
    completed_at   timestamptz   NULL,
    last_sequence  bigint        NOT NULL            -- the pool event that last changed the row; older writes lose
);

CREATE INDEX reading_tasks_by_reader ON reading_tasks (reader_id, status, created_at);
CREATE INDEX reading_tasks_by_station ON reading_tasks (station_id, status, created_at);
CREATE INDEX reading_tasks_by_pool_time ON reading_tasks (pool_id, created_at DESC);

CREATE TABLE dispatch_events (
    pool_id     text         NOT NULL,
    sequence    bigint       NOT NULL,
    task_id     text         NOT NULL,               -- empty for station and configuration events
    kind        text         NOT NULL,               -- created, assigned, swept, evicted, returned, started, ...
    at          timestamptz  NOT NULL,
    by_whom     text         NOT NULL,               -- "system", a reader id or a supervisor's user id
    station_id  text         NULL,
    reader_id   text         NULL,
    reason      text         NULL,
    PRIMARY KEY (pool_id, sequence)
);

CREATE INDEX dispatch_events_by_task ON dispatch_events (task_id, sequence);
CREATE INDEX dispatch_events_by_time ON dispatch_events (at);
