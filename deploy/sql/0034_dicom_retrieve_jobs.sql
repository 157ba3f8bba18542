-- Pulls from the hospital's existing PACS (C-FIND then C-MOVE per study), one row per requested accession number
-- or patient id. A worker holds a job by its lease; a job whose node died is taken up again where it stopped
-- (study_uids and studies_done are the resume point).
CREATE TABLE dicom_retrieve_jobs (
    id                   bigserial   PRIMARY KEY,
    pacs                 text        NOT NULL,              -- configured PACS name ('' = the first one)
    match_key            text        NOT NULL CHECK (match_key IN ('accession', 'patient-id')),
    match_value          text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    study_uids           text[]      NULL,                  -- what the PACS answered to C-FIND
    studies_done         integer     NOT NULL DEFAULT 0,
    instances_retrieved  integer     NOT NULL DEFAULT 0,
    instances_failed     integer     NOT NULL DEFAULT 0,
    error                text        NULL,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    lease_until          timestamptz NULL
);

CREATE INDEX dicom_retrieve_jobs_due ON dicom_retrieve_jobs (id) WHERE status IN ('queued', 'running');
