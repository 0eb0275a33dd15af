-- The personal-information access log; see the SQLite script for the design. seq is assigned by one sequencer at a
-- time (an application lock taken by the writer's transaction), so the chain is a single total order.
CREATE TABLE [piaccess].[access_event] (
    [seq]                BIGINT            NOT NULL CONSTRAINT [PK_access_event] PRIMARY KEY CLUSTERED,
    [event_id]           UNIQUEIDENTIFIER  NOT NULL,
    [occurred_at]        DATETIMEOFFSET(7) NOT NULL,
    [recorded_at]        DATETIMEOFFSET(7) NOT NULL,
    [staff_id]           NVARCHAR(200)     NULL,
    [staff_role]         NVARCHAR(200)     NULL,
    [staff_branch]       NVARCHAR(50)      NULL,
    [staff_department]   NVARCHAR(50)      NULL,
    [source_system]      NVARCHAR(100)     NOT NULL,
    [customer_ref]       NVARCHAR(100)     NULL,
    [categories]         NVARCHAR(4000)    NOT NULL,
    [max_tier]           TINYINT           NOT NULL,
    [action]             NVARCHAR(20)      NOT NULL,
    [purpose]            NVARCHAR(30)      NOT NULL,
    [purpose_text]       NVARCHAR(500)     NULL,
    [legal_basis]        NVARCHAR(20)      NOT NULL,
    [business_ref]       NVARCHAR(200)     NULL,
    [consent_ref]        NVARCHAR(200)     NULL,
    [authorization_ref]  NVARCHAR(200)     NULL,
    [channel]            NVARCHAR(50)      NULL,
    [outcome]            NVARCHAR(20)      NOT NULL,
    [payload_hash]       BINARY(32)        NOT NULL,
    [prev_hash]          BINARY(32)        NOT NULL,
    [row_hash]           BINARY(32)        NOT NULL,
    [purged_at]          DATETIMEOFFSET(7) NULL
);
GO

CREATE UNIQUE INDEX [ux_access_event_event_id] ON [piaccess].[access_event] ([event_id]);
CREATE INDEX [ix_access_event_customer] ON [piaccess].[access_event] ([customer_ref], [occurred_at]);
CREATE INDEX [ix_access_event_staff] ON [piaccess].[access_event] ([staff_id], [occurred_at]);
CREATE INDEX [ix_access_event_occurred] ON [piaccess].[access_event] ([occurred_at]);
GO

CREATE TRIGGER [piaccess].[tr_access_event_no_delete] ON [piaccess].[access_event] INSTEAD OF DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 50001, 'access_event is append-only', 1;
END;
GO

CREATE TRIGGER [piaccess].[tr_access_event_purge_only] ON [piaccess].[access_event] AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (
        SELECT 1 FROM inserted i JOIN deleted d ON d.[seq] = i.[seq]
        WHERE NOT (
            d.[purged_at] IS NULL AND i.[purged_at] IS NOT NULL
            AND i.[event_id] = d.[event_id] AND i.[occurred_at] = d.[occurred_at] AND i.[recorded_at] = d.[recorded_at]
            AND i.[source_system] = d.[source_system] AND i.[categories] = d.[categories] AND i.[max_tier] = d.[max_tier]
            AND i.[action] = d.[action] AND i.[purpose] = d.[purpose] AND i.[legal_basis] = d.[legal_basis]
            AND i.[outcome] = d.[outcome]
            AND (i.[staff_role] = d.[staff_role] OR (i.[staff_role] IS NULL AND d.[staff_role] IS NULL))
            AND (i.[staff_branch] = d.[staff_branch] OR (i.[staff_branch] IS NULL AND d.[staff_branch] IS NULL))
            AND (i.[staff_department] = d.[staff_department] OR (i.[staff_department] IS NULL AND d.[staff_department] IS NULL))
            AND (i.[channel] = d.[channel] OR (i.[channel] IS NULL AND d.[channel] IS NULL))
            AND i.[payload_hash] = d.[payload_hash] AND i.[prev_hash] = d.[prev_hash] AND i.[row_hash] = d.[row_hash]
            AND i.[staff_id] IS NULL AND i.[customer_ref] IS NULL AND i.[purpose_text] IS NULL AND i.[business_ref] IS NULL
            AND i.[consent_ref] IS NULL AND i.[authorization_ref] IS NULL))
    BEGIN
        THROW 50002, 'access_event is append-only; only the retention purge may clear personal fields', 1;
    END;
END;
GO
