namespace ConsumerProtection.Shared.Data;

/// <summary>
/// The audit table every module schema carries: append-only, hash-chained.
/// The migration runner adds this script to each module's migrations, so a module cannot forget it.
/// </summary>
internal static class AuditTableScripts
{
    public const string ScriptName = "0000_shared_audit_log.sql";

    // SQLite scripts run with the module's file as the main database, so names are unqualified.
    public const string Sqlite = """
        CREATE TABLE audit_log (
            seq            INTEGER NOT NULL PRIMARY KEY,
            id             TEXT    NOT NULL UNIQUE,
            occurred_at    TEXT    NOT NULL,
            actor_id       TEXT    NOT NULL,
            actor_name     TEXT    NOT NULL,
            actor_roles    TEXT    NOT NULL,
            actor_branch   TEXT    NULL,
            action         TEXT    NOT NULL,
            entity_type    TEXT    NOT NULL,
            entity_id      TEXT    NOT NULL,
            before_json    TEXT    NULL,
            after_json     TEXT    NULL,
            correlation_id TEXT    NULL,
            prev_hash      TEXT    NOT NULL,
            row_hash       TEXT    NOT NULL
        );
        CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id, seq);
        CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, seq);
        CREATE INDEX ix_audit_log_time ON audit_log (occurred_at);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """;

    // SQL Server: {schema} is replaced by the module's schema name (an identifier from code, never input).
    public const string SqlServer = """
        CREATE TABLE [{schema}].[audit_log] (
            [seq]            BIGINT            NOT NULL CONSTRAINT [PK_{schema}_audit_log] PRIMARY KEY,
            [id]             UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [UQ_{schema}_audit_log_id] UNIQUE,
            [occurred_at]    DATETIMEOFFSET(7) NOT NULL,
            [actor_id]       NVARCHAR(200)     NOT NULL,
            [actor_name]     NVARCHAR(200)     NOT NULL,
            [actor_roles]    NVARCHAR(400)     NOT NULL,
            [actor_branch]   NVARCHAR(50)      NULL,
            [action]         NVARCHAR(100)     NOT NULL,
            [entity_type]    NVARCHAR(100)     NOT NULL,
            [entity_id]      NVARCHAR(200)     NOT NULL,
            [before_json]    NVARCHAR(MAX)     NULL,
            [after_json]     NVARCHAR(MAX)     NULL,
            [correlation_id] NVARCHAR(100)     NULL,
            [prev_hash]      CHAR(64)          NOT NULL,
            [row_hash]       CHAR(64)          NOT NULL
        );
        GO
        CREATE INDEX [ix_audit_log_entity] ON [{schema}].[audit_log] ([entity_type], [entity_id], [seq]);
        CREATE INDEX [ix_audit_log_actor] ON [{schema}].[audit_log] ([actor_id], [seq]);
        CREATE INDEX [ix_audit_log_time] ON [{schema}].[audit_log] ([occurred_at]);
        GO
        CREATE TRIGGER [{schema}].[audit_log_append_only] ON [{schema}].[audit_log]
        INSTEAD OF UPDATE, DELETE
        AS
        BEGIN
            THROW 51000, 'audit_log is append-only', 1;
        END;
        GO
        """;

    public static string SqlServerFor(string schema) => SqlServer.Replace("{schema}", schema, StringComparison.Ordinal);
}
