using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>One access event as the rules read it.</summary>
internal sealed class ScannedEvent
{
    public long Seq { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? StaffId { get; set; }
    public string? StaffRole { get; set; }
    public string SourceSystem { get; set; } = "";
    public string? CustomerRef { get; set; }
    public string Categories { get; set; } = "";
    public int MaxTier { get; set; }
    public string Purpose { get; set; } = "";
    public string? ConsentRef { get; set; }
    public string? AuthorizationRef { get; set; }
    public string Outcome { get; set; } = "";
}

/// <summary>The figures an alert carries; references and rule settings only, never personal data.</summary>
internal sealed class FindingDetails
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int? Threshold { get; set; }
    public int? WindowMinutes { get; set; }
    public int? MaxDistinctCustomers { get; set; }
    public string? LocalHour { get; set; }
    public string? LocalDate { get; set; }
    public string? WorkingHours { get; set; }
    public bool? NonWorkingDay { get; set; }
    public string? StaffRole { get; set; }
    public bool? SystemAllowed { get; set; }
    public bool? RoleAllowed { get; set; }
    public SortedSet<string>? Categories { get; set; }
    public string? Flag { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FindingDetails FromJson(string json) => JsonSerializer.Deserialize<FindingDetails>(json, Json) ?? new FindingDetails();

    /// <summary>Folds later hits into these figures.</summary>
    public void Merge(FindingDetails other)
    {
        if (other.MaxDistinctCustomers is { } n && n > (MaxDistinctCustomers ?? 0))
        {
            MaxDistinctCustomers = n;
        }

        if (other.NonWorkingDay == true)
        {
            NonWorkingDay = true;
        }

        if (other.Categories is { } cats)
        {
            (Categories ??= new SortedSet<string>(StringComparer.Ordinal)).UnionWith(cats);
        }
    }
}

/// <summary>The hits of one rule in one group (e.g. one staff member on one bank day), merged into one alert.</summary>
internal sealed class Finding(MisuseRule rule, string groupKey, string? staffId, string? customerRef, string? sourceSystem, FindingDetails details)
{
    public MisuseRule Rule { get; } = rule;
    public string GroupKey { get; } = groupKey;
    public string? StaffId { get; } = staffId;
    public string? CustomerRef { get; } = customerRef;
    public string? SourceSystem { get; } = sourceSystem;
    public FindingDetails Details { get; } = details;
    public long FirstSeq { get; private set; } = long.MaxValue;
    public long LastSeq { get; private set; }
    public int EventCount { get; private set; }
    public DateTimeOffset WindowStart { get; private set; } = DateTimeOffset.MaxValue;
    public DateTimeOffset WindowEnd { get; private set; } = DateTimeOffset.MinValue;

    public void Add(ScannedEvent e, DateTimeOffset windowStart, DateTimeOffset windowEnd, FindingDetails? details)
    {
        FirstSeq = Math.Min(FirstSeq, e.Seq);
        LastSeq = Math.Max(LastSeq, e.Seq);
        EventCount++;
        WindowStart = windowStart < WindowStart ? windowStart : WindowStart;
        WindowEnd = windowEnd > WindowEnd ? windowEnd : WindowEnd;
        if (details is not null)
        {
            Details.Merge(details);
        }
    }

    /// <summary>A fixed-length key for the group: SHA-256 over the parts, so long or odd references never break it.</summary>
    public static string KeyOf(params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? ""));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
