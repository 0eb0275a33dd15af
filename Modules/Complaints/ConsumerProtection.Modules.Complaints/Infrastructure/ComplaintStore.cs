using System.Data.Common;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure.Protection;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>Reads and writes complaint rows. Updates are optimistic: they name the version they read.</summary>
internal sealed class ComplaintStore(
    [FromKeyedServices(ComplaintsModule.SchemaName)] IModuleDb db, ConsumerData consumers, Shared.MajorEvents.IMajorEventRegister majorEvents)
{
    /// <summary>The office's major-event register incidents are raised into (plan 6 art. 41, ADR 0008).</summary>
    public Shared.MajorEvents.IMajorEventRegister MajorEvents => majorEvents;

    public const string Insert = $"""
        INSERT INTO [complaints].[complaint] ({ComplaintRow.Columns}) VALUES ({ComplaintRow.Parameters})
        """;

    public const string SelectById = $"""
        SELECT {ComplaintRow.Columns} FROM [complaints].[complaint] WHERE id = @Id
        """;

    // A complaint's head: what the scope check, the repeat link and the view cache need, read by key before the full row.
    private const string HeadColumns = "id, version, branch_id, department_id, handler_id, repeat_of_id";

    public const string SelectHeadById = $"""
        SELECT {HeadColumns} FROM [complaints].[complaint] WHERE id = @Id
        """;

    public const string SelectHeadByReference = $"""
        SELECT {HeadColumns} FROM [complaints].[complaint] WHERE reference = @Reference
        """;

    public const string SelectByReference = $"""
        SELECT {ComplaintRow.Columns} FROM [complaints].[complaint] WHERE reference = @Reference
        """;

    public const string SelectByRegulatorCase = $"""
        SELECT {ComplaintRow.Columns} FROM [complaints].[complaint] WHERE regulator_case_id = @CaseId
        """;

    // Written at intake or import (sealed) and cleared only by anonymisation or rewritten by the rekey verb; a workflow update
    // never rewrites them, so it cannot put back a value sealed under a retired key, or plaintext.
    public static readonly string[] IntakeOnlyColumns =
        [.. ConsumerData.SealedColumns, "consumer_id_type", "consumer_key_id", "consumer_phone_bidx", "consumer_email_bidx", "consumer_id_number_bidx",
            "imported_at", "import_source_id"];

    // Every other column but id is rewritten; the version guard makes a concurrent change fail instead of being lost.
    public static readonly string Update =
        "UPDATE [complaints].[complaint] SET "
        + string.Join(", ", ComplaintRow.Columns.Split(", ").Where(c => c != "id" && !IntakeOnlyColumns.Contains(c)).Select(c => c + " = @" + Pascal(c)))
        + " WHERE id = @Id AND version = @ExpectedVersion";

    public IModuleDb Db => db;

    public ConsumerData Consumers => consumers;

    // The hot reads: kept prepared (a 79-column statement costs more to prepare than to run).
    public Task<ComplaintRow?> GetAsync(Guid id, CancellationToken ct) =>
        db.QueryFirstPreparedAsync<ComplaintRow>(SelectById, [("Id", id)], ct);

    public Task<ComplaintRow?> GetByReferenceAsync(string reference, CancellationToken ct) =>
        db.QueryFirstPreparedAsync<ComplaintRow>(SelectByReference, [("Reference", reference)], ct);

    /// <summary>The complaint's id, version, branch, department, handler and repeat link only (other members are defaults).</summary>
    public Task<ComplaintRow?> GetHeadAsync(Guid id, CancellationToken ct) =>
        db.QueryFirstPreparedAsync<ComplaintRow>(SelectHeadById, [("Id", id)], ct);

    /// <summary>As <see cref="GetHeadAsync"/>, by reference.</summary>
    public Task<ComplaintRow?> GetHeadByReferenceAsync(string reference, CancellationToken ct) =>
        db.QueryFirstPreparedAsync<ComplaintRow>(SelectHeadByReference, [("Reference", reference)], ct);

    public static Task<ComplaintRow?> GetAsync(DbConnection c, DbTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ComplaintRow>(new CommandDefinition(SelectById, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>Writes <paramref name="row"/> if the stored version is still <paramref name="expectedVersion"/>; false otherwise.</summary>
    public static async Task<bool> UpdateAsync(DbConnection c, DbTransaction tx, ComplaintRow row, long expectedVersion, CancellationToken ct)
    {
        var args = new DynamicParameters(row);
        args.Add("ExpectedVersion", expectedVersion);
        return await c.ExecuteAsync(new CommandDefinition(Update, args, tx, cancellationToken: ct)) == 1;
    }

    private static string Pascal(string column) =>
        string.Concat(column.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
