-- Where each calendar day came from: Shipped (an embedded State Council schedule), Office (the office's own list for
-- the year, entered or imported) or Local (a single local day the bank added; kept when the national schedule changes).
ALTER TABLE [kernel].[calendar_day] ADD [origin] NVARCHAR(10) NOT NULL CONSTRAINT [DF_calendar_day_origin] DEFAULT 'Office';

-- One row per year that has ever been set: its version (bumped on every change) and whose schedule it is.
CREATE TABLE [kernel].[calendar_year] (
    [year]             INT               NOT NULL CONSTRAINT [PK_calendar_year] PRIMARY KEY,
    [version]          BIGINT            NOT NULL,
    [origin]           NVARCHAR(10)      NOT NULL,
    [source]           NVARCHAR(200)     NOT NULL,
    [shipped_revision] INT               NULL,
    [changed_at]       DATETIMEOFFSET(7) NULL,
    [changed_by]       NVARCHAR(200)     NOT NULL
);

-- Years entered before versions existed are the office's own.
INSERT INTO [kernel].[calendar_year] ([year], [version], [origin], [source], [shipped_revision], [changed_at], [changed_by])
SELECT DISTINCT YEAR([day]), 1, 'Office', 'entered before calendar versions', NULL, NULL, 'migration'
FROM [kernel].[calendar_day];

-- Operational alerts any module may raise; alert_key names the condition, so one is open per condition at a time.
CREATE TABLE [kernel].[operational_alert] (
    [id]              UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_operational_alert] PRIMARY KEY,
    [alert_key]       NVARCHAR(200)     NOT NULL,
    [code]            NVARCHAR(100)     NOT NULL,
    [severity]        NVARCHAR(20)      NOT NULL,
    [message]         NVARCHAR(1000)    NOT NULL,
    [raised_at]       DATETIMEOFFSET(7) NOT NULL,
    [acknowledged_at] DATETIMEOFFSET(7) NULL,
    [acknowledged_by] NVARCHAR(200)     NULL,
    [resolved_at]     DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX [ux_operational_alert_open] ON [kernel].[operational_alert] ([alert_key]) WHERE [resolved_at] IS NULL;
CREATE INDEX [ix_operational_alert_raised] ON [kernel].[operational_alert] ([raised_at]);
