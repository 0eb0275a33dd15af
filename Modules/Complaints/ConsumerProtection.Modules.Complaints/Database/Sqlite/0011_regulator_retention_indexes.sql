-- Retention of regulator exchange records (plan 6 art. 34): delivered results expire from sent_at, and a complaint's
-- results go with its anonymisation; refused transfers expire from rejected_at (already indexed in 0003).
CREATE INDEX ix_regulator_outbox_sent ON regulator_outbox (sent_at, id) WHERE sent_at IS NOT NULL;
CREATE INDEX ix_regulator_outbox_complaint ON regulator_outbox (complaint_id);
