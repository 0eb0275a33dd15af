using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

/// <summary>One event as sent over HTTP. Enumerations are text so that every bad value is reported by field, not just the first.</summary>
internal sealed record EventRequest(
    Guid? EventId, DateTimeOffset? OccurredAt, string? StaffId, string? StaffRole, string? StaffBranch, string? StaffDepartment,
    string? SourceSystem, string? CustomerReference, IReadOnlyList<CategoryRequest?>? Categories, string? Action, string? Purpose,
    string? PurposeText, string? LegalBasis, string? BusinessReference, string? ConsentReference, string? AuthorizationReference,
    string? Channel, string? Outcome)
{
    /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
    internal const string Example = """
        {
          "eventId": "0195a3f2-7c1e-7b8a-9d4e-2f6a1b3c5d7e",
          "occurredAt": "2026-03-05T10:31:00+08:00",
          "staffId": "E10023",
          "staffRole": "Teller",
          "staffBranch": "SH001",
          "sourceSystem": "core-banking",
          "customerReference": "CUST-000123",
          "categories": [ { "name": "phone", "tier": "C2" }, { "name": "balance", "tier": "C2" } ],
          "action": "View",
          "purpose": "AccountServicing",
          "legalBasis": "Contract",
          "businessReference": "TXN-20260305-0001",
          "channel": "counter",
          "outcome": "Succeeded"
        }
        """;
}

/// <summary>A data category and the tier the sender gives it.</summary>
internal sealed record CategoryRequest(string? Name, string? Tier);

/// <summary>Turns requests (or in-process contract events) into validated <see cref="AccessEvent"/>s, naming every bad field.</summary>
internal sealed class EventValidation(CategoryCatalog catalog, TimeProvider time, Microsoft.Extensions.Options.IOptions<PersonalInfoAccessOptions> options)
{
    private const int MaxCategories = 50;

