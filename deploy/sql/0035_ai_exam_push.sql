-- The outbound exam push to AI hosts: one row per (study, endpoint), made when a registered study appears in the
-- studies query table (the same event the StudyGrain projects), retried with backoff until delivered or given up.
-- This is the delivery log staff read; a failure here never touches the study's workflow.
CREATE TABLE ai_push_deliveries (
    study_key         text        NOT NULL,
    endpoint          text        NOT NULL,             -- configured endpoint name
    trigger           text        NOT NULL,             -- 'registered' (later: 'exam-started')
    status            text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt      timestamptz NOT NULL,
    last_status_code  integer     NULL,
    last_error        text        NULL,
    created_at        timestamptz NOT NULL,
    delivered_at      timestamptz NULL,
    PRIMARY KEY (study_key, endpoint, trigger)
);

CREATE INDEX ai_push_deliveries_due ON ai_push_deliveries (next_attempt) WHERE status = 'pending';
CREATE INDEX ai_push_deliveries_recent ON ai_push_deliveries (created_at DESC);
