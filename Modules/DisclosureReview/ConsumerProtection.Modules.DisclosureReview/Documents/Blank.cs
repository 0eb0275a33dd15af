using System.Globalization;

namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>
/// Text with nothing to review (plan 6 arts. 20–22: a review needs content): only white space, zero-width and other
/// format characters (U+200B, U+200D, U+FEFF…) or controls. <see cref="string.IsNullOrWhiteSpace(string?)"/> alone lets
/// zero-width characters through, so a "document" of invisible characters would be stored and pass every check.
/// </summary>
internal static class Blank
{
    public static bool IsBlank(string? text)
    {
        foreach (var c in text ?? "")
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }
}
