using ConsumerProtection.Shared.Http;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Time;

/// <summary>
/// The State Council holiday schedules (国务院办公厅关于部分节假日安排的通知) embedded in this build as
/// <c>Time/Schedules/cn-YYYY.json</c> (format <c>cp-calendar/1</c>). Applied at start to every year the office has not set
/// itself; a newer build with a higher <c>revision</c> for a still-shipped year replaces it.
/// </summary>
internal sealed class ShippedCalendar(CalendarStore store, ILogger<ShippedCalendar> logger)
{
    private const string Prefix = "ConsumerProtection.Shared.Time.Schedules.";

    /// <summary>Every embedded schedule, validated by the import rules (a broken file fails the build's tests, not a start).</summary>
    public static IReadOnlyList<CalendarSchedule> Load()
    {
        var assembly = typeof(ShippedCalendar).Assembly;
        var schedules = new List<CalendarSchedule>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var v = new Validation();
            schedules.Add(CalendarFile.Parse(reader.ReadToEnd(), v)
                ?? throw new InvalidOperationException($"Shipped calendar {name} is invalid: {v.Describe()}"));
        }

        return schedules;
    }

    /// <summary>Applies the shipped years the office has not set; returns the years applied.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken ct)
    {
        var applied = new List<int>();
        foreach (var schedule in Load())
        {
            if (await store.ApplyShippedAsync(schedule, ct))
            {
                applied.Add(schedule.Year);
            }
        }

        if (applied.Count > 0)
        {
            logger.LogInformation("Shipped holiday schedules applied for {Years}", string.Join(", ", applied));
        }

        // Once all years are in, so a year applied later in this loop never raises a passing alert.
        await store.CheckAlertsAsync(ct);

        return applied;
    }
}
