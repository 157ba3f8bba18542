-- C-FIND by patient name matches any component group: "张*" must find "Zhang^San=张^三" as well as "ZHANG*".
-- The ideographic group gets its own prefix-searchable column next to the full upper-cased name.
ALTER TABLE dicom_studies ADD COLUMN patient_name_ideographic text NOT NULL DEFAULT '';

CREATE INDEX dicom_studies_by_ideographic_name ON dicom_studies (patient_name_ideographic text_pattern_ops);
