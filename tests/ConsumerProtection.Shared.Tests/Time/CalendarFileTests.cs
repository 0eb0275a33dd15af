using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Time;

namespace ConsumerProtection.Shared.Tests.Time;

public sealed class CalendarFileTests
{
    private const string Valid = """
        {
          "format": "cp-calendar/1",
          "year": 2027,
          "source": "test schedule (not a State Council notice)",
          "noticeDate": "2026-11-10",
          "holidays": [
            { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03", "workdays": [] },
            { "name": "春节", "from": "2027-02-06", "to": "2027-02-13", "workdays": ["2027-01-31", "2027-02-20"] }
          ]
        }
        """;

    [Test]
    public void Parse_Valid_ListsWeekdayHolidaysAndMakeUpDays()
    {
        var v = new Validation();
        var s = CalendarFile.Parse(Valid, v);
        Assert.That(v.IsValid, Is.True, v.Describe());
        Assert.Multiple(() =>
        {
            Assert.That(s!.Year, Is.EqualTo(2027));
            Assert.That(s.Revision, Is.EqualTo(1));
            // Jan 1 (Fri) only; Feb 8-12 (Mon-Fri); Sat Feb 6, Sun Feb 7 and Sat Feb 13 are weekend days anyway.
            Assert.That(s.Days.Where(d => d.Kind == DayKind.Holiday).Select(d => d.Date.Day), Is.EqualTo(new[] { 1, 8, 9, 10, 11, 12 }));
            Assert.That(s.Days.Where(d => d.Kind == DayKind.Workday).Select(d => d.Date), Is.EqualTo(new[] { new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 20) }));
        });
    }

    [TestCase("\"cp-calendar/1\"", "\"cp-calendar/2\"", "format")]
    [TestCase("\"year\": 2027", "\"year\": \"2027\"", "year")]
    [TestCase("\"year\": 2027", "\"year\": 1999", "year")]
    [TestCase("\"noticeDate\": \"2026-11-10\",", "", "noticeDate")]
    [TestCase("\"source\": \"test schedule (not a State Council notice)\",", "\"source\": \" \",", "source")]
    [TestCase("\"to\": \"2027-01-03\"", "\"to\": \"2026-12-31\"", "holidays[0].to")]
    [TestCase("\"from\": \"2027-01-01\"", "\"from\": \"2026-12-31\"", "holidays[0].from")]
    [TestCase("\"to\": \"2027-01-03\", \"workdays\": [] }", "\"to\": \"2027-01-03\", \"workdays\": [] }, { \"name\": \"x\", \"from\": \"2027-01-03\", \"to\": \"2027-01-04\" }", "holidays[1].from")]
    [TestCase("\"2027-01-31\"", "\"2027-02-01\"", "holidays[1].workdays[0]")]
    [TestCase("\"2027-01-31\"", "\"2027-02-07\"", "holidays[1].workdays[0]")]
    [TestCase("\"2027-01-31\"", "\"2027-02-20\"", "holidays[1].workdays[1]")]
    [TestCase("\"2027-01-31\"", "\"2027-13-01\"", "holidays[1].workdays[0]")]
    [TestCase("\"name\": \"元旦\",", "\"name\": \"元旦\", \"kind\": \"Holiday\",", "holidays[0]")]
    [TestCase("\"from\": \"2027-02-06\", \"to\": \"2027-02-13\"", "\"from\": \"2027-02-06\", \"to\": \"2027-02-07\"", "holidays[1]")]
    public void Parse_BadField_NamesIt_AndReturnsNothing(string find, string replace, string field)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.That(json, Is.Not.EqualTo(Valid), "the test case changes the file");
        var v = new Validation();
        Assert.That(CalendarFile.Parse(json, v), Is.Null);
        Assert.That(v.Describe(), Does.StartWith(field + ":").Or.Contain("; " + field + ":").Or.Contain(field + "."), v.Describe());
    }

    [Test]
    public void Parse_MalformedJson_NamesTheLine()
    {
        var v = new Validation();
        Assert.That(CalendarFile.Parse(Valid.Replace("\"year\": 2027,", "\"year\": 2027,,", StringComparison.Ordinal), v), Is.Null);
        Assert.That(v.Describe(), Does.Contain("line 3"));
    }
}
