-- The office's one major-event register (plan 6 art. 41, ADR 0007): one row per (source module, source reference),
-- written by the kernel's handler of the raiser's MajorEventRaised integration event; acknowledged, then reported upward.
CREATE TABLE [kernel].[major_event] (
    [id]               UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_major_event] PRIMARY KEY,
    [version]          BIGINT            NOT NULL,
    [source_module]    NVARCHAR(64)      NOT NULL,
    [source_reference] NVARCHAR(128)     NOT NULL,
    [kind]             NVARCHAR(64)      NOT NULL,
    [severity]         NVARCHAR(16)      NOT NULL,
    [status]           NVARCHAR(16)      NOT NULL,
    [summary]          NVARCHAR(500)     NOT NULL,
    [occurred_at]      DATETIMEOFFSET(7) NOT NULL,
    [detected_at]      DATETIMEOFFSET(7) NOT NULL,
    [registered_at]    DATETIMEOFFSET(7) NOT NULL,
    [report_due_at]    DATETIMEOFFSET(7) NOT NULL,
    [acknowledged_at]  DATETIMEOFFSET(7) NULL,
    [acknowledged_by]  NVARCHAR(200)     NULL,
    [reported_to]      NVARCHAR(200)     NULL,
    [reported_at]      DATETIMEOFFSET(7) NULL,
    [report_reference] NVARCHAR(100)     NULL,
    [reported_by]      NVARCHAR(200)     NULL
);
CREATE UNIQUE INDEX [ux_major_event_source] ON [kernel].[major_event] ([source_module], [source_reference]);
CREATE INDEX [ix_major_event_detected] ON [kernel].[major_event] ([detected_at]);
