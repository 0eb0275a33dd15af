-- Which calendar years and versions the deadlines were computed on (e.g. '2026v3,2027v0'), and whether all of them held
-- a national holiday schedule. NULL for complaints stamped before calendar versions: open ones are re-stamped by the
-- deadline job; closed ones keep the deadline they were judged by.
ALTER TABLE [complaints].[complaint] ADD
    [calendar_stamp]      NVARCHAR(100) NULL,
    [calendar_maintained] BIT           NOT NULL CONSTRAINT [DF_complaint_calendar_maintained] DEFAULT 1;
