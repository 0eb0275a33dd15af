namespace ConsumerProtection.Shared.Data;

/// <summary>
/// The integration-event tables every module schema carries (ADR 0006): the outbox written in the sender's
/// transaction, one delivery record per (event, handler) kept by the dispatcher, and the inbox a handler in the schema
/// claims to apply an event once. Like <see cref="AuditTableScripts"/>, the migration runner adds this script to each
/// module's migrations, so a module that starts publishing needs no migration of its own.
/// </summary>
internal static class OutboxTableScripts
{
    public const string ScriptName = "0000_shared_integration_events.sql";

    public const string Sqlite = """
        CREATE TABLE integration_outbox (
            seq           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            event_id      TEXT    NOT NULL UNIQUE,
            type_name     TEXT    NOT NULL,
            version       INTEGER NOT NULL,
            occurred_at   TEXT    NOT NULL,
            payload       TEXT    NOT NULL,
            dispatched_at TEXT    NULL
        );
        CREATE INDEX ix_integration_outbox_pending ON integration_outbox (dispatched_at, seq);

        CREATE TABLE integration_delivery (
            event_seq       INTEGER NOT NULL,
            handler         TEXT    NOT NULL,
            attempts        INTEGER NOT NULL,
            next_attempt_at TEXT    NULL,
            delivered_at    TEXT    NULL,
            last_error      TEXT    NULL,
            PRIMARY KEY (event_seq, handler)
        );

        CREATE TABLE integration_inbox (
            handler      TEXT NOT NULL,
            event_id     TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            PRIMARY KEY (handler, event_id)
        );
        """;

    // {schema} is replaced by the module's schema name (an identifier from code, never input).
    public const string SqlServer = """
        CREATE TABLE [{schema}].[integration_outbox] (
            [seq]           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT [PK_{schema}_integration_outbox] PRIMARY KEY,
            [event_id]      UNIQUEIDENTIFIER  NOT NULL CONSTRAINT [UQ_{schema}_integration_outbox_event] UNIQUE,
            [type_name]     NVARCHAR(200)     NOT NULL,
            [version]       INT               NOT NULL,
            [occurred_at]   DATETIMEOFFSET(7) NOT NULL,
            [payload]       NVARCHAR(MAX)     NOT NULL,
            [dispatched_at] DATETIMEOFFSET(7) NULL
        );
        CREATE INDEX [ix_integration_outbox_pending] ON [{schema}].[integration_outbox] ([dispatched_at], [seq]);

        CREATE TABLE [{schema}].[integration_delivery] (
            [event_seq]       BIGINT            NOT NULL,
            [handler]         NVARCHAR(400)     NOT NULL,
            [attempts]        INT               NOT NULL,
            [next_attempt_at] DATETIMEOFFSET(7) NULL,
            [delivered_at]    DATETIMEOFFSET(7) NULL,
            [last_error]      NVARCHAR(400)     NULL,
            CONSTRAINT [PK_{schema}_integration_delivery] PRIMARY KEY ([event_seq], [handler])
        );

        CREATE TABLE [{schema}].[integration_inbox] (
            [handler]      NVARCHAR(400)     NOT NULL,
            [event_id]     UNIQUEIDENTIFIER  NOT NULL,
            [processed_at] DATETIMEOFFSET(7) NOT NULL,
            CONSTRAINT [PK_{schema}_integration_inbox] PRIMARY KEY ([handler], [event_id])
        );
        """;

    public static string SqlServerFor(string schema) => SqlServer.Replace("{schema}", schema, StringComparison.Ordinal);
}
