-- Monthly statistics read a month by bank-local date and group it by code, branch and product.
-- These indexes cover every column those queries touch, so a month of ~80,000 among 1,000,000 complaints is read
-- from the index alone. They replace the single-column date indexes, which are their leading key.
DROP INDEX [ix_complaint_received_date] ON [complaints].[complaint];
DROP INDEX [ix_complaint_closed_date] ON [complaints].[complaint];

CREATE INDEX [ix_complaint_received_stats] ON [complaints].[complaint] ([received_date])
    INCLUDE ([business_type], [reason], [business_channel], [intake_channel], [branch_id], [product_code]);

-- closed_date, withdrawn_at, received_date lead: "outstanding at a day" seeks closed_date IS NULL AND withdrawn_at IS NULL
-- (open now) and closed_date >= day, then filters received_date inside the index.
CREATE INDEX [ix_complaint_closed_stats] ON [complaints].[complaint] ([closed_date], [withdrawn_at], [received_date])
    INCLUDE ([upheld], [answered_within_internal], [answered_within_regulatory], [handling_working_days], [currency],
             [redress_minor], [business_type], [reason], [business_channel], [intake_channel], [branch_id], [product_code]);

CREATE INDEX [ix_complaint_withdrawn] ON [complaints].[complaint] ([withdrawn_at]) INCLUDE ([received_date], [closed_date]);
