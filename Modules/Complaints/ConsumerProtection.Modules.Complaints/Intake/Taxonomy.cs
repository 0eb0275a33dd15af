using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.Complaints.Intake;

internal sealed record CodeEntry
{
    public CodeEntry()
    {
    }

    public CodeEntry(string axis, string code, string nameZh, string nameEn, bool active) =>
        (Axis, Code, NameZh, NameEn, Active) = (axis, code, nameZh, nameEn, active);

    public string Axis { get; init; } = "";
    public string Code { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public bool Active { get; init; }
}

/// <summary>The JR/T 0169 classification codes, cached in memory and reloaded after an Admin change.</summary>
internal sealed class Taxonomy([FromKeyedServices(ComplaintsModule.SchemaName)] IModuleDb db)
{
    public const string SelectAll = """
        SELECT axis AS Axis, code AS Code, name_zh AS NameZh, name_en AS NameEn, active AS Active
        FROM [complaints].[code] ORDER BY axis, code
        """;

    private volatile IReadOnlyList<CodeEntry>? _codes;

    public async ValueTask<IReadOnlyList<CodeEntry>> AllAsync(CancellationToken ct) =>
        _codes ??= (await db.ReadAsync(c => c.QueryAsync<CodeEntry>(new CommandDefinition(SelectAll, cancellationToken: ct)), ct)).AsList();

    public async ValueTask<bool> IsActiveAsync(Axis axis, string? code, CancellationToken ct) =>
        code is not null && (await AllAsync(ct)).Any(c => c.Axis == axis.ToString() && c.Code == code && c.Active);

    public void Invalidate() => _codes = null;
}
