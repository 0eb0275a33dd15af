using System.Globalization;
using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

/// <summary>
/// Makes one realistic complaint at a time: intake fields here, its lifecycle up to "now" in the Lifecycle part.
/// Consumers are synthetic and look it: names end in （模拟）, phones use the unassigned +86 100 prefix, ID numbers
/// the non-existent region 000000, emails the reserved .invalid domain.
/// </summary>
internal sealed partial class SeedGenerator(
    SeedCatalog catalog, CalendarRules rules, DeadlinePolicy policy, int dueSoonWorkingDays, DateTimeOffset now, int seed, string runTag,
    double perDay)
{
    private const double RepeatShare = 0.03;
    private readonly Random _rng = new(seed);
    private readonly ComplaintRow?[] _recent = new ComplaintRow?[4096];
    // Every stride-th complaint is remembered, so the memory spans about three weeks and repeats come days later.
    private readonly int _stride = Math.Max(1, (int)(perDay * 21 / 4096));
    private long _made;
    private long _remembered;

    /// <summary>A complaint received at <paramref name="receivedAt"/> (UTC), as it stands now. Reference is set on insert.</summary>
    public ComplaintRow Next(DateTimeOffset receivedAt)
    {
        var row = Intake(receivedAt);
        Lifecycle(row);
        if (_made++ % _stride == 0)
        {
            // A copy: the row itself is sealed before it is written, and a repeat needs the plaintext identifiers.
            _recent[_remembered++ % _recent.Length] = row.Copy();
        }

        return row;
    }

    private ComplaintRow Intake(DateTimeOffset receivedAt)
    {
        var channel = catalog.Intake.Pick(_rng);
        var created = Min(receivedAt + channel switch
        {
            IntakeChannel.Letter => Hours(20, 72),
            IntakeChannel.Email or IntakeChannel.WebApp or IntakeChannel.RegulatorTransfer => Hours(0.5, 18),
            _ => Hours(0.02, 0.3),
        }, now);
        var branch = catalog.Branches.Pick(_rng);
        var counter = channel is IntakeChannel.Counter or IntakeChannel.Letter;
        var row = new ComplaintRow
        {
            Id = Guid.CreateVersion7(created),
            Status = nameof(ComplaintStatus.Received),
            ReceivedAt = receivedAt,
            ReceivedDate = rules.LocalDate(receivedAt),
            CreatedAt = created,
            IntakeChannel = channel.ToString(),
            BranchId = branch.Id,
            FirstResponderId = counter ? $"seed:teller-{branch.Id}-{_rng.Next(1, 7)}" : $"seed:hotline-{_rng.Next(1, 41):D2}",
            FirstResponderName = counter ? $"{branch.CityName}柜员{_rng.Next(1, 7)}" : $"客服坐席{_rng.Next(1, 41):D2}",
            BusinessChannel = catalog.BusinessChannels.Pick(_rng),
            Currency = "CNY",
            RegulatorCaseId = channel == IntakeChannel.RegulatorTransfer ? string.Create(CultureInfo.InvariantCulture, $"SEED-{runTag}-{_made:D8}") : null,
        };
        Deadlines.Stamp(row, policy, rules);
        if (_rng.NextDouble() < RepeatShare && Earlier(receivedAt) is { } earlier)
        {
            // Same consumer, same product, within the repeat window: linked, as intake would.
            (row.ConsumerName, row.ConsumerPhone, row.ConsumerEmail, row.ConsumerIdType, row.ConsumerIdNumber) =
                (earlier.ConsumerName, earlier.ConsumerPhone, earlier.ConsumerEmail, earlier.ConsumerIdType, earlier.ConsumerIdNumber);
            (row.ProductCode, row.ProductName, row.BusinessType, row.RepeatOfId) = (earlier.ProductCode, earlier.ProductName, earlier.BusinessType, earlier.Id);
        }
        else
        {
            Consumer(row);
            var product = catalog.Products.Pick(_rng);
            (row.ProductCode, row.ProductName, row.BusinessType) = (product.Code, product.Name, product.BusinessType);
        }

        row.Reason = catalog.Reasons[row.BusinessType].Pick(_rng);
        row.Description = SeedTexts.Description(row.Reason, branch.CityName, row.ProductName);
        row.AmountMinor = _rng.NextDouble() < 0.55 ? (long)Math.Min(Math.Exp(6.5 + 1.5 * Normal()) * 100, 500_000_000) : null;
        row.VulnerableElderly = _rng.NextDouble() < 0.06;
        row.VulnerableDisability = _rng.NextDouble() < 0.01;
        row.VulnerableOther = _rng.NextDouble() < 0.015;
        row.VulnerableNote = (row.VulnerableElderly || row.VulnerableDisability || row.VulnerableOther) && _rng.NextDouble() < 0.5
            ? SeedTexts.Of(SeedTexts.VulnerableNotes, _rng) : null;
        row.Recordings = channel is IntakeChannel.Counter or IntakeChannel.PhoneHotline && _rng.NextDouble() < 0.7
            ? JsonSerializer.Serialize(new[] { string.Create(CultureInfo.InvariantCulture, $"rec://{(counter ? branch.Id : "hotline")}/{row.ReceivedDate:yyyyMMdd}/{_made:D8}") })
            : null;
        row.StaffComplainedAbout = row.Reason == "C01" && _rng.NextDouble() < 0.2 ? $"seed:staff-{branch.Id}-{_rng.Next(1, 30)}" : null;
        return row;
    }

    private void Consumer(ComplaintRow row)
    {
        var n = _rng.Next(1, 100_000_000);
        row.ConsumerName = SeedCatalog.Surnames[_rng.Next(SeedCatalog.Surnames.Length)] + SeedCatalog.GivenNames[_rng.Next(SeedCatalog.GivenNames.Length)] + "（模拟）";
        row.ConsumerPhone = string.Create(CultureInfo.InvariantCulture, $"+86100{n:D8}");
        row.ConsumerEmail = _rng.NextDouble() < 0.3 ? string.Create(CultureInfo.InvariantCulture, $"consumer{n}@example.invalid") : null;
        if (_rng.NextDouble() < 0.45)
        {
            var birth = new DateOnly(1940, 1, 1).AddDays(_rng.Next(0, 365 * 65));
            row.ConsumerIdType = "ResidentId";
            row.ConsumerIdNumber = string.Create(CultureInfo.InvariantCulture, $"000000{birth:yyyyMMdd}{n % 10000:D4}");
        }
    }

    private ComplaintRow? Earlier(DateTimeOffset receivedAt)
    {
        for (var attempt = 0; attempt < 4 && _remembered > 0; attempt++)
        {
            var candidate = _recent[_rng.Next((int)Math.Min(_remembered, _recent.Length))];
            if (candidate is not null && candidate.ReceivedAt <= receivedAt && candidate.ReceivedAt >= receivedAt.AddDays(-30))
            {
                return candidate;
            }
        }

        return null;
    }

    private TimeSpan Hours(double min, double max) => TimeSpan.FromHours(min + _rng.NextDouble() * (max - min));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // Box-Muller: amounts in dispute are roughly log-normal.
    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());
}
