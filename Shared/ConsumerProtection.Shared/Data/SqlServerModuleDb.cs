using System.Data.Common;
using Microsoft.Data.SqlClient;
using Polly;

namespace ConsumerProtection.Shared.Data;

/// <summary>SQL Server: one database, one schema per module; the schema is named in every statement.</summary>
internal sealed class SqlServerModuleDb(string schema, string connectionString, ResiliencePipeline pipeline)
    : ModuleDb(schema, SqlDialect.SqlServer, pipeline)
{
    public string ConnectionString { get; } = connectionString;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
