-- Misuse detection; see the SQLite script for the design.
CREATE TABLE [piaccess].[customer_flag] (
    [customer_ref]        NVARCHAR(100)     NOT NULL CONSTRAINT [PK_customer_flag] PRIMARY KEY,
    [flag]                NVARCHAR(20)      NOT NULL,
    [note]                NVARCHAR(500)     NULL,
    [set_by]              NVARCHAR(200)     NOT NULL,
    [set_at]              DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE [piaccess].[alert] (
    [id]                  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_alert] PRIMARY KEY,
    [rule]                NVARCHAR(50)      NOT NULL,
    [group_key]           NVARCHAR(64)      NOT NULL,
    [dedupe_key]          NVARCHAR(100)     NOT NULL,
    [status]              NVARCHAR(20)      NOT NULL,
    [severity]            NVARCHAR(10)      NOT NULL,
    [staff_id]            NVARCHAR(200)     NULL,
    [customer_ref]        NVARCHAR(100)     NULL,
    [source_system]       NVARCHAR(100)     NULL,
    [first_seq]           BIGINT            NOT NULL,
    [last_seq]            BIGINT            NOT NULL,
    [event_count]         INT               NOT NULL,
    [window_start]        DATETIMEOFFSET(7) NOT NULL,
    [window_end]          DATETIMEOFFSET(7) NOT NULL,
    [detected_at]         DATETIMEOFFSET(7) NOT NULL,
    [updated_at]          DATETIMEOFFSET(7) NOT NULL,
    [details]             NVARCHAR(MAX)     NOT NULL,
    [version]             BIGINT            NOT NULL,
    [acknowledged_by]     NVARCHAR(200)     NULL,
    [acknowledged_at]     DATETIMEOFFSET(7) NULL,
    [closed_by]           NVARCHAR(200)     NULL,
    [closed_at]           DATETIMEOFFSET(7) NULL,
    [resolution]          NVARCHAR(20)      NULL,
    [major_event_id]      UNIQUEIDENTIFIER  NULL
);
GO

CREATE UNIQUE INDEX [ux_alert_dedupe] ON [piaccess].[alert] ([dedupe_key]);
CREATE INDEX [ix_alert_group] ON [piaccess].[alert] ([group_key], [status]);
CREATE INDEX [ix_alert_detected] ON [piaccess].[alert] ([detected_at]);
CREATE INDEX [ix_alert_status] ON [piaccess].[alert] ([status], [detected_at]);
CREATE INDEX [ix_alert_rule] ON [piaccess].[alert] ([rule], [detected_at]);
CREATE INDEX [ix_alert_staff] ON [piaccess].[alert] ([staff_id], [detected_at]);
GO

CREATE TABLE [piaccess].[alert_note] (
    [id]                  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_alert_note] PRIMARY KEY,
    [alert_id]            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_alert_note_alert] REFERENCES [piaccess].[alert] ([id]),
    [noted_at]            DATETIMEOFFSET(7) NOT NULL,
    [author]              NVARCHAR(200)     NOT NULL,
    [from_status]         NVARCHAR(20)      NOT NULL,
    [to_status]           NVARCHAR(20)      NOT NULL,
    [note]                NVARCHAR(2000)    NULL
);

CREATE INDEX [ix_alert_note_alert] ON [piaccess].[alert_note] ([alert_id], [noted_at]);

CREATE TABLE [piaccess].[major_event] (
    [id]                  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_major_event] PRIMARY KEY,
    [alert_id]            UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [FK_major_event_alert] REFERENCES [piaccess].[alert] ([id]),
    [opened_at]           DATETIMEOFFSET(7) NOT NULL,
    [opened_by]           NVARCHAR(200)     NOT NULL,
    [summary]             NVARCHAR(1000)    NOT NULL,
    [reported_at]         DATETIMEOFFSET(7) NULL,
    [reported_by]         NVARCHAR(200)     NULL,
    [reported_to]         NVARCHAR(200)     NULL,
    [report_reference]    NVARCHAR(100)     NULL,
    [report_recorded_at]  DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE INDEX [ux_major_event_alert] ON [piaccess].[major_event] ([alert_id]);
CREATE INDEX [ix_major_event_opened] ON [piaccess].[major_event] ([opened_at]);

CREATE TABLE [piaccess].[misuse_cursor] (
    [name]                NVARCHAR(50)      NOT NULL CONSTRAINT [PK_misuse_cursor] PRIMARY KEY,
    [last_seq]            BIGINT            NOT NULL
);

INSERT INTO [piaccess].[misuse_cursor] ([name], [last_seq]) VALUES (N'misuse', 0);
GO
