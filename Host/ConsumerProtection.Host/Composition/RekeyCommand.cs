using System.Globalization;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Protection;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// The <c>rekey</c> verb: <c>rekey [--batch 500] [--new-key]</c>. Applies the migrations, then has every module
/// re-encrypt its personal data that is plaintext (from before encryption) or under a key other than the active one,
/// in committed batches with a progress line. Safe to stop and run again. <c>--new-key</c> (key-file mode only) first
/// adds a new key to the key file and makes it active; restart any running host afterwards so it reads the new key.
/// Exit code 1 when some record could not be decrypted (logged by id; restore its key and run again).
/// </summary>
internal static class RekeyCommand
{
    public const int DefaultBatch = 500;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var (batch, newKey, error) = Parse(args.Skip(1).ToList());
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync("usage: rekey [--batch 500] [--new-key]");
            return 2;
        }

        var time = app.Services.GetRequiredService<TimeProvider>();
        if (newKey)
        {
            var options = app.Configuration.GetSection(ProtectionOptions.Section).Get<ProtectionOptions>() ?? new ProtectionOptions();
            if (options.Keys.Count > 0)
            {
                await Console.Error.WriteLineAsync("rekey: --new-key rotates the key file; with Protection:Keys configured, add the new key there and set Protection:ActiveKeyId.");
                return 2;
            }

            var path = string.IsNullOrWhiteSpace(options.KeyFile)
                ? ProtectionKeyring.KeyFile.DefaultPath(app.Services.GetRequiredService<StorageOptions>().DataDirectoryFullPath)
                : Path.GetFullPath(options.KeyFile);
            if (File.Exists(path))
            {
                Console.WriteLine($"rekey: key {ProtectionKeyring.KeyFile.Rotate(path, time)} added to {path} and made active.");
            }
        }

        app.Services.GetRequiredService<MigrationRunner>().MigrateAll();
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Console.WriteLine($"rekey: active key {protector.ActiveKeyId} ({protector.KeyIds.Count} key(s) from {protector.KeySource}).");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var failed = 0L;
        try
        {
            foreach (var rekeyer in app.Services.GetServices<IPersonalDataRekeyer>())
            {
                failed += (await RunOneAsync(rekeyer, batch, time, cancel.Token)).Failed;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("rekey: cancelled; the batches committed so far stay rekeyed; run it again to finish.");
            return 130;
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<RekeyProgress> RunOneAsync(IPersonalDataRekeyer rekeyer, int batch, TimeProvider time, CancellationToken ct)
    {
        var lastPrinted = time.GetTimestamp();
        var result = await rekeyer.RekeyAsync(batch, p =>
        {
            // At most one line every two seconds.
            if (time.GetElapsedTime(lastPrinted) >= TimeSpan.FromSeconds(2))
            {
                lastPrinted = time.GetTimestamp();
                Console.WriteLine(Line(p));
            }
        }, ct);
        Console.WriteLine($"{rekeyer.Name}: done. {Line(result)}");
        return result;
    }

    private static string Line(RekeyProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Name}: {p.Rekeyed:N0}/{p.Total:N0} records rekeyed, {p.Failed:N0} failed, {p.Elapsed.TotalSeconds:F1} s");

    private static (int Batch, bool NewKey, string? Error) Parse(List<string> args)
    {
        int batch = DefaultBatch;
        var newKey = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--new-key":
                    newKey = true;
                    break;
                case "--batch" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000:
                    batch = n;
                    i++;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal) && option.Contains(':', StringComparison.Ordinal):
                    // A host setting (--Storage:DataDirectory /x), left to configuration.
                    i++;
                    break;
                default:
                    return (batch, newKey, $"unexpected '{args[i]}' (--batch takes 1 to 10000).");
            }
        }

        return (batch, newKey, null);
    }
}
