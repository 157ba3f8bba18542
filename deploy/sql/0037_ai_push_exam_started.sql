-- The AI push's "exam-started" trigger scans, every second, the last day of two signs that an exam started:
-- queue tickets called into the exam room (or already done) by the time the projection last wrote them, and the
-- first arrival of DICOM studies the order accepted. Both by time, only over the rows that count.
CREATE INDEX queue_tickets_started ON queue_tickets (updated_at) WHERE status IN ('Called', 'Done');
CREATE INDEX dicom_studies_started ON dicom_studies (first_arrival) WHERE match_status = 'matched';
