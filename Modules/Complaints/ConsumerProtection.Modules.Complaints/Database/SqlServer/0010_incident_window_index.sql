-- Volume incidents (plan 6 art. 41) are judged by receipt-time windows: the intake probes for an incident whose
-- window starts near the complaint's receipt.
CREATE INDEX [ix_incident_volume_window] ON [complaints].[incident] ([kind], [product_code], [window_from]);
