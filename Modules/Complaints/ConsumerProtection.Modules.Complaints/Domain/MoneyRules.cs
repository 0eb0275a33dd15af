namespace ConsumerProtection.Modules.Complaints.Domain;

internal static class MoneyRules
{
    public const decimal Max = 1_000_000_000_000m;

    /// <summary>Non-negative, at most two decimal places, below a trillion; the minor-unit value or null when invalid.</summary>
    public static long? ToMinor(decimal amount) =>
        amount < 0 || amount >= Max || decimal.Round(amount, 2) != amount ? null : (long)(amount * 100);

    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
