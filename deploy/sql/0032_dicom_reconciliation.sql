-- Reconciliation: a DICOM study whose accession number did not match its order can be linked by staff to the
-- registered study it belongs to. linked_study_key overrides the accession number for matching; NULL = as received.
ALTER TABLE dicom_studies ADD COLUMN linked_study_key text NULL;
ALTER TABLE dicom_studies ADD COLUMN linked_by text NULL;

CREATE INDEX dicom_studies_by_study_key ON dicom_studies ((coalesce(linked_study_key, accession_number)));
