-- Query tables (projections) for patients and studies. The owning grain writes its row after every state
-- change; lists and searches read these tables instead of fanning out over grains.

CREATE TABLE patients (
    patient_key   text        PRIMARY KEY,           -- "{patient id}@{issuer}"
    patient_id    text        NOT NULL,
    issuer        text        NOT NULL,
    name          text        NOT NULL,
    sex           text        NOT NULL,
    birth_date    date        NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE studies (
    study_key        text        PRIMARY KEY,        -- the accession number
    accession_number text        NOT NULL UNIQUE,
    patient_key      text        NOT NULL,
    patient_name     text        NOT NULL,
    campus           text        NOT NULL,
    department       text        NOT NULL,
    modality         text        NOT NULL,
    exam_item        text        NOT NULL,
    body_part        text        NOT NULL,
    priority         text        NOT NULL,
    patient_type     text        NOT NULL,
    is_vip           boolean     NOT NULL,
    status           text        NOT NULL,
    registered_at    timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE INDEX studies_by_patient ON studies (patient_key, registered_at DESC);
CREATE INDEX studies_by_campus_time ON studies (campus, registered_at DESC);
