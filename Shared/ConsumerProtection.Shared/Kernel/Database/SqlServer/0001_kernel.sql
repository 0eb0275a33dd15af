CREATE TABLE [kernel].[kernel_state] (
    [name]  NVARCHAR(100) NOT NULL CONSTRAINT [PK_kernel_state] PRIMARY KEY,
    [value] NVARCHAR(400) NOT NULL
);

CREATE TABLE [kernel].[api_key] (
    [id]         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_api_key] PRIMARY KEY,
    [name]       NVARCHAR(100)     NOT NULL,
    [key_hash]   CHAR(64)          NOT NULL CONSTRAINT [UQ_api_key_hash] UNIQUE,
    [key_prefix] NVARCHAR(20)      NOT NULL,
    [roles]      NVARCHAR(400)     NOT NULL,
    [branch_id]  NVARCHAR(50)      NULL,
    [expires_at] DATETIMEOFFSET(7) NULL,
    [created_at] DATETIMEOFFSET(7) NOT NULL,
    [created_by] NVARCHAR(200)     NOT NULL,
    [revoked_at] DATETIMEOFFSET(7) NULL,
    [revoked_by] NVARCHAR(200)     NULL
);
CREATE INDEX [ix_api_key_created] ON [kernel].[api_key] ([created_at]);

CREATE TABLE [kernel].[legal_hold] (
    [id]          UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [PK_legal_hold] PRIMARY KEY,
    [record_type] NVARCHAR(100)     NOT NULL,
    [record_id]   NVARCHAR(200)     NOT NULL,
    [reason]      NVARCHAR(1000)    NOT NULL,
    [set_at]      DATETIMEOFFSET(7) NOT NULL,
    [set_by]      NVARCHAR(200)     NOT NULL,
    [lifted_at]   DATETIMEOFFSET(7) NULL,
    [lifted_by]   NVARCHAR(200)     NULL,
    [lift_reason] NVARCHAR(1000)    NULL
);
CREATE INDEX [ix_legal_hold_record] ON [kernel].[legal_hold] ([record_type], [record_id]);

CREATE TABLE [kernel].[calendar_day] (
    [day]  DATE          NOT NULL CONSTRAINT [PK_calendar_day] PRIMARY KEY,
    [kind] NVARCHAR(20)  NOT NULL,
    [name] NVARCHAR(100) NOT NULL
);

CREATE TABLE [kernel].[idempotency_record] (
    [caller_id]       NVARCHAR(200)     NOT NULL,
    [idem_key]        NVARCHAR(100)     NOT NULL,
    [request_hash]    CHAR(64)          NOT NULL,
    [state]           NVARCHAR(10)      NOT NULL,
    [response_status] INT               NULL,
    [content_type]    NVARCHAR(200)     NULL,
    [location]        NVARCHAR(400)     NULL,
    [etag]            NVARCHAR(100)     NULL,
    [response_body]   VARBINARY(MAX)    NULL,
    [created_at]      DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT [PK_idempotency_record] PRIMARY KEY ([caller_id], [idem_key])
);
CREATE INDEX [ix_idempotency_created] ON [kernel].[idempotency_record] ([created_at]);
