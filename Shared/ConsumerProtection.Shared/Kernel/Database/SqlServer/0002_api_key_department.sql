ALTER TABLE [kernel].[api_key] ADD [department_id] NVARCHAR(50) NULL;
