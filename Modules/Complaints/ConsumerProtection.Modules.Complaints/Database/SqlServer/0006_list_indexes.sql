-- The working list filters by branch and status and sorts by receipt: one index answers both the count and the page.
CREATE INDEX [ix_complaint_branch_status_received] ON [complaints].[complaint] ([branch_id], [status], [received_at]);
CREATE INDEX [ix_complaint_status_received] ON [complaints].[complaint] ([status], [received_at]);
