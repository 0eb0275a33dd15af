using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Alerts;

internal sealed class OperationalAlertStore(
    [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time) : IOperationalAlerts
{
    public const string Columns = """
        id AS Id, alert_key AS AlertKey, code AS Code, severity AS Severity, message AS Message, raised_at AS RaisedAt,
        acknowledged_at AS AcknowledgedAt, acknowledged_by AS AcknowledgedBy, resolved_at AS ResolvedAt
        """;

    // NOT EXISTS keeps it to one open alert per key; the filtered unique index backs it against a racing second host.
    public const string Insert = """
        INSERT INTO [kernel].[operational_alert] (id, alert_key, code, severity, message, raised_at)
        SELECT @Id, @Key, @Code, @Severity, @Message, @Now
        WHERE NOT EXISTS (SELECT 1 FROM [kernel].[operational_alert] WHERE alert_key = @Key AND resolved_at IS NULL)
        """;

    public const string Resolve = """
        UPDATE [kernel].[operational_alert] SET resolved_at = @Now WHERE alert_key = @Key AND resolved_at IS NULL
        """;

    public const string Acknowledge = """
        UPDATE [kernel].[operational_alert] SET acknowledged_at = @Now, acknowledged_by = @By WHERE id = @Id AND acknowledged_at IS NULL
        """;

    public const string SelectOpen = $"""
        SELECT {Columns} FROM [kernel].[operational_alert] WHERE resolved_at IS NULL ORDER BY raised_at, id
        """;

    public const string SelectById = $"""
        SELECT {Columns} FROM [kernel].[operational_alert] WHERE id = @Id
        """;

    private static readonly Caller System = Caller.System("operational-alerts");

    public IModuleDb Db => db;

    public async Task<bool> RaiseAsync(string key, string code, AlertSeverity severity, string message, CancellationToken ct)
    {
        var args = new { Id = Guid.CreateVersion7(), Key = key, Code = code, Severity = severity.ToString(), Message = message, Now = time.GetUtcNow() };
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(Insert, args, tx, cancellationToken: ct)) == 0)
            {
                return false;
            }

            await audit.AppendAsync(db, c, tx, new AuditEntry("alert.raised", "operational-alert", args.Id.ToString(), null,
                new { args.Key, args.Code, args.Severity, args.Message }), System, ct);
            return true;
        }, ct);
    }

    public async Task<bool> ResolveAsync(string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(Resolve, new { Key = key, Now = now }, tx, cancellationToken: ct)) == 0)
            {
                return false;
            }

            await audit.AppendAsync(db, c, tx, new AuditEntry("alert.resolved", "operational-alert", key, null, new { ResolvedAt = now }), System, ct);
            return true;
        }, ct);
    }

    public async Task<IReadOnlyList<OperationalAlert>> OpenAsync(CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<Row>(new CommandDefinition(SelectOpen, cancellationToken: ct)), ct)).Select(r => r.ToAlert()).ToList();

    public async Task<IReadOnlyList<OperationalAlert>> ListAsync(string sql, object args, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<Row>(new CommandDefinition(sql, args, cancellationToken: ct)), ct)).Select(r => r.ToAlert()).ToList();

    /// <summary>Marks the alert seen by <paramref name="by"/> (audited; a second acknowledgement changes nothing); null when unknown.</summary>
    public async Task<OperationalAlert?> AcknowledgeAsync(Guid id, string by, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(Acknowledge, new { Id = id, Now = now, By = by }, tx, cancellationToken: ct)) == 1)
            {
                await audit.AppendAsync(db, c, tx, new AuditEntry("alert.acknowledged", "operational-alert", id.ToString(), null, new { AcknowledgedAt = now }), ct);
            }

            var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectById, new { Id = id }, tx, cancellationToken: ct));
            return row?.ToAlert();
        }, ct);
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string AlertKey { get; set; } = "";
        public string Code { get; set; } = "";
        public string Severity { get; set; } = "";
        public string Message { get; set; } = "";
        public DateTimeOffset RaisedAt { get; set; }
        public DateTimeOffset? AcknowledgedAt { get; set; }
        public string? AcknowledgedBy { get; set; }
        public DateTimeOffset? ResolvedAt { get; set; }

        public OperationalAlert ToAlert() => new(Id, AlertKey, Code, Severity switch
        {
            nameof(AlertSeverity.Warning) => AlertSeverity.Warning,
            nameof(AlertSeverity.Critical) => AlertSeverity.Critical,
            _ => throw new InvalidOperationException($"operational_alert.severity holds an unknown value '{Severity}'."),
        }, Message, RaisedAt, AcknowledgedAt, AcknowledgedBy, ResolvedAt);
    }
}
