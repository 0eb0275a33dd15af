-- Signed checkpoints of the access-event chain; see the SQLite script for the design.
CREATE TABLE [piaccess].[checkpoint] (
    [seq]         BIGINT            NOT NULL CONSTRAINT [PK_checkpoint] PRIMARY KEY CLUSTERED,
    [row_hash]    BINARY(32)        NOT NULL,
    [created_at]  DATETIMEOFFSET(7) NOT NULL,
    [key_id]      NVARCHAR(16)      NOT NULL,
    [signature]   VARBINARY(200)    NOT NULL
);
GO

CREATE TRIGGER [piaccess].[tr_checkpoint_no_delete] ON [piaccess].[checkpoint] INSTEAD OF DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 50003, 'checkpoint is append-only', 1;
END;
GO

CREATE TRIGGER [piaccess].[tr_checkpoint_no_update] ON [piaccess].[checkpoint] INSTEAD OF UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 50004, 'checkpoint is append-only', 1;
END;
GO
