-- Scanned letters and receipts attached to a complaint. The content and the file name are sealed like the consumer's
-- details (JR/T 0171-2020 C2): an 'enc:v1:' envelope of the base64 bytes, bound to the attachment's id. They are
-- deleted when the complaint is anonymised at the end of its retention.
CREATE TABLE [complaints].[complaint_attachment] (
    [id]           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_complaint_attachment] PRIMARY KEY,
    [complaint_id] UNIQUEIDENTIFIER  NOT NULL,
    [file_name]    NVARCHAR(1000)    NOT NULL,
    [content_type] NVARCHAR(100)     NOT NULL,
    [size_bytes]   BIGINT            NOT NULL,
    [sha256]       NVARCHAR(64)      NOT NULL,
    [content]      NVARCHAR(MAX)     NOT NULL,
    [key_id]       NVARCHAR(32)      NOT NULL,
    [uploaded_at]  DATETIMEOFFSET(7) NOT NULL,
    [uploaded_by]  NVARCHAR(200)     NOT NULL
);
CREATE INDEX [ix_complaint_attachment_complaint] ON [complaints].[complaint_attachment] ([complaint_id], [uploaded_at]);
