-- Query tables for patient queues, written by QueueGrain after each persisted change. Lists of queues by
-- campus and waiting-time statistics read these; the live state stays in the grain. No patient names here.

CREATE TABLE queues (
    queue_id    text        PRIMARY KEY,
    campus      text        NOT NULL,
    name        text        NOT NULL,
    definition  jsonb       NOT NULL,              -- rooms, rules and voice settings as configured
    updated_at  timestamptz NOT NULL
);

CREATE INDEX queues_campus ON queues (campus);

CREATE TABLE queue_tickets (
    queue_id     text        NOT NULL,
    service_day  date        NOT NULL,             -- numbers restart every service day
    number       integer     NOT NULL,
    exam_id      text        NOT NULL,             -- the accession number the ticket was issued for
    lane         text        NOT NULL,             -- Emergency, Priority, Normal
    status       text        NOT NULL,             -- Waiting, Called, Done, Missed, Transferred, Cancelled, Expired
    room_id      text        NULL,
    issued_at    timestamptz NOT NULL,
    call_count   integer     NOT NULL,
    misses       integer     NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (queue_id, service_day, number)
);

CREATE INDEX queue_tickets_exam ON queue_tickets (exam_id);
