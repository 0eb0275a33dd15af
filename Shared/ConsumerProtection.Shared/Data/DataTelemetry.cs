using System.Diagnostics;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Spans for database work and audit writes, so a request's trace shows its transactions. Attributes name the engine,
/// the schema and the audit action only — never SQL values, entity ids or actors (they can be customer references).
/// </summary>
internal static class DataTelemetry
{
    public static readonly ActivitySource Source = new("ConsumerProtection.Data");

    public static Activity? Start(string operation, IModuleDb db)
    {
        var activity = Source.StartActivity($"{operation} {db.Schema}", ActivityKind.Client);
        activity?.SetTag("db.system.name", db.Dialect.Provider == StorageProvider.Sqlite ? "sqlite" : "microsoft.sql_server");
        activity?.SetTag("db.namespace", db.Schema);
        return activity;
    }
}
