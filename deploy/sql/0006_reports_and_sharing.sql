-- Report documents, SMS outbox, and report/matching state in the studies query table.

ALTER TABLE studies ADD COLUMN is_unmatched boolean NOT NULL DEFAULT false;
ALTER TABLE studies ADD COLUMN report_status text NULL;
CREATE INDEX studies_unmatched ON studies (registered_at DESC) WHERE is_unmatched;

-- PDFs sent with reports, stored once by content (the report version names them by SHA-256).
CREATE TABLE report_documents (
    sha256       text        PRIMARY KEY,
    content_type text        NOT NULL,
    length       bigint      NOT NULL,
    content      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Messages handed to the development SMS gateway (and a record of every message the real one sent).
CREATE TABLE sms_outbox (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone      text        NOT NULL,
    body       text        NOT NULL,
    purpose    text        NOT NULL,
    gateway    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sms_outbox_by_phone ON sms_outbox (phone, created_at DESC);
