using System.Data.Common;
using System.Runtime.CompilerServices;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Work to do once a transaction of <see cref="IModuleDb.InTransactionAsync{T}"/> has committed — a metric, a
/// notification — so nothing is counted or told about a change that rolled back or was retried (a retry runs in a new
/// transaction and registers again). Callbacks run in order on the committing thread; a throwing callback is not
/// allowed to fail the committed work, so keep them small and non-throwing.
/// </summary>
public static class CommitCallbacks
{
    private static readonly ConditionalWeakTable<DbTransaction, List<Action>> Pending = new();

    /// <summary>Runs <paramref name="action"/> after <paramref name="tx"/> commits; never if it does not.</summary>
    public static void AfterCommit(DbTransaction tx, Action action) => Pending.GetOrCreateValue(tx).Add(action);

    internal static void Committed(DbTransaction tx)
    {
        if (!Pending.TryGetValue(tx, out var actions))
        {
            return;
        }

        Pending.Remove(tx);
        foreach (var action in actions)
        {
            try
            {
                action();
            }
            catch (Exception)
            {
                // The transaction is durable; a failed after-commit callback (a metric) must not turn it into an error.
            }
        }
    }

    internal static void Discard(DbTransaction tx) => Pending.Remove(tx);
}
