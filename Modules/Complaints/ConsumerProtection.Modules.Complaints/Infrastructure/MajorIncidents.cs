using System.Data.Common;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// Plan 6 art. 41: a group complaint, misappropriated funds or a
/// personal-information leak opens an incident at once; N complaints about one product within W days opens one
/// for the product (one open incident per product and window).
/// </summary>
internal static class MajorIncidents
{
    public const string CountProduct = """
        SELECT COUNT(*) FROM [complaints].[complaint] WHERE product_code = @ProductCode AND received_at >= @Since
        """;

    public const string OpenForProduct = """
        SELECT COUNT(*) FROM [complaints].[incident]
        WHERE kind = 'ProductVolume' AND product_code = @ProductCode AND opened_at >= @Since
        """;

    public const string Insert = """
        INSERT INTO [complaints].[incident] (id, version, kind, status, product_code, complaint_id, complaint_count, window_from, opened_at)
        VALUES (@Id, 1, @Kind, 'Open', @ProductCode, @ComplaintId, @ComplaintCount, @WindowFrom, @OpenedAt)
        """;

    /// <summary>Opens the incidents that <paramref name="row"/> triggers, in the intake transaction.</summary>
    public static async Task<IReadOnlyList<IncidentKind>> OnIntakeAsync(
        IModuleDb db, DbConnection c, DbTransaction tx, IAuditWriter audit, ComplaintRow row, MajorIncidentRule rule, DateTimeOffset now,
        CancellationToken ct)
    {
        var opened = new List<IncidentKind>();
        var immediate = new (bool Flag, IncidentKind Kind)[]
        {
            (row.GroupComplaint, IncidentKind.GroupComplaint),
            (row.MisappropriatedFunds, IncidentKind.MisappropriatedFunds),
            (row.PiLeak, IncidentKind.PersonalInfoLeak),
        };
        foreach (var (flag, kind) in immediate.Where(i => i.Flag))
        {
            await OpenAsync(db, c, tx, audit, kind, row, 1, null, now, ct);
            opened.Add(kind);
        }

        // Look for an incident already opened in the window first: it is one indexed probe, while counting the
        // product's complaints walks all of them, so a busy product is counted at most once per window.
        var since = now.AddDays(-rule.WindowDays);
        if (await c.ExecuteScalarAsync<long>(new CommandDefinition(OpenForProduct, new { row.ProductCode, Since = since }, tx, cancellationToken: ct)) > 0)
        {
            return opened;
        }

        var count = await c.ExecuteScalarAsync<long>(new CommandDefinition(CountProduct, new { row.ProductCode, Since = since }, tx, cancellationToken: ct));
        if (count >= rule.Threshold)
        {
            await OpenAsync(db, c, tx, audit, IncidentKind.ProductVolume, row, (int)count, since, now, ct);
            opened.Add(IncidentKind.ProductVolume);
        }

        return opened;
    }

    private static async Task OpenAsync(
        IModuleDb db, DbConnection c, DbTransaction tx, IAuditWriter audit, IncidentKind kind, ComplaintRow row, int count,
        DateTimeOffset? windowFrom, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        await c.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = id, Kind = kind.ToString(), ProductCode = row.ProductCode, ComplaintId = row.Id, ComplaintCount = count,
            WindowFrom = windowFrom, OpenedAt = now,
        }, tx, cancellationToken: ct));
        await audit.AppendAsync(db, c, tx, new AuditEntry("incident.opened", "incident", id.ToString(), null,
            new { Kind = kind.ToString(), row.ProductCode, ComplaintReference = row.Reference, ComplaintCount = count }), ct);
    }
}
