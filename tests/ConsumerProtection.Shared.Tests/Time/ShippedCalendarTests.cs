using System.Text.Json;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Shared.Tests.Time;

/// <summary>
/// The embedded State Council schedules, read back from their raw JSON (not through the importer's own rules), checked
/// against facts a reader of the notices can verify: each make-up working day is a Saturday or Sunday, and each block
/// gives exactly its statutory days off once the weekend days it swallows and the make-up days are netted out
/// (全国年节及纪念日放假办法: from 2025 Spring Festival 4 days and Labour Day 2; before, 3 and 1).
/// </summary>
public sealed class ShippedCalendarTests
{
    private static readonly Dictionary<(int Year, string Name), int> StatutoryDays = new()
    {
        [(2023, "元旦")] = 1, [(2023, "春节")] = 3, [(2023, "清明节")] = 1, [(2023, "劳动节")] = 1, [(2023, "端午节")] = 1, [(2023, "中秋节、国庆节")] = 4,
        [(2024, "元旦")] = 1, [(2024, "春节")] = 3, [(2024, "清明节")] = 1, [(2024, "劳动节")] = 1, [(2024, "端午节")] = 1, [(2024, "中秋节")] = 1, [(2024, "国庆节")] = 3,
        [(2025, "元旦")] = 1, [(2025, "春节")] = 4, [(2025, "清明节")] = 1, [(2025, "劳动节")] = 2, [(2025, "端午节")] = 1, [(2025, "国庆节、中秋节")] = 4,
        [(2026, "元旦")] = 1, [(2026, "春节")] = 4, [(2026, "清明节")] = 1, [(2026, "劳动节")] = 2, [(2026, "端午节")] = 1, [(2026, "中秋节")] = 1, [(2026, "国庆节")] = 3,
    };

    private static IEnumerable<(int Year, JsonElement Root)> RawFiles()
    {
        var assembly = typeof(CalendarRules).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Time.Schedules.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var root = JsonDocument.Parse(stream).RootElement.Clone();
            yield return (root.GetProperty("year").GetInt32(), root);
        }
    }

    [Test]
    public void Shipped_Years_Are2023To2026_WithTheirNotices_And2027IsNotInvented()
    {
        var files = RawFiles().ToDictionary(f => f.Year, f => f.Root);
        Assert.That(files.Keys, Is.EqualTo(new[] { 2023, 2024, 2025, 2026 }));
        var notices = new Dictionary<int, string> { [2023] = "2022-12-08", [2024] = "2023-10-25", [2025] = "2024-11-12", [2026] = "2025-11-04" };
        Assert.Multiple(() =>
        {
            foreach (var (year, root) in files)
            {
                Assert.That(root.GetProperty("source").GetString(), Is.EqualTo($"国务院办公厅关于{year}年部分节假日安排的通知"));
                Assert.That(root.GetProperty("noticeDate").GetString(), Is.EqualTo(notices[year]));
                Assert.That(root.GetProperty("note").GetString(), Does.StartWith("Transcribed by hand from the State Council"));
            }
        });
        Assert.That(ShippedCalendar.Load().Select(s => s.Year), Is.EqualTo(new[] { 2023, 2024, 2025, 2026 }), "every file passes the import rules");
    }

    [Test]
    public void Shipped_EveryBlock_GivesItsStatutoryDays_AndMakeUpDaysAreWeekends()
    {
        var seen = new List<(int, string)>();
        Assert.Multiple(() =>
        {
            foreach (var (year, root) in RawFiles())
            {
                foreach (var block in root.GetProperty("holidays").EnumerateArray())
                {
                    var name = block.GetProperty("name").GetString()!;
                    var from = DateOnly.Parse(block.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    var to = DateOnly.Parse(block.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    var workdays = block.GetProperty("workdays").EnumerateArray()
                        .Select(w => DateOnly.Parse(w.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                    var weekdaysOff = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).Count(d => !Weekend(d));
                    Assert.That(from.Year == year && to.Year == year && from <= to, Is.True, $"{year} {name}: dates in the year, in order");
                    Assert.That(workdays.Where(w => !Weekend(w)), Is.Empty, $"{year} {name}: make-up days must be Saturdays or Sundays");
                    Assert.That(weekdaysOff - workdays.Count, Is.EqualTo(StatutoryDays[(year, name)]), $"{year} {name}: net days off");
                    seen.Add((year, name));
                }
            }
        });
        Assert.That(seen, Is.EquivalentTo(StatutoryDays.Keys), "every holiday of every notice is shipped");
    }

    [Test]
    public void Shipped_2023_NewYear_StartsOnJanuary1_TheDecember31DayBelongsTo2022()
    {
        var days = ShippedCalendar.Load().Single(s => s.Year == 2023).Days;
        Assert.That(days.Any(d => d.Date.Year != 2023), Is.False);
        Assert.That(days.Where(d => d.Name == "元旦").Select(d => d.Date), Is.EqualTo(new[] { new DateOnly(2023, 1, 2) }), "Jan 1 is a Sunday");
    }

    private static bool Weekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
