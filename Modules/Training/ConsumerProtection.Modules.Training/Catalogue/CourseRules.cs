using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.Training.Catalogue;

/// <summary>A course as the API takes it.</summary>
internal sealed record CourseRequest(
    string? Code, string? TitleZh, string? TitleEn, Topic? Topic, decimal? Hours, CourseMode? Mode, List<RoleCategory>? MandatoryFor, int? PassMark);

/// <summary>A course as shown.</summary>
internal sealed record CourseView(
    string Code, string TitleZh, string? TitleEn, Topic Topic, decimal Hours, CourseMode Mode, IReadOnlyList<RoleCategory> MandatoryFor, int? PassMark,
    long Version);

internal sealed class CourseRow
{
    public const string Columns = """
        code AS Code, title_zh AS TitleZh, title_en AS TitleEn, topic AS Topic, minutes AS Minutes, mode AS Mode,
        mandatory_for AS MandatoryFor, pass_mark AS PassMark, version AS Version
        """;

    public const string SelectByCode = $"SELECT {Columns} FROM [training].[course] WHERE code = @Code";

    public string Code { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string? TitleEn { get; set; }
    public string Topic { get; set; } = "";
    public int Minutes { get; set; }
    public string Mode { get; set; } = "";
    public string MandatoryFor { get; set; } = "";
    public int? PassMark { get; set; }
    public long Version { get; set; }

    public Topic TopicValue => StrictEnum.FromStored<Topic>(Topic, "topic");

    public CourseView View() => new(Code, TitleZh, TitleEn, TopicValue, Minutes / 60m, StrictEnum.FromStored<CourseMode>(Mode, "mode"),
        Infrastructure.TrainingStore.Categories(MandatoryFor), PassMark, Version);

    public object Snapshot() => new { Code, Topic, Minutes, Mode, MandatoryFor, PassMark, Version };
}

internal static class CourseRules
{
    /// <summary>Hours as whole minutes, 0–1000 hours; null (with an error) otherwise. Negative hours are refused.</summary>
    public static int? Minutes(decimal? hours, string field, Validation v, bool required = true)
    {
        if (hours is null)
        {
            if (required)
            {
                v.Add(field, "is required.");
            }

            return null;
        }

        var minutes = hours.Value * 60;
        if (hours < 0 || hours > 1000 || minutes != decimal.Truncate(minutes))
        {
            v.Add(field, "must be between 0 and 1000 hours, in whole minutes (e.g. 1.5).");
            return null;
        }

        return (int)minutes;
    }

    public static CourseRow? FromRequest(string code, CourseRequest r, Validation v)
    {
        v.Check(StaffRules.IsCode(code), "code", "must be 1 to 50 letters, digits, '-' or '_'.");
        v.Text("titleZh", r.TitleZh, 200);
        v.Text("titleEn", r.TitleEn, 200, required: false);
        v.Required("topic", r.Topic);
        var minutes = Minutes(r.Hours, "hours", v);
        v.Required("mode", r.Mode);
        v.Check(r.MandatoryFor is null || r.MandatoryFor.Distinct().Count() == r.MandatoryFor.Count, "mandatoryFor", "must not repeat a role category.");
        v.Check(r.PassMark is null or >= 0 and <= 100, "passMark", "must be between 0 and 100.");
        if (!v.IsValid)
        {
            return null;
        }

        return new CourseRow
        {
            Code = code, TitleZh = r.TitleZh!.Trim(), TitleEn = StaffRules.Blank(r.TitleEn), Topic = r.Topic!.Value.ToString(), Minutes = minutes!.Value,
            Mode = r.Mode!.Value.ToString(), MandatoryFor = string.Join(',', (r.MandatoryFor ?? []).Order()), PassMark = r.PassMark,
        };
    }
}
