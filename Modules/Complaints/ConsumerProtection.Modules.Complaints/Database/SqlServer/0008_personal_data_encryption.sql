-- Personal data encrypted at rest: consumer name, phone, e-mail, ID number and the vulnerability note hold
-- 'enc:v1:<kid>:<base64(nonce|ciphertext|tag)>' envelopes written by the application. Sizes: 7 (prefix) + 32 (key id)
-- + 1 + base64 of (12 + 3 x the plaintext's longest length in characters + 16) bytes. consumer_key_id says which key
-- sealed a row (NULL: plaintext from before this migration, until the rekey verb seals it). Repeat detection looks
-- up keyed blind indexes (128-bit HMAC, hex; NVARCHAR like Dapper's string parameters, so the seek needs no conversion).
DROP INDEX [ix_complaint_phone_product] ON [complaints].[complaint];
DROP INDEX [ix_complaint_id_number_product] ON [complaints].[complaint];
DROP INDEX [ix_complaint_email_product] ON [complaints].[complaint];

ALTER TABLE [complaints].[complaint] ALTER COLUMN [consumer_name] NVARCHAR(500) NULL;
ALTER TABLE [complaints].[complaint] ALTER COLUMN [consumer_phone] NVARCHAR(120) NULL;
ALTER TABLE [complaints].[complaint] ALTER COLUMN [consumer_email] NVARCHAR(1100) NULL;
ALTER TABLE [complaints].[complaint] ALTER COLUMN [consumer_id_number] NVARCHAR(150) NULL;
ALTER TABLE [complaints].[complaint] ALTER COLUMN [vulnerable_note] NVARCHAR(2100) NULL;

ALTER TABLE [complaints].[complaint] ADD
    [consumer_key_id]         NVARCHAR(32) NULL,
    [consumer_phone_bidx]     NVARCHAR(32) NULL,
    [consumer_email_bidx]     NVARCHAR(32) NULL,
    [consumer_id_number_bidx] NVARCHAR(32) NULL;
GO

CREATE INDEX [ix_complaint_phone_bidx_product] ON [complaints].[complaint] ([consumer_phone_bidx], [product_code], [received_at]);
CREATE INDEX [ix_complaint_id_number_bidx_product] ON [complaints].[complaint] ([consumer_id_number_bidx], [product_code], [received_at]);
CREATE INDEX [ix_complaint_email_bidx_product] ON [complaints].[complaint] ([consumer_email_bidx], [product_code], [received_at]);

-- The rekey verb walks each key's rows by id; anonymised complaints hold no personal data and stay out.
CREATE INDEX [ix_complaint_consumer_key] ON [complaints].[complaint] ([consumer_key_id], [id]) WHERE [anonymised_at] IS NULL;
