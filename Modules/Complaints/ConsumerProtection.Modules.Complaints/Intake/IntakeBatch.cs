using System.Data.Common;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;

namespace ConsumerProtection.Modules.Complaints.Intake;

/// <summary>
/// What one intake transaction — a group commit (ADR 0007) or a lone filing — shares across its complaints: the complaint
/// insert and the per-complaint lookups prepared once (<see cref="TransactionCommands"/>), the audit writer that reads
/// the chain head once (<see cref="IAuditWriter.ForOneTransaction"/>), and the per-day reference counters, read once
/// per day and written back once before the commit. Each complaint still
/// gets its own reference, row, audit rows, repeat link and incidents, in queue order, exactly as a lone intake would.
/// </summary>
internal sealed class IntakeBatch : IAsyncDisposable
{
    private readonly ComplaintStore _store;
    private readonly DbConnection _connection;
    private readonly DbTransaction _tx;
    private readonly Dictionary<DateOnly, (long Last, bool Exists)> _days = [];

    private IntakeBatch(ComplaintStore store, DbConnection connection, DbTransaction tx, ComplaintInsert insert, ITransactionAuditWriter audit) =>
        (_store, _connection, _tx, Insert, Audit, Commands) =
        (store, connection, tx, insert, audit, new TransactionCommands(connection, tx, store.Db.Dialect.Provider));

    public ComplaintInsert Insert { get; }

    /// <summary>The repeat and incident lookups of this transaction, prepared once.</summary>
    public TransactionCommands Commands { get; }

    /// <summary>The audit writer for this transaction; wrap it per complaint to name the filing caller.</summary>
    public ITransactionAuditWriter Audit { get; }

    public static async Task<IntakeBatch> StartAsync(ComplaintStore store, IAuditWriter audit, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        new(store, c, tx, await ComplaintInsert.PrepareAsync(c, tx, store.Db.Dialect.Provider, ct), audit.ForOneTransaction());

    /// <summary>The next reference of <paramref name="day"/> (CP-yyyyMMdd-NNNNNN), gap-free in queue order.</summary>
    public async Task<string> NextReferenceAsync(DateOnly day, CancellationToken ct)
    {
        if (!_days.TryGetValue(day, out var counter))
        {
            var last = await ReferenceNumbers.LastAsync(_store.Db, _connection, _tx, day, ct);
            counter = (last ?? 0, last is not null);
        }

        _days[day] = (counter.Last + 1, counter.Exists);
        return ReferenceNumbers.Format(day, counter.Last + 1);
    }

    /// <summary>Writes the day counters back; call once, after the last complaint and before the commit.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var (day, counter) in _days)
        {
            await ReferenceNumbers.StoreAsync(_connection, _tx, day, counter.Last, counter.Exists, ct);
        }

        _days.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await Insert.DisposeAsync();
        await Commands.DisposeAsync();
        await Audit.DisposeAsync();
    }
}
