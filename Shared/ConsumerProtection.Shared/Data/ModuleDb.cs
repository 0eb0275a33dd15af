using System.Data.Common;
using Dapper;
using Polly;

namespace ConsumerProtection.Shared.Data;

internal abstract class ModuleDb(string schema, SqlDialect dialect, ResiliencePipeline pipeline) : IModuleDb
{
    public string Schema { get; } = schema;
    public SqlDialect Dialect { get; } = dialect;

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>The connection a write transaction runs on; by default one like any other.</summary>
    protected virtual Task<DbConnection> OpenForWriteAsync(CancellationToken ct) => OpenAsync(ct);

    /// <summary>Waits for this host's turn to write; by default no waiting (the engine arbitrates).</summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable?>(null);

    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        await pipeline.ExecuteAsync(async token =>
        {
            using var span = DataTelemetry.Start("db.transaction", this);
            using var gate = await EnterWriteAsync(token);
            await using var connection = await OpenForWriteAsync(token);
            await using var tx = await connection.BeginTransactionAsync(token);
            try
            {
                var result = await work(connection, tx);
                await tx.CommitAsync(token);
                OnCommitted();
                CommitCallbacks.Committed(tx);
                return result;
            }
            finally
            {
                CommitCallbacks.Discard(tx);
            }
        }, ct);

    /// <summary>Called after each committed transaction of <see cref="InTransactionAsync{T}"/>.</summary>
    protected virtual void OnCommitted()
    {
    }

    public virtual Task<T?> QueryFirstPreparedAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct) =>
        ReadAsync(c => Dapper.SqlMapper.QueryFirstOrDefaultAsync<T>(c, new Dapper.CommandDefinition(sql, Parameters(args), cancellationToken: ct)), ct);

    public virtual async Task<IReadOnlyList<T>> QueryPreparedAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct) =>
        (await ReadAsync(c => Dapper.SqlMapper.QueryAsync<T>(c, new Dapper.CommandDefinition(sql, Parameters(args), cancellationToken: ct)), ct)).AsList();

    private static Dapper.DynamicParameters Parameters(IReadOnlyList<(string Name, object? Value)> args)
    {
        var parameters = new Dapper.DynamicParameters();
        foreach (var (name, value) in args)
        {
            parameters.Add(name, value);
        }

        return parameters;
    }

    protected ResiliencePipeline Pipeline => pipeline;

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct) =>
        await pipeline.ExecuteAsync(async token =>
        {
            using var span = DataTelemetry.Start("db.read", this);
            await using var connection = await OpenAsync(token);
            return await read(connection);
        }, ct);
}
