-- Personal data encrypted at rest: consumer name, phone, e-mail, ID number and the vulnerability note hold
-- 'enc:v1:<kid>:<base64>' envelopes (written by the application; SQLite's TEXT needs no resizing). consumer_key_id
-- says which key sealed a row (NULL: plaintext from before this migration, until the rekey verb seals it).
-- Repeat detection looks up keyed blind indexes instead of the plaintext identifiers, whose indexes go.
ALTER TABLE complaint ADD COLUMN consumer_key_id TEXT NULL;
ALTER TABLE complaint ADD COLUMN consumer_phone_bidx TEXT NULL;
ALTER TABLE complaint ADD COLUMN consumer_email_bidx TEXT NULL;
ALTER TABLE complaint ADD COLUMN consumer_id_number_bidx TEXT NULL;

DROP INDEX ix_complaint_phone_product;
DROP INDEX ix_complaint_id_number_product;
DROP INDEX ix_complaint_email_product;
CREATE INDEX ix_complaint_phone_bidx_product ON complaint (consumer_phone_bidx, product_code, received_at);
CREATE INDEX ix_complaint_id_number_bidx_product ON complaint (consumer_id_number_bidx, product_code, received_at);
CREATE INDEX ix_complaint_email_bidx_product ON complaint (consumer_email_bidx, product_code, received_at);

-- The rekey verb walks each key's rows by id; anonymised complaints hold no personal data and stay out.
CREATE INDEX ix_complaint_consumer_key ON complaint (consumer_key_id, id) WHERE anonymised_at IS NULL;
