-- Scanned letters and receipts attached to a complaint. The content and the file name are sealed like the consumer's
-- details (JR/T 0171-2020 C2): an 'enc:v1:' envelope of the base64 bytes, bound to the attachment's id. They are
-- deleted when the complaint is anonymised at the end of its retention.
CREATE TABLE complaint_attachment (
    id            TEXT    NOT NULL PRIMARY KEY,
    complaint_id  TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT    NOT NULL,
    content       TEXT    NOT NULL,
    key_id        TEXT    NOT NULL,
    uploaded_at   TEXT    NOT NULL,
    uploaded_by   TEXT    NOT NULL
);
CREATE INDEX ix_complaint_attachment_complaint ON complaint_attachment (complaint_id, uploaded_at);
