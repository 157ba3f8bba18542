-- Measurements parsed from Structured Reports (Comprehensive SR and kin) as they arrive: one row per numeric
-- content item, with its concept, value, units, finding site and the containers above it. report_field is the
-- report field the configured mapping gives it (LVEF, IVSd, ...), NULL when unmapped. Rows of one SR instance are
-- replaced together when the instance is replaced.
CREATE TABLE dicom_measurements (
    sop_instance_uid    text        NOT NULL REFERENCES dicom_instances ON DELETE CASCADE,
    ordinal             integer     NOT NULL,            -- document order within the SR
    study_instance_uid  text        NOT NULL,
    concept_code        text        NOT NULL,
    concept_scheme      text        NOT NULL,
    concept_meaning     text        NOT NULL,
    numeric_value       numeric     NOT NULL,
    units_code          text        NOT NULL,
    units_meaning       text        NOT NULL,
    finding_site        text        NOT NULL,
    context             text        NOT NULL,            -- container concept names from the root, " > " separated
    report_field        text        NULL,
    PRIMARY KEY (sop_instance_uid, ordinal)
);

CREATE INDEX dicom_measurements_by_study ON dicom_measurements (study_instance_uid);
