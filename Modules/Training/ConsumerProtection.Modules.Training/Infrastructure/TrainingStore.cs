using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.Training.Infrastructure;

/// <summary>The module's database, audit writer, clock and the sealing of staff names (ADR 0005).</summary>
internal sealed class TrainingStore(
    [FromKeyedServices(TrainingModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time, IServiceProvider services)
{
    public const string StaffTable = "training.staff";

    public IModuleDb Db => db;

    public IAuditWriter Audit => audit;

    public TimeProvider Time => time;

    // Resolved on first use, so a host that never touches staff names never loads the keys.
    private PersonalDataProtector? _protector;

    private PersonalDataProtector Protector => _protector ??= services.GetRequiredService<PersonalDataProtector>();

    /// <summary>Seals a staff name, bound to the staff id (a copied envelope does not decrypt elsewhere).</summary>
    public string SealName(string staffId, string name) => Protector.Protect(name, new FieldBinding(StaffTable, "name", staffId));

    /// <summary>Opens a stored staff name; null when anonymised.</summary>
    public string? OpenName(string staffId, string? envelope) =>
        envelope is null ? null
        : PersonalDataProtector.IsEnvelope(envelope) ? Protector.Unprotect(envelope, new FieldBinding(StaffTable, "name", staffId))
        : envelope;

    public string ActiveKeyId => Protector.ActiveKeyId;

    /// <summary>The bank-local day of <paramref name="instant"/> (plan 6 art. 39 counts calendar years in the bank's zone).</summary>
    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static string Json(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];

    public static IReadOnlyList<RoleCategory> Categories(string csv) =>
        [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Shared.Http.StrictEnum.FromStored<RoleCategory>(c, "mandatory_for"))];
}
