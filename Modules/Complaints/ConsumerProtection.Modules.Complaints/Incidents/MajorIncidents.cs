using System.Data.Common;
using System.Globalization;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.MajorEvents;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.Incidents;

/// <summary>
/// Plan 6 art. 41: a group complaint, misappropriated funds or a
/// personal-information leak opens an incident at once; N complaints about one product received within W days opens
/// one for the product (one incident per product and window). Windows are judged by when the bank received the
/// complaints, never by when they were entered, so a complaint entered late re-judges the windows it falls into.
/// </summary>
internal static class MajorIncidents
{
    // The product's receipt times around the new complaint: one range read on (product_code, received_at).
    public const string ProductReceipts = """
        SELECT received_at FROM [complaints].[complaint]
        WHERE product_code = @ProductCode AND received_at >= @From AND received_at <= @To
        ORDER BY received_at
        """;

    // The earliest receipt that can start a window holding the new complaint, and whether any receipt of the product
    // lies after it within a window: two index seeks on (product_code, received_at), however busy the product is.
    public const string WindowHead = """
        SELECT (SELECT MIN(received_at) FROM [complaints].[complaint]
                WHERE product_code = @ProductCode AND received_at >= @From AND received_at <= @ReceivedAt) AS FirstStart,
               CAST(CASE WHEN EXISTS (SELECT 1 FROM [complaints].[complaint]
                WHERE product_code = @ProductCode AND received_at > @ReceivedAt AND received_at <= @To) THEN 1 ELSE 0 END AS BIGINT) AS LaterReceipts
        """;

    // The receipts in one window: an index range count, no rows read back.
    public const string ProductReceiptCount = """
        SELECT COUNT(*) FROM [complaints].[complaint]
        WHERE product_code = @ProductCode AND received_at >= @From AND received_at <= @To
        """;

    // A volume incident whose window starts in (@After, @Before]: one indexed probe on (kind, product_code, window_from).
    public const string VolumeIncidentStarting = """
        SELECT COUNT(*) FROM [complaints].[incident]
        WHERE kind = 'ProductVolume' AND product_code = @ProductCode AND window_from > @After AND window_from <= @Before
        """;

    public const string Insert = """
        INSERT INTO [complaints].[incident] (id, version, kind, status, product_code, complaint_id, complaint_count, window_from, opened_at)
        VALUES (@Id, 1, @Kind, 'Open', @ProductCode, @ComplaintId, @ComplaintCount, @WindowFrom, @OpenedAt)
        """;

    /// <summary>Opens the incidents that <paramref name="row"/> triggers, in the intake transaction (the row is already inserted).</summary>
    public static async Task<IReadOnlyList<IncidentKind>> OnIntakeAsync(
        IModuleDb db, TransactionCommands commands, IAuditWriter audit, IMajorEventRegister register, ComplaintRow row, MajorIncidentRule rule,
        DateTimeOffset now, CancellationToken ct)
    {
        var raise = new Raise(db, commands, audit, register);
        var opened = new List<IncidentKind>();
        var immediate = new (bool Flag, IncidentKind Kind)[]
        {
            (row.GroupComplaint, IncidentKind.GroupComplaint),
            (row.MisappropriatedFunds, IncidentKind.MisappropriatedFunds),
            (row.PiLeak, IncidentKind.PersonalInfoLeak),
        };
        foreach (var (flag, kind) in immediate.Where(i => i.Flag))
        {
            await raise.OpenAsync(kind, row, 1, null, now, ct);
            opened.Add(kind);
        }

        if (await OpenVolumeAsync(raise, row, rule, now, ct))
        {
            opened.Add(IncidentKind.ProductVolume);
        }

        return opened;
    }

    /// <summary>
    /// Re-judges every window of <c>WindowDays</c> that holds the complaint's receipt time. A window already covered by a
    /// volume incident (one that starts less than a window away) opens nothing new.
    /// </summary>
    private static async Task<bool> OpenVolumeAsync(Raise raise, ComplaintRow row, MajorIncidentRule rule, DateTimeOffset now, CancellationToken ct)
    {
        var commands = raise.Commands;
        var window = TimeSpan.FromDays(rule.WindowDays);
        var received = row.ReceivedAt;

        // An incident whose window already holds this receipt time: one indexed probe, so a busy product is counted
        // at most once per window.
        if (await CountIncidentsAsync(commands, row.ProductCode, received - window - TimeSpan.FromTicks(1), received, ct) > 0)
        {
            return false;
        }

        // The incident probe comes before the count: for a busy product already covered nearby, the probe alone decides.
        var (start, counted) = await BusiestWindowAsync(commands, row.ProductCode, received, window, ct);
        if (counted < rule.Threshold
            || await CountIncidentsAsync(commands, row.ProductCode, start - window, start + window - TimeSpan.FromTicks(1), ct) > 0)
        {
            return false;
        }

        var count = counted ?? (int)Convert.ToInt64(await commands.ScalarAsync(ProductReceiptCount,
            [("@ProductCode", row.ProductCode), ("@From", start), ("@To", start + window)], ct), CultureInfo.InvariantCulture);
        if (count < rule.Threshold)
        {
            return false;
        }

        await raise.OpenAsync(IncidentKind.ProductVolume, row, count, start, now, ct);
        return true;
    }

