using System.Globalization;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Seeding;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// The <c>seed</c> verb: <c>seed --complaints 1000000 [--months 12] [--seed 42]</c>. Applies the migrations, then
/// runs each named module seeder (every registered <see cref="ISeeder"/> is a <c>--name</c>), reporting rows/s.
/// Options with a colon (<c>--Storage:DataDirectory /tmp/x</c>) are host settings and are left to configuration.
/// </summary>
internal static class SeedCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var seeders = app.Services.GetServices<ISeeder>().ToDictionary(s => s.Name, StringComparer.Ordinal);
        var (counts, months, seed, error) = Parse(args.Skip(1).ToList(), seeders.Keys);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync($"usage: seed --<name> <count> [--months 12] [--seed 42]; names: {string.Join(", ", seeders.Keys)}");
            return 2;
        }

        app.Services.GetRequiredService<MigrationRunner>().MigrateAll();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var time = app.Services.GetRequiredService<TimeProvider>();
        try
        {
            foreach (var (name, count) in counts)
            {
                await RunOneAsync(seeders[name], count, months, seed, time, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The seeder has audited what it committed before the interruption.
            await Console.Error.WriteLineAsync("seed: cancelled; the rows committed so far stay, and the audit row says how many.");
            return 130;
        }

        return 0;
    }

    private static async Task RunOneAsync(ISeeder seeder, int count, int months, int seed, TimeProvider time, CancellationToken ct)
    {
        var name = seeder.Name;
        var lastPrinted = time.GetTimestamp();
        var result = await seeder.SeedAsync(new SeedRequest(count, months, seed), p =>
        {
            // At most one line every two seconds, and always the last.
            if (p.Written == p.Total || time.GetElapsedTime(lastPrinted) >= TimeSpan.FromSeconds(2))
            {
                lastPrinted = time.GetTimestamp();
                Console.WriteLine(Line(name, p));
            }
        }, ct);
        Console.WriteLine($"{name}: done. {Line(name, result)}");
    }

    private static string Line(string name, SeedProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: {p.Written:N0}/{p.Total:N0} rows, {p.Elapsed.TotalSeconds:F1} s, {p.RowsPerSecond:N0} rows/s");

    private static (List<(string Name, int Count)> Counts, int Months, int Seed, string? Error) Parse(List<string> args, IEnumerable<string> names)
    {
        var known = names.ToHashSet(StringComparer.Ordinal);
        var counts = new List<(string, int)>();
        int months = 12, seed = 42;
        for (var i = 0; i < args.Count; i += 2)
        {
            var option = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : null;
            if (!option.StartsWith("--", StringComparison.Ordinal) || value is null)
            {
                return (counts, months, seed, $"expected '--option value', got '{option}'.");
            }

            var key = option[2..];
            if (key.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return (counts, months, seed, $"{option} needs a whole number, got '{value}'.");
            }

            switch (key)
            {
                case "months": months = number; break;
                case "seed": seed = number; break;
                case var n when known.Contains(n): counts.Add((n, number)); break;
                default: return (counts, months, seed, $"unknown option {option}.");
            }
        }

        return counts.Count == 0 ? (counts, months, seed, "name at least one seeder.") : (counts, months, seed, null);
    }
}
