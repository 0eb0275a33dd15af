using ConsumerProtection.Modules.Complaints.Contracts;
using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Import;

/// <summary>
/// Imports complaints with their history from another system (a bank moving onto this product, or a branch keying in
/// a batch late). A dry run checks every record and stores nothing; a real run stores the whole file in one
/// transaction or nothing; a source id already imported is skipped, so a file can be sent again safely.
/// Imported complaints open no incidents, post nothing to the regulator, and raise no deadline alerts for what is past.
/// </summary>
internal sealed class ComplaintImporter(
    ComplaintStore store, Taxonomy taxonomy, IWorkingCalendar calendar, IAuditWriter audit, IOptions<ComplaintsOptions> options, TimeProvider time)
    : IComplaintHistoryImport
{
    public const int MaxRecords = 100_000;

    public const string SourceIdTaken = """
        SELECT COUNT(*) FROM [complaints].[complaint] WHERE import_source_id = @ImportSourceId
        """;

    /// <summary>What a run found and did. <c>ToImport</c>: new complaints (a dry run stores none of them).</summary>
    public sealed record Report(bool DryRun, int Records, int ToImport, int Imported, int AlreadyImported, IReadOnlyList<ImportError> Errors);

    public async Task<ComplaintImportResult> ImportAsync(string text, bool csv, bool dryRun, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var report = await RunAsync(text, csv, dryRun, Caller.System("import-complaints"), progress, ct);
        return new ComplaintImportResult(report.Records, report.ToImport, report.Imported, report.AlreadyImported,
            report.Errors.Select(e => $"line {e.Line}, {(e.Field.Length == 0 ? "record" : e.Field)}: {e.Message}").ToList());
    }

    public async Task<Report> RunAsync(string text, bool csv, bool dryRun, Caller importer, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var rules = await calendar.GetAsync(ct);
        var errors = new List<ImportError>();
        var records = ImportFile.Read(text, csv, HistoryRow.Known, errors);
        if (records.Count > MaxRecords)
        {
            errors.Add(new ImportError(0, "file", $"holds {records.Count} records; at most {MaxRecords} a file."));
            return new Report(dryRun, records.Count, 0, 0, 0, errors);
        }

        var rows = new List<ComplaintRow>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (await HistoryRow.ParseAsync(record, importer, now, o, taxonomy, rules, errors, ct) is not { } row)
            {
                continue;
            }

            if (!lines.TryAdd(row.ImportSourceId!, record.Line))
            {
                errors.Add(new ImportError(record.Line, "sourceId", $"repeats the source id of line {lines[row.ImportSourceId!]}."));
                continue;
            }

            rows.Add(row);
        }

        var existing = await ExistingAsync(rows.Select(r => r.ImportSourceId!).ToList(), ct);
        var fresh = rows.Where(r => !existing.Contains(r.ImportSourceId!)).ToList();
        if (dryRun || errors.Count > 0)
        {
            return new Report(dryRun, records.Count, fresh.Count, 0, existing.Count, errors.OrderBy(e => e.Line).ToList());
        }

        // Outside the transaction: the cipher work does not hold SQLite's write lock.
        foreach (var row in fresh)
        {
            store.Consumers.Seal(row);
        }

        var imported = await store.Db.InTransactionAsync(async (c, tx) =>
        {
            var count = 0;
            foreach (var row in fresh)
            {
                // A concurrent import of the same file: the UNIQUE index would refuse the row, so skip it here.
                if (await c.ExecuteScalarAsync<long>(new CommandDefinition(SourceIdTaken, new { row.ImportSourceId }, tx, cancellationToken: ct)) > 0)
                {
                    continue;
                }

                row.Reference = await ReferenceNumbers.NextAsync(store.Db, c, tx, row.ReceivedDate, ct);
                await c.ExecuteAsync(new CommandDefinition(ComplaintStore.Insert, row, tx, cancellationToken: ct));
                await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaint.imported", "complaint", row.Id.ToString(), null, new
                {
                    Imported = true, row.ImportSourceId, row.ReceivedAt, row.AssignedAt, row.RespondedAt, row.FollowedUpAt, row.ClosedAt, row.WithdrawnAt,
                    Complaint = AuditSnapshot.Of(row),
                }), importer, ct);
                await MarkPastAlertsAsync(c, tx, row, rules, now, o.DueSoonWorkingDays, ct);
                count++;
                progress?.Report((count, fresh.Count));
            }

            return count;
        }, ct);
        return new Report(false, records.Count, fresh.Count, imported, existing.Count, []);
    }

    // One indexed probe per source id (UNIQUE index), on one connection.
    private Task<HashSet<string>> ExistingAsync(List<string> ids, CancellationToken ct) =>
        store.Db.ReadAsync(async c =>
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (await c.ExecuteScalarAsync<long>(new CommandDefinition(SourceIdTaken, new { ImportSourceId = id }, cancellationToken: ct)) > 0)
                {
                    found.Add(id);
                }
            }

            return found;
        }, ct);

    // An open complaint imported late may already be due soon or overdue: that state is recorded as raised at import,
    // so the deadline job alerts on what happens from now on, not on the history.
    private static async Task MarkPastAlertsAsync(
        System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, ComplaintRow row, CalendarRules rules, DateTimeOffset now, int dueSoon,
        CancellationToken ct)
    {
        if (!Lifecycle.IsOpen(row.StatusValue))
        {
            return;
        }

        foreach (var (clock, due) in new[] { (DeadlineClock.Internal, row.InternalDueAt), (DeadlineClock.Regulatory, row.RegulatoryDueAt) })
        {
            var state = Deadlines.StateOf(rules, now, due, dueSoon);
            if (state != DueState.OnTrack)
            {
                await c.ExecuteAsync(new CommandDefinition(DeadlineBatch.InsertAlert, new
                {
                    ComplaintId = row.Id, Clock = clock.ToString(), State = state.ToString(), RaisedAt = now,
                }, tx, cancellationToken: ct));
            }
        }
    }
}
