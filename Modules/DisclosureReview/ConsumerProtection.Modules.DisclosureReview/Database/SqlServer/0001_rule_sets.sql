-- Rule sets of the automatic disclosure checks; see the SQLite script for the design.
CREATE TABLE [disclosure].[rule_set] (
    [version]             INT               NOT NULL CONSTRAINT [PK_rule_set] PRIMARY KEY,
    [created_at]          DATETIMEOFFSET(7) NOT NULL,
    [created_by]          NVARCHAR(200)     NOT NULL,
    [note]                NVARCHAR(500)     NULL,
    [rule_count]          INT               NOT NULL,
    [content]             NVARCHAR(MAX)     NOT NULL,
    [content_hash]        CHAR(64)          NOT NULL
);
GO

CREATE TRIGGER [disclosure].[rule_set_immutable] ON [disclosure].[rule_set]
INSTEAD OF UPDATE
AS
BEGIN
    THROW 51000, 'rule_set versions are immutable', 1;
END;
GO
