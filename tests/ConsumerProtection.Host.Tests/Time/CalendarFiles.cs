namespace ConsumerProtection.Host.Tests.Time;

/// <summary>Import files for tests. The 2027 one is made up for the tests: no 2027 notice is shipped or assumed.</summary>
internal static class CalendarFiles
{
    public const string Test2027 = """
        {
          "format": "cp-calendar/1",
          "year": 2027,
          "source": "test schedule (not a State Council notice)",
          "noticeDate": "2026-11-10",
          "holidays": [
            { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03", "workdays": [] }
          ]
        }
        """;

    // The shipped 2026 National Day block alone: re-importing it must keep a local day in place.
    public const string NationalDay2026 = """
        {
          "format": "cp-calendar/1",
          "year": 2026,
          "source": "国务院办公厅关于2026年部分节假日安排的通知",
          "noticeDate": "2025-11-04",
          "holidays": [
            { "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07", "workdays": ["2026-09-20", "2026-10-10"] }
          ]
        }
        """;
}
