-- The deadline job pages through each open status by id.
CREATE INDEX ix_complaint_status_id ON complaint (status, id);
-- Retention disposal looks for closed complaints not yet anonymised, by closing day.
CREATE INDEX ix_complaint_retention_closed ON complaint (closed_date) WHERE anonymised_at IS NULL;
