-- Evidence that survives a purge: payload v2 columns and the signed purge ledger; see the SQLite script for the design.
ALTER TABLE [piaccess].[access_event] ADD [personal_salt] BINARY(16) NULL, [personal_hash] BINARY(32) NULL;
GO

ALTER TRIGGER [piaccess].[tr_access_event_purge_only] ON [piaccess].[access_event] AFTER UPDATE
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
            AND (i.[personal_hash] = d.[personal_hash] OR (i.[personal_hash] IS NULL AND d.[personal_hash] IS NULL))
            AND i.[staff_id] IS NULL AND i.[customer_ref] IS NULL AND i.[purpose_text] IS NULL AND i.[business_ref] IS NULL
            AND i.[consent_ref] IS NULL AND i.[authorization_ref] IS NULL AND i.[personal_salt] IS NULL))
    BEGIN
        THROW 50002, 'access_event is append-only; only the retention purge may clear personal fields', 1;
    END;
END;
GO

CREATE TABLE [piaccess].[purge_ledger] (
    [entry_no]           BIGINT            NOT NULL CONSTRAINT [PK_purge_ledger] PRIMARY KEY CLUSTERED,
    [kind]               NVARCHAR(20)      NOT NULL,
    [purged_at]          DATETIMEOFFSET(7) NOT NULL,
    [record_type]        NVARCHAR(100)     NOT NULL,
    [retention_years]    INT               NOT NULL,
    [first_v2_seq]       BIGINT            NULL,
    [event_seqs]         NVARCHAR(MAX)     NOT NULL,
    [prev_hash]          BINARY(32)        NOT NULL,
    [entry_hash]         BINARY(32)        NOT NULL,
    [key_id]             NVARCHAR(16)      NOT NULL,
    [signature]          VARBINARY(200)    NOT NULL
);
GO

CREATE TRIGGER [piaccess].[tr_purge_ledger_no_delete] ON [piaccess].[purge_ledger] INSTEAD OF DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 50005, 'purge_ledger is append-only', 1;
END;
GO

CREATE TRIGGER [piaccess].[tr_purge_ledger_no_update] ON [piaccess].[purge_ledger] INSTEAD OF UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 50006, 'purge_ledger is append-only', 1;
END;
GO