    private static async Task<long> CountIncidentsAsync(
        TransactionCommands commands, string productCode, DateTimeOffset after, DateTimeOffset before, CancellationToken ct) =>
        Convert.ToInt64(await commands.ScalarAsync(VolumeIncidentStarting,
            [("@ProductCode", productCode), ("@After", after), ("@Before", before)], ct), CultureInfo.InvariantCulture);

    /// <summary>
    /// The start of <see cref="BusiestWindow"/> over the product's receipts, without reading them back in the usual
    /// case. When no receipt of the product lies after <paramref name="received"/> (within a window), a window's count
    /// can only fall as its start moves later, so the busiest window starts at the earliest receipt in
    /// <c>[received − window, received]</c>; its count is then left to the caller (null), which needs it only when no
    /// incident covers that start. Only a complaint keyed in after later-received ones (a late letter) reads the
    /// receipts and tries every start, and returns the count too.
    /// </summary>
    internal static async Task<(DateTimeOffset Start, int? Count)> BusiestWindowAsync(
        TransactionCommands commands, string productCode, DateTimeOffset received, TimeSpan window, CancellationToken ct)
    {
        var head = await commands.FirstRowAsync(WindowHead,
            [("@ProductCode", productCode), ("@From", received - window), ("@ReceivedAt", received), ("@To", received + window)], ct)
            ?? throw new InvalidOperationException("The window head query returned no row.");
        if (Convert.ToInt64(head[1], CultureInfo.InvariantCulture) == 0)
        {
            return TransactionCommands.Instant(head[0]) is { } first ? (first, null) : (received, 0);
        }

        var receipts = (await commands.Connection.QueryAsync<DateTimeOffset>(new CommandDefinition(ProductReceipts, new
        {
            ProductCode = productCode, From = received - window, To = received + window,
        }, commands.Transaction, cancellationToken: ct))).Select(t => t.ToUniversalTime()).ToList();
        return BusiestWindow(receipts, received, window);
    }

    /// <summary>
    /// The window <c>[start, start + window]</c> holding <paramref name="received"/> with the most receipts. The busiest
    /// such window can always start at a receipt, so only receipts in <c>[received − window, received]</c> are tried.
    /// </summary>
    internal static (DateTimeOffset Start, int Count) BusiestWindow(IReadOnlyList<DateTimeOffset> sortedReceipts, DateTimeOffset received, TimeSpan window)
    {
        var best = (Start: received, Count: 0);
        var end = 0;
        for (var i = 0; i < sortedReceipts.Count && sortedReceipts[i] <= received; i++)
        {
            var start = sortedReceipts[i];
            if (start < received - window)
            {
                continue;
            }

            end = Math.Max(end, i);
            while (end < sortedReceipts.Count && sortedReceipts[end] <= start + window)
            {
                end++;
            }

            if (end - i > best.Count)
            {
                best = (start, end - i);
            }
        }

        return best;
    }

    /// <summary>Opening an incident in the intake transaction: its row, its audit row, and its entry in the office's register.</summary>
    private sealed record Raise(IModuleDb Db, TransactionCommands Commands, IAuditWriter Audit, IMajorEventRegister Register)
    {
        private DbConnection Connection => Commands.Connection;

        private DbTransaction Tx => Commands.Transaction;

        public async Task OpenAsync(IncidentKind kind, ComplaintRow row, int count, DateTimeOffset? windowFrom, DateTimeOffset now, CancellationToken ct)
        {
            var id = Guid.CreateVersion7(now);
            await Connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, Kind = kind.ToString(), ProductCode = row.ProductCode, ComplaintId = row.Id, ComplaintCount = count,
                WindowFrom = windowFrom, OpenedAt = now,
            }, Tx, cancellationToken: ct));
            await Audit.AppendAsync(Db, Connection, Tx, new AuditEntry("incident.opened", "incident", id.ToString(), null,
                new { Kind = kind.ToString(), row.ProductCode, ComplaintReference = row.Reference, ComplaintCount = count, WindowFrom = windowFrom }), ct);

            // The register entry links back by the incident's id; its summary carries codes and counts, no consumer data.
            await Register.RaiseAsync(Db, Connection, Tx, new MajorEventRaised(
                "Complaints", id.ToString(), kind.ToString(), MajorEventSeverity.Major, windowFrom ?? row.ReceivedAt, now,
                $"{kind} incident: product {row.ProductCode}, {count} complaint(s), complaint {row.Reference}.", Guid.CreateVersion7(now)), ct);
        }
    }
}
