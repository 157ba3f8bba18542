-- QIDO-RS (DICOMweb search) answers studies newest first and pages through them (limit/offset): an index in that
-- order lets "all studies" and every page of it read only the rows it returns instead of sorting the whole table.
CREATE INDEX dicom_studies_newest_first ON dicom_studies (study_date DESC NULLS LAST, study_instance_uid);
