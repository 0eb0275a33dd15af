-- History imported from another system: when it was imported and the source system's id (one complaint per id, so a
-- file imported twice adds nothing).
ALTER TABLE [complaints].[complaint] ADD
    [imported_at]      DATETIMEOFFSET(7) NULL,
    [import_source_id] NVARCHAR(100)     NULL;
GO

CREATE UNIQUE INDEX [ux_complaint_import_source] ON [complaints].[complaint] ([import_source_id]) WHERE [import_source_id] IS NOT NULL;
