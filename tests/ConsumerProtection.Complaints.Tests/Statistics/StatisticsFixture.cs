namespace ConsumerProtection.Complaints.Tests.Statistics;

/// <summary>One fixture complaint and what happens to it. Times are bank-local (+08:00, Asia/Shanghai).</summary>
internal sealed record FixtureComplaint(
    string Key, DateTimeOffset ReceivedAt, string Branch, string Product, string A, string B, string C, string Intake)
{
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? Upheld { get; init; }
    public decimal? Redress { get; init; }
    public string Currency { get; init; } = "CNY";
    public DateTimeOffset? WithdrawnAt { get; init; }
    public string? IncidentFlag { get; init; }
    public DateTimeOffset? IncidentAcknowledgedAt { get; init; }
    public string? RegulatorCaseId { get; init; }
}

/// <summary>
/// Complaints across December 2025, January 2026 (the month under test) and February 2026: several branches,
/// products, codes and channels; answers on time and late; upheld, partly and not with redress (one in USD);
/// withdrawals; a regulator transfer; incidents acknowledged and not; answers late on the last day of each clock
/// (j4: 5th working day, j6: 15th calendar day); and receipts and withdrawals a few minutes either side of local
/// midnight, whose UTC date is the other month's.
/// </summary>
internal static class StatisticsFixture
{
    public static readonly TimeSpan Local = TimeSpan.FromHours(8);

    public static readonly DateTimeOffset Start = At(2025, 11, 30, 9, 0);

    /// <summary>Where the clock stands after the fixture: February is the current month, March the future.</summary>
    public static readonly DateTimeOffset End = At(2026, 2, 10, 12, 0);

    public static DateTimeOffset At(int y, int m, int d, int h = 10, int min = 0) => new(y, m, d, h, min, 0, Local);

    public static readonly IReadOnlyList<FixtureComplaint> Complaints =
    [
        new("d1", At(2025, 12, 2), "SH001", "CC-GOLD", "A1", "B032", "C11", "Counter")
            { AnsweredAt = At(2025, 12, 3), ClosedAt = At(2025, 12, 5), Upheld = "Yes", Redress = 100.00m },
        new("d2", At(2025, 12, 10), "SH002", "LOAN-HOME", "A31", "B02", "C08", "PhoneHotline")
            { AnsweredAt = At(2025, 12, 29), ClosedAt = At(2026, 1, 6), Upheld = "Partly", Redress = 250.50m },
        new("d3", At(2025, 12, 15), "SH001", "DEP-01", "A2", "B01", "C01", "Letter"),
        new("d4", At(2025, 12, 20), "BJ001", "CC-GOLD", "A33", "B032", "C04", "WebApp") { WithdrawnAt = At(2026, 1, 8) },
        new("d5", At(2025, 12, 31, 23, 30), "SH002", "FUND-A", "A4", "B082", "C06", "Email")
            { AnsweredAt = At(2026, 1, 5), ClosedAt = At(2026, 1, 9), Upheld = "No" },
        new("d6", At(2025, 12, 22), "BJ001", "WM-1", "A1", "B083", "C05", "Counter")
            { AnsweredAt = At(2025, 12, 24), ClosedAt = At(2025, 12, 30), Upheld = "No" },
        new("d7", At(2025, 12, 5), "SH001", "CC-GOLD", "A1", "B032", "C09", "Counter")
            { IncidentFlag = "groupComplaint", WithdrawnAt = At(2025, 12, 18) },
        new("j1", At(2026, 1, 1, 0, 30), "SH001", "CC-GOLD", "A1", "B032", "C11", "Counter")
            { AnsweredAt = At(2026, 1, 5), ClosedAt = At(2026, 1, 7), Upheld = "Yes", Redress = 300.00m },
        new("j2", At(2026, 1, 5, 9, 0), "SH001", "CC-GOLD", "A33", "B032", "C11", "WebApp")
            { AnsweredAt = At(2026, 1, 15), ClosedAt = At(2026, 1, 16), Upheld = "Partly" },
        new("j3", At(2026, 1, 6), "SH002", "LOAN-HOME", "A31", "B02", "C08", "RegulatorTransfer")
            { RegulatorCaseId = "12378-2026-0001", AnsweredAt = At(2026, 1, 8), ClosedAt = At(2026, 1, 12), Upheld = "Yes", Redress = 1000.00m },
        new("j4", At(2026, 1, 7), "BJ001", "DEP-01", "A2", "B01", "C01", "Counter")
            { AnsweredAt = At(2026, 1, 14, 23, 0), ClosedAt = At(2026, 1, 15), Upheld = "No" },
        new("j5", At(2026, 1, 8), "BJ001", "CC-GOLD", "A1", "B032", "C04", "PhoneHotline")
            { IncidentFlag = "groupComplaint", IncidentAcknowledgedAt = At(2026, 1, 9), AnsweredAt = At(2026, 1, 27), ClosedAt = At(2026, 2, 3), Upheld = "Yes", Redress = 20m },
        new("j6", At(2026, 1, 12), "SH002", "FUND-A", "A4", "B082", "C06", "Email")
            { IncidentFlag = "misappropriatedFunds", Currency = "USD", AnsweredAt = At(2026, 1, 27, 23, 0), ClosedAt = At(2026, 1, 28), Upheld = "Yes", Redress = 88.88m },
        new("j7", At(2026, 1, 15), "SH001", "WM-1", "A1", "B083", "C05", "Counter") { WithdrawnAt = At(2026, 1, 20) },
        new("j8", At(2026, 1, 20), "SH003", "CC-GOLD", "A35", "B032", "C11", "Media"),
        new("j9", At(2026, 1, 31, 23, 50), "SH003", "LOAN-HOME", "A5", "B02", "C03", "GovernmentHotline") { WithdrawnAt = At(2026, 2, 1, 0, 30) },
        new("j10", At(2026, 1, 20, 11, 0), "SH001", "DEP-01", "A2", "B01", "C02", "Counter")
            { AnsweredAt = At(2026, 1, 21), ClosedAt = At(2026, 1, 30), Upheld = "Partly", Redress = 50.00m },
        new("j11", At(2026, 1, 21), "SH002", "CC-GOLD", "A1", "B031", "C11", "Counter")
            { AnsweredAt = At(2026, 1, 26), ClosedAt = At(2026, 1, 28), Upheld = "No" },
        new("f1", At(2026, 2, 2), "SH001", "CC-GOLD", "A1", "B032", "C11", "Counter"),
    ];

    public static DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(Local).DateTime);
}
