-- Reconciliation merges: one row per DICOM study merged into another (its series and instances moved, their files
-- rewritten with the target's study UID and patient/study attributes, the replaced values kept in each file's
-- Original Attributes Sequence). Who, when, which UIDs and how many; no names or patient ids.
CREATE TABLE dicom_merges (
    id                         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_study_instance_uid  text        NOT NULL,   -- the study merged away (its dicom_studies row is gone)
    target_study_instance_uid  text        NOT NULL,
    reason                     text        NOT NULL,   -- COERCE (same patient) or CORRECT (patient identity corrected), as in the files
    series_moved               integer     NOT NULL,
    instances_moved            integer     NOT NULL,
    merged_by                  text        NOT NULL,   -- staff user id or system name
    merged_at                  timestamptz NOT NULL
);

CREATE INDEX dicom_merges_by_source ON dicom_merges (source_study_instance_uid);
CREATE INDEX dicom_merges_by_target ON dicom_merges (target_study_instance_uid);
