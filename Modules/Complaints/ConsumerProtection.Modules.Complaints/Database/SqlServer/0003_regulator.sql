-- Regulator transfers (监管转办): the pull cursor, transfers we could not accept, and the outbox of handling
-- results to post back (at least once; the regulator is idempotent on (case_id, event_id)).
CREATE TABLE [complaints].[regulator_cursor] (
    [feed]        NVARCHAR(50)      NOT NULL CONSTRAINT [PK_regulator_cursor] PRIMARY KEY,
    [last_cursor] NVARCHAR(500)     NULL,
    [updated_at]  DATETIMEOFFSET(7) NULL
);
INSERT INTO [complaints].[regulator_cursor] ([feed], [last_cursor], [updated_at]) VALUES (N'transfers', NULL, NULL);

-- Field names and messages only: no consumer data, so a rejection can be kept and shown to operators.
CREATE TABLE [complaints].[regulator_transfer_rejection] (
    [id]          UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_regulator_transfer_rejection] PRIMARY KEY,
    [case_id]     NVARCHAR(100)     NOT NULL,
    [rejected_at] DATETIMEOFFSET(7) NOT NULL,
    [errors]      NVARCHAR(4000)    NOT NULL
);
CREATE INDEX [ix_regulator_transfer_rejection_at] ON [complaints].[regulator_transfer_rejection] ([rejected_at]);

CREATE TABLE [complaints].[regulator_outbox] (
    [id]                UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_regulator_outbox] PRIMARY KEY,
    [case_id]           NVARCHAR(100)     NOT NULL,
    [event_id]          UNIQUEIDENTIFIER  NOT NULL,
    [complaint_id]      UNIQUEIDENTIFIER  NOT NULL,
    [complaint_version] BIGINT            NOT NULL,
    [kind]              NVARCHAR(20)      NOT NULL,
    [payload_json]      NVARCHAR(MAX)     NOT NULL,
    [created_at]        DATETIMEOFFSET(7) NOT NULL,
    [attempts]          INT               NOT NULL,
    [next_attempt_at]   DATETIMEOFFSET(7) NOT NULL,
    [sent_at]           DATETIMEOFFSET(7) NULL,
    [last_error]        NVARCHAR(500)     NULL,
    CONSTRAINT [UQ_regulator_outbox_case_event] UNIQUE ([case_id], [event_id])
);
CREATE INDEX [ix_regulator_outbox_unsent] ON [complaints].[regulator_outbox] ([created_at]) WHERE [sent_at] IS NULL;
