-- Added so a confirmed leak raises into the office major-event register (plan 6 art. 41(5), ADR 0007).
-- Integration events (ADR 0006): the outbox written in the sender's transaction, one delivery record per
-- (event, handler) kept by the dispatcher, and the inbox a handler in this schema claims to apply an event once.
CREATE TABLE [piaccess].[integration_outbox] (
    [seq]           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT [PK_integration_outbox] PRIMARY KEY,
    [event_id]      UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [UQ_integration_outbox_event] UNIQUE,
    [type_name]     NVARCHAR(200)     NOT NULL,
    [version]       INT               NOT NULL,
    [occurred_at]   DATETIMEOFFSET(7) NOT NULL,
    [payload]       NVARCHAR(MAX)     NOT NULL,
    [dispatched_at] DATETIMEOFFSET(7) NULL
);
CREATE INDEX [ix_integration_outbox_pending] ON [piaccess].[integration_outbox] ([dispatched_at], [seq]);

CREATE TABLE [piaccess].[integration_delivery] (
    [event_seq]       BIGINT            NOT NULL,
    [handler]         NVARCHAR(400)     NOT NULL,
    [attempts]        INT               NOT NULL,
    [next_attempt_at] DATETIMEOFFSET(7) NULL,
    [delivered_at]    DATETIMEOFFSET(7) NULL,
    [last_error]      NVARCHAR(400)     NULL,
    CONSTRAINT [PK_integration_delivery] PRIMARY KEY ([event_seq], [handler])
);

CREATE TABLE [piaccess].[integration_inbox] (
    [handler]      NVARCHAR(400)     NOT NULL,
    [event_id]     UNIQUEIDENTIFIER  NOT NULL,
    [processed_at] DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT [PK_integration_inbox] PRIMARY KEY ([handler], [event_id])
);
