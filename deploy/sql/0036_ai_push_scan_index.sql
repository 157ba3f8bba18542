-- The AI push scans the studies query table for recent registrations every second: by registration time.
CREATE INDEX studies_by_registered_at ON studies (registered_at);
