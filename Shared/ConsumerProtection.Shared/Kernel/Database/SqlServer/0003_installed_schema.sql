CREATE TABLE [kernel].[installed_schema] (
    [schema_name]  NVARCHAR(128)     NOT NULL CONSTRAINT [PK_installed_schema] PRIMARY KEY,
    [installed_at] DATETIMEOFFSET(7) NOT NULL
);
