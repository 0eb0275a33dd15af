namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// Whether a banned phrase found in the normalised text is really claimed. Not a claim: a negated phrase (非保本,
/// 不保本, 不承诺保本, 并非无风险, "not guaranteed", "no guarantee of returns") and a phrase named in a prohibition
/// (不得宣传保本, 严禁使用“无风险”字样, "must not describe it as risk-free") — art. 27(4) bars the claim, not the
/// warning against it. Looks only inside the phrase's own clause.
/// </summary>
internal static class ClaimContext
{
    // Directly before the phrase: 不保本, 非保本, 无 + phrase.
    private const string AdjacentNegators = "非不无未没勿莫";

    // Within a few characters before the phrase: 不承诺保本, 并非无风险, 不保证本金安全, 不构成对收益的承诺.
    private static readonly string[] NearNegators =
    [
        "不保证", "不承诺", "不代表", "不构成", "不等于", "不意味", "并非", "并不", "不是", "不能", "不会", "不属于", "不受", "不在", "不纳入",
        "不提供", "无法", "不作", "不予", "没有", "不含", "不涉及", "不存在",
    ];

    private static readonly string[] Prohibitions = ["不得", "禁止", "严禁", "不应", "切勿", "不允许", "不可", "请勿", "避免"];

    private static readonly string[] SpeechVerbs =
        ["宣传", "使用", "承诺", "宣称", "表述", "暗示", "出现", "提及", "夸大", "误导", "含有", "包含", "用语", "字样", "描述", "标榜", "称"];

    private static readonly HashSet<string> EnglishNegators = new(StringComparer.Ordinal)
    {
        "not", "no", "non", "never", "without", "nor", "neither", "cannot", "cant", "isnt", "arent", "doesnt", "dont", "wont", "nothing", "none",
    };

    private static readonly string[] EnglishProhibitions =
        ["must not", "may not", "shall not", "should not", "do not use", "never use", "prohibited", "not permitted", "not allowed", "avoid", "forbidden", "banned"];

    private static readonly string[] EnglishSpeechVerbs =
        ["use", "say", "claim", "describe", "state", "promise", "imply", "call", "advertise", "suggest", "word", "term", "expression", "label", "present"];

    private const int NearWindow = 8;

    public static bool IsClaim(string text, int start, int end, string original, int originalStart)
    {
        var clauseStart = start;
        while (clauseStart > 0 && !TextNormalizer.IsClauseBoundary(text[clauseStart - 1]))
        {
            clauseStart--;
        }

        var sentenceStart = clauseStart;
        while (sentenceStart > 0 && !TextNormalizer.IsSentenceBoundary(text[sentenceStart - 1]))
        {
            sentenceStart--;
        }

        // Negation binds within the clause (不保本，稳赚 negates only 保本); a prohibition covers its whole sentence
        // (不得宣传保本、保息或刚性兑付).
        return !Negated(text, start, text[clauseStart..start]) && !Prohibited(text[sentenceStart..start], original, originalStart);
    }

    private static bool Negated(string text, int start, string before)
    {
        if (before.Length > 0 && AdjacentNegators.Contains(before[^1], StringComparison.Ordinal) && !TextNormalizer.IsLatinWord(text[start]))
        {
            return true;
        }

        var near = before.Length > NearWindow ? before[^NearWindow..] : before;
        if (NearNegators.Any(n => near.Contains(n, StringComparison.Ordinal)))
        {
            return true;
        }

        // English: one of the last three words negates ("is not guaranteed", "no guarantee of", "without any risk-free").
        var words = before.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.TakeLast(3).Any(w => EnglishNegators.Contains(TrimToLatin(w)));
    }

    private static bool Prohibited(string before, string original, int originalStart)
    {
        foreach (var p in Prohibitions)
        {
            var at = before.IndexOf(p, StringComparison.Ordinal);
            if (at >= 0 && (Quoted(original, originalStart) || SpeechVerbs.Any(v => Within(before, at + p.Length, 8, v))))
            {
                return true;
            }
        }

        foreach (var p in EnglishProhibitions)
        {
            var at = before.IndexOf(p, StringComparison.Ordinal);
            if (at >= 0 && (Quoted(original, originalStart) || EnglishSpeechVerbs.Any(v => Within(before, at + p.Length, 40, v))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Within(string s, int from, int length, string what)
    {
        if (from >= s.Length)
        {
            return false;
        }

        var span = s.AsSpan(from, Math.Min(length, s.Length - from));
        return span.Contains(what, StringComparison.Ordinal);
    }

    // The phrase follows an opening quote in the original text: “保本”, 「无风险」, "guaranteed".
    private static bool Quoted(string original, int originalStart)
    {
        for (var i = originalStart - 1; i >= 0 && originalStart - i <= 3; i--)
        {
            var c = original[i];
            if (c is '“' or '「' or '『' or '"' or '\'' or '‘' or '《' or '〈')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return false;
    }

    private static string TrimToLatin(string w)
    {
        var end = w.Length;
        while (end > 0 && !TextNormalizer.IsLatinWord(w[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && TextNormalizer.IsLatinWord(w[start - 1]))
        {
            start--;
        }

        return w[start..end];
    }
}
