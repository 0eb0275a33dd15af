-- Repeat detection looks a consumer up by phone, ID number or email, each within one product and 30 days.
DROP INDEX [ix_complaint_phone] ON [complaints].[complaint];
DROP INDEX [ix_complaint_id_number] ON [complaints].[complaint];
CREATE INDEX [ix_complaint_phone_product] ON [complaints].[complaint] ([consumer_phone], [product_code], [received_at]);
CREATE INDEX [ix_complaint_id_number_product] ON [complaints].[complaint] ([consumer_id_number], [product_code], [received_at]);
CREATE INDEX [ix_complaint_email_product] ON [complaints].[complaint] ([consumer_email], [product_code], [received_at]);
