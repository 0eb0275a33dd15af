using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Security;

/// <summary>
/// First start: creates one Admin key and writes it to <c>{data}/bootstrap-admin-key.txt</c> (owner-only),
/// logging only the path. It is made once per database (a marker row remembers it) and never silently
/// regenerated. An operator key in <c>Auth:BootstrapAdminKey</c> replaces it: that key is registered and any
/// generated bootstrap key is revoked.
/// </summary>
public sealed class BootstrapAdminKey(
    ApiKeyStore keys, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IOptions<AuthOptions> auth,
    StorageOptions storage, ILogger<BootstrapAdminKey> logger)
{
    /// <summary>The file name in the data folder.</summary>
    public const string FileName = "bootstrap-admin-key.txt";

    private const string GetState = """
        SELECT value FROM [kernel].[kernel_state] WHERE name = @Name
        """;

    private const string SetState = """
        INSERT INTO [kernel].[kernel_state] (name, value) VALUES (@Name, @Value)
        """;

    private const string DeleteState = """
        DELETE FROM [kernel].[kernel_state] WHERE name = @Name
        """;

    private static readonly Caller Actor = Caller.System("bootstrap");

    private const string GeneratedMarker = "bootstrap-admin-key-id";
    private const string ConfiguredMarker = "configured-admin-key-hash";

    /// <summary>Ensures an Admin key exists as described above.</summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        var generatedId = await State(GeneratedMarker, ct);
        var configured = auth.Value.BootstrapAdminKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await EnsureConfiguredAsync(configured, generatedId, ct);
            return;
        }

        if (generatedId is not null || await State(ConfiguredMarker, ct) is not null)
        {
            return;
        }

        var (record, secret) = await keys.CreateAsync("bootstrap-admin", [Role.Admin], null, null, "system:bootstrap", ct, actor: Actor);
        var path = Path.Combine(storage.DataDirectoryFullPath, FileName);
        await WriteOwnerOnlyAsync(path, secret + Environment.NewLine, ct);
        await SetAsync(GeneratedMarker, record.Id.ToString(), ct);
        logger.LogWarning("Created the bootstrap Admin API key; it is in {Path} (readable by this user only). Store it safely and delete the file", path);
    }

    private async Task EnsureConfiguredAsync(string configured, string? generatedId, CancellationToken ct)
    {
        if (!configured.StartsWith(ApiKeyStore.KeyPrefix, StringComparison.Ordinal) || configured.Length < 36)
        {
            throw new InvalidOperationException(
                $"Auth:BootstrapAdminKey must start with '{ApiKeyStore.KeyPrefix}' and hold at least 32 random characters.");
        }

        var hash = ApiKeyStore.Hash(configured);
        if (await State(ConfiguredMarker, ct) != hash)
        {
            if (await keys.AuthenticateAsync(configured, ct) is null)
            {
                await keys.CreateAsync("operator-admin", [Role.Admin], null, null, "system:bootstrap", ct, configured, Actor);
            }

            await db.InTransactionAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(new CommandDefinition(DeleteState, new { Name = ConfiguredMarker }, tx, cancellationToken: ct));
                return await c.ExecuteAsync(new CommandDefinition(SetState, new { Name = ConfiguredMarker, Value = hash }, tx, cancellationToken: ct));
            }, ct);
            logger.LogInformation("Registered the operator-configured Admin API key");
        }

        if (generatedId is not null && Guid.TryParse(generatedId, out var id) && await keys.RevokeAsync(id, "system:bootstrap", ct, Actor))
        {
            logger.LogInformation("Revoked the generated bootstrap Admin key: an operator key replaces it");
        }
    }

    private Task<string?> State(string name, CancellationToken ct) =>
        db.ReadAsync(c => c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(GetState, new { Name = name }, cancellationToken: ct)), ct);

    private Task SetAsync(string name, string value, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(SetState, new { Name = name, Value = value }, tx, cancellationToken: ct)), ct);

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
