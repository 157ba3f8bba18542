-- The DICOM archive: who may talk to the front node, the index of every stored instance (what C-FIND, QIDO-RS
-- and the study pages search), and the durable queue of stored copies still to be compressed losslessly.
-- Written by DicomNode (index, queue) and the Api (peers); never by grains.

-- Calling AE title + IP address pairs allowed to associate. port is where a peer listens when it is also a
-- C-MOVE destination (NULL: not a destination).
CREATE TABLE dicom_peers (
    ae_title     text        NOT NULL,
    ip_address   text        NOT NULL,
    port         integer     NULL CHECK (port BETWEEN 1 AND 65535),
    description  text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (ae_title, ip_address)
);

-- One row per study received. Patient attributes are those of the last instance received (identity is
-- patient id + issuer, never the name). revision grows with every indexed instance; notified_revision is
-- what the StudyGrain has been told, so a lost notification is retried from here.
CREATE TABLE dicom_studies (
    study_instance_uid     text        PRIMARY KEY,
    patient_id             text        NOT NULL,
    issuer_of_patient_id   text        NOT NULL,
    patient_name           text        NOT NULL,   -- as received, all component groups ("Zhang^San=张^三")
    patient_name_search    text        NOT NULL,   -- upper-cased, for prefix search
    patient_birth_date     date        NULL,
    patient_sex            text        NOT NULL,
    accession_number       text        NOT NULL,
    study_date             date        NULL,
    study_time             text        NOT NULL,
    study_id               text        NOT NULL,
    study_description      text        NOT NULL,
    referring_physician    text        NOT NULL,
    modalities             text[]      NOT NULL,
    series_count           integer     NOT NULL,
    instance_count         integer     NOT NULL,
    first_arrival          timestamptz NOT NULL,
    last_arrival           timestamptz NOT NULL,
    revision               bigint      NOT NULL,
    notified_revision      bigint      NOT NULL DEFAULT 0,
    match_status           text        NOT NULL DEFAULT 'pending'  -- pending, matched, unmatched, patient-mismatch
);

CREATE INDEX dicom_studies_by_name ON dicom_studies (patient_name_search text_pattern_ops);
CREATE INDEX dicom_studies_by_patient ON dicom_studies (patient_id, issuer_of_patient_id);
CREATE INDEX dicom_studies_by_accession ON dicom_studies (accession_number);
CREATE INDEX dicom_studies_by_date ON dicom_studies (study_date);
CREATE INDEX dicom_studies_to_notify ON dicom_studies (study_instance_uid) WHERE notified_revision < revision;
CREATE INDEX dicom_studies_unmatched ON dicom_studies (last_arrival DESC) WHERE match_status IN ('unmatched', 'patient-mismatch');

CREATE TABLE dicom_series (
    series_instance_uid  text        PRIMARY KEY,
    study_instance_uid   text        NOT NULL REFERENCES dicom_studies ON DELETE CASCADE,
    modality             text        NOT NULL,
    series_number        integer     NULL,
    series_description   text        NOT NULL,
    body_part            text        NOT NULL,
    instance_count       integer     NOT NULL,
    first_arrival        timestamptz NOT NULL,
    last_arrival         timestamptz NOT NULL
);

CREATE INDEX dicom_series_by_study ON dicom_series (study_instance_uid);

CREATE TABLE dicom_instances (
    sop_instance_uid     text        PRIMARY KEY,
    series_instance_uid  text        NOT NULL REFERENCES dicom_series ON DELETE CASCADE,
    study_instance_uid   text        NOT NULL,
    sop_class_uid        text        NOT NULL,
    instance_number      integer     NULL,
    number_of_frames     integer     NOT NULL,
    rows                 integer     NULL,
    columns              integer     NULL,
    transfer_syntax_uid  text        NOT NULL,   -- of the stored copy
    received_syntax_uid  text        NOT NULL,   -- as the sender sent it
    blob_key             text        NOT NULL,   -- path under the blob store root, derived from the UIDs
    stored_bytes         bigint      NOT NULL,
    received_bytes       bigint      NOT NULL,
    source_ae_title      text        NOT NULL,
    received_at          timestamptz NOT NULL
);

CREATE INDEX dicom_instances_by_series ON dicom_instances (series_instance_uid, instance_number);
CREATE INDEX dicom_instances_by_study ON dicom_instances (study_instance_uid);

-- Stored copies waiting for lossless compression. A worker takes a row with FOR UPDATE SKIP LOCKED, replaces
-- the blob atomically and deletes the row in the same transaction that updates the instance.
CREATE TABLE dicom_compression_queue (
    sop_instance_uid  text        PRIMARY KEY REFERENCES dicom_instances ON DELETE CASCADE,
    enqueued_at       timestamptz NOT NULL,
    attempts          integer     NOT NULL DEFAULT 0,
    not_before        timestamptz NOT NULL,
    last_error        text        NULL
);

CREATE INDEX dicom_compression_queue_due ON dicom_compression_queue (not_before);
