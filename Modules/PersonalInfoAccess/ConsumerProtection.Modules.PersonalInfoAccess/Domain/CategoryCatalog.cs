using System.Collections.Frozen;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

/// <summary>
/// The data categories an event may name, each with its minimum JR/T 0171-2020 tier (PBOC JR/T 0171-2020): C3
/// authentication data, C2 data identifying a person or their accounts, C1 other internal information. An event may
/// declare a higher tier than the catalogue (more cautious), never a lower one. Extended by <c>PiAccess:Categories</c>.
/// </summary>
internal sealed class CategoryCatalog
{
    private static readonly (string Name, DataTier Tier)[] Shipped =
    [
        // C3: authentication data.
        ("password", DataTier.C3), ("payment-pin", DataTier.C3), ("one-time-code", DataTier.C3), ("biometric", DataTier.C3),
        ("card-cvv", DataTier.C3), ("security-question", DataTier.C3), ("private-key", DataTier.C3),
        // C2: identifies a person or their accounts and what is in them.
        ("name", DataTier.C2), ("id-number", DataTier.C2), ("phone", DataTier.C2), ("email", DataTier.C2), ("address", DataTier.C2),
        ("account-number", DataTier.C2), ("card-number", DataTier.C2), ("balance", DataTier.C2), ("transactions", DataTier.C2),
        ("credit-report", DataTier.C2), ("loan", DataTier.C2), ("income", DataTier.C2), ("assets", DataTier.C2),
        ("insurance", DataTier.C2), ("investment", DataTier.C2), ("device-id", DataTier.C2), ("location", DataTier.C2),
        ("image", DataTier.C2), ("consumer-name", DataTier.C2), ("consumer-contact", DataTier.C2), ("consumer-id-number", DataTier.C2),
        // C1: other internal information about the customer.
        ("customer-segment", DataTier.C1), ("risk-rating", DataTier.C1), ("service-history", DataTier.C1),
        ("marketing-preferences", DataTier.C1), ("account-status", DataTier.C1),
    ];

    private readonly FrozenDictionary<string, DataTier> _tiers;

    public CategoryCatalog(IOptions<PersonalInfoAccessOptions> options)
    {
        var all = Shipped.ToDictionary(c => c.Name, c => c.Tier, StringComparer.Ordinal);
        foreach (var (name, tier) in options.Value.Categories)
        {
            all[name] = Shared.Http.StrictEnum.TryParse<DataTier>(tier, out var parsed) ? parsed : throw new InvalidOperationException($"PiAccess:Categories:{name}: {Shared.Http.StrictEnum.Allowed(typeof(DataTier))}");
        }

        _tiers = all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every known category and its minimum tier.</summary>
    public IReadOnlyDictionary<string, DataTier> All => _tiers;

    /// <summary>The minimum tier of <paramref name="name"/>, or null when the category is unknown.</summary>
    public DataTier? MinimumTier(string name) => _tiers.TryGetValue(name, out var t) ? t : null;

    /// <summary>Lower-case letters, digits and hyphens, 1-50 characters.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 50 && name.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