    /// <summary>Validates <paramref name="r"/>; errors go under <paramref name="prefix"/> (e.g. <c>events[3].</c>).</summary>
    public AccessEvent? Validate(EventRequest? r, string prefix, Validation v)
    {
        if (r is null)
        {
            v.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), "is required.");
            return null;
        }

        var before = v.ErrorCount;
        var now = time.GetUtcNow();
        var o = options.Value;
        v.Check(r.EventId is { } id && id != Guid.Empty, prefix + "eventId", "is required (a UUID chosen by the sender).");
        if (r.OccurredAt is not { } at)
        {
            v.Add(prefix + "occurredAt", "is required.");
        }
        else
        {
            v.Check(at <= now + o.FutureSkew, prefix + "occurredAt", $"is in the future beyond the allowed clock skew of {o.FutureSkew.TotalMinutes:0} minutes.");
            v.Check(at >= now - o.MaxAge, prefix + "occurredAt", $"is more than {o.MaxAge.TotalDays:0} days in the past.");
        }

        Code(v, prefix + "staffId", r.StaffId, 200, required: true);
        Code(v, prefix + "staffRole", r.StaffRole, 200, required: false);
        Code(v, prefix + "staffBranch", r.StaffBranch, 50, required: false);
        Code(v, prefix + "staffDepartment", r.StaffDepartment, 50, required: false);
        Code(v, prefix + "sourceSystem", r.SourceSystem, 100, required: true);
        Code(v, prefix + "customerReference", r.CustomerReference, 100, required: true);
        var categories = Categories(r.Categories, prefix, v);
        var action = Enum<AccessAction>(v, prefix + "action", r.Action);
        var purpose = Enum<AccessPurpose>(v, prefix + "purpose", r.Purpose);
        v.Text(prefix + "purposeText", r.PurposeText, 500, required: purpose == AccessPurpose.Other);
        var basis = Enum<LegalBasis>(v, prefix + "legalBasis", r.LegalBasis);
        Code(v, prefix + "businessReference", r.BusinessReference, 200, required: false);
        Code(v, prefix + "consentReference", r.ConsentReference, 200, required: false);
        Code(v, prefix + "authorizationReference", r.AuthorizationReference, 200, required: false);
        Code(v, prefix + "channel", r.Channel, 50, required: false);
        var outcome = r.Outcome is null ? AccessOutcome.Succeeded : Enum<AccessOutcome>(v, prefix + "outcome", r.Outcome);
        if (v.ErrorCount != before)
        {
            return null;
        }

        return new AccessEvent
        {
            EventId = r.EventId!.Value,
            OccurredAt = r.OccurredAt!.Value.ToUniversalTime(),
            StaffId = r.StaffId!.Trim(),
            StaffRole = Blank(r.StaffRole),
            StaffBranch = Blank(r.StaffBranch),
            StaffDepartment = Blank(r.StaffDepartment),
            SourceSystem = r.SourceSystem!.Trim(),
            CustomerRef = r.CustomerReference!.Trim(),
            Categories = categories!,
            Action = action!.Value,
            Purpose = purpose!.Value,
            PurposeText = Blank(r.PurposeText),
            LegalBasis = basis!.Value,
            BusinessRef = Blank(r.BusinessReference),
            ConsentRef = Blank(r.ConsentReference),
            AuthorizationRef = Blank(r.AuthorizationReference),
            Channel = Blank(r.Channel),
            Outcome = outcome!.Value,
        };
    }

    /// <summary>The in-process form: the same rules, by mapping the contract record onto a request.</summary>
    public AccessEvent Validate(Contracts.PersonalInfoAccess access)
    {
        var v = new Validation();
        var e = Validate(new EventRequest(
            access.EventId, access.OccurredAt, access.StaffId, access.StaffRole, access.StaffBranch, access.StaffDepartment, access.SourceSystem,
            access.CustomerReference, access.Categories.Select(c => new CategoryRequest(c.Category, c.Tier.ToString())).ToList(),
            access.Action.ToString(), access.Purpose.ToString(), access.PurposeText, access.LegalBasis.ToString(), access.BusinessReference,
            access.ConsentReference, access.AuthorizationReference, access.Channel, access.Outcome.ToString()), "", v);
        return e ?? throw new ArgumentException("The access event is invalid: " + v.Describe(), nameof(access));
    }

    private List<DataCategory>? Categories(IReadOnlyList<CategoryRequest?>? list, string prefix, Validation v)
    {
        if (list is null || list.Count == 0)
        {
            v.Add(prefix + "categories", "at least one data category is required.");
            return null;
        }

        if (list.Count > MaxCategories)
        {
            v.Add(prefix + "categories", $"at most {MaxCategories} categories.");
            return null;
        }

        var result = new Dictionary<string, DataCategory>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"{prefix}categories[{i}]";
            if (list[i] is not { } c)
            {
                v.Add(field, "is required.");
                continue;
            }

            var tier = Enum<DataTier>(v, field + ".tier", c.Tier);
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                v.Add(field + ".name", "is required.");
                continue;
            }

            if (catalog.MinimumTier(c.Name) is not { } minimum)
            {
                v.Add(field + ".name", $"'{Shorten(c.Name)}' is not a known data category; see GET /api/v1/pi-access/categories.");
                continue;
            }

            if (tier is not { } t)
            {
                continue;
            }

            if (t < minimum)
            {
                v.Add(field + ".tier", $"'{c.Name}' is at least {minimum} under JR/T 0171-2020.");
            }
            else if (result.TryGetValue(c.Name, out var seen) && seen.Tier != t)
            {
                v.Add(field + ".tier", $"'{c.Name}' is listed twice with different tiers.");
            }
            else
            {
                result[c.Name] = new DataCategory(c.Name, t);
            }
        }

        return result.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static T? Enum<T>(Validation v, string field, string? value) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, "is required.");
            return null;
        }

        // Exact names only (no numbers, no case folding): the stored text is hashed as sent.
        foreach (var name in System.Enum.GetNames<T>())
        {
            if (string.Equals(name, value, StringComparison.Ordinal))
            {
                return System.Enum.Parse<T>(name);
            }
        }

        v.Add(field, $"'{Shorten(value)}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }

    private static void Code(Validation v, string field, string? value, int max, bool required)
    {
        v.Text(field, value, max, required);
        if (value is not null && value.Any(char.IsControl))
        {
            v.Add(field, "must not contain control characters.");
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
