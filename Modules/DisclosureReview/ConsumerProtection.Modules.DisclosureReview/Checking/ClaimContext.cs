namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// Whether a banned phrase found in the normalised text is really claimed. Not a claim: a negated phrase (非保本,
/// 不保本, 不承诺保本, 并非无风险, "not guaranteed", "no guarantee of returns") and a phrase named in a prohibition
/// (不得宣传保本, 严禁使用“无风险”字样, "must not describe it as risk-free") — art. 27(4) bars the claim, not the
/// warning against it. Negation binds within the phrase's clause (不保本，稳赚 negates only 保本); a prohibition covers
/// its sentence (不得宣传保本、保息或刚性兑付). The cue words are found once per document with their own automaton.
/// </summary>
internal sealed partial class ClaimContext
{
    private const int NearWindow = 8;
    private const int VerbWindow = 8;
    private const int EnglishVerbWindow = 40;
    private const int EnglishWords = 3;

    private readonly string _text;
    private readonly string _original;
    private readonly int[] _originalStart;
    private readonly int[] _clauseStart;
    private readonly int[] _sentenceStart;
    private readonly List<int>[] _cueEnds;
    private readonly List<int>[] _cueStarts;

    public ClaimContext(NormalizedText norm, string original)
    {
        _text = norm.Text;
        _original = original;
        _originalStart = norm.Start;
        _clauseStart = new int[_text.Length + 1];
        _sentenceStart = new int[_text.Length + 1];
        for (int i = 0, clause = 0, sentence = 0; i <= _text.Length; i++)
        {
            _clauseStart[i] = clause;
            _sentenceStart[i] = sentence;
            if (i < _text.Length && TextNormalizer.IsClauseBoundary(_text[i]))
            {
                clause = i + 1;
                sentence = TextNormalizer.IsSentenceBoundary(_text[i]) ? i + 1 : sentence;
            }
        }

        var roles = Enum.GetValues<Cue>().Length;
        _cueStarts = Enumerable.Range(0, roles).Select(_ => new List<int>()).ToArray();
        _cueEnds = Enumerable.Range(0, roles).Select(_ => new List<int>()).ToArray();
        foreach (var (pattern, start, end) in Cues.Matches(_text))
        {
            var role = CueRoles[pattern];
            if (role is Cue.EnglishNegator && !WholeWord(start, end))
            {
                continue;
            }

            _cueStarts[(int)role].Add(start);
            _cueEnds[(int)role].Add(end);
        }
    }

    public bool IsClaim(int start) => !Negated(start) && !Prohibited(start);

    private bool Negated(int start)
    {
        var clause = _clauseStart[start];
        if (start > clause && AdjacentNegators.Contains(_text[start - 1], StringComparison.Ordinal) && !TextNormalizer.IsLatinWord(_text[start]))
        {
            return true;
        }

        if (AnyWithin(Cue.Near, Math.Max(clause, start - NearWindow), start))
        {
            return true;
        }

        // English: one of the last three words negates ("is not guaranteed", "no guarantee of").
        var from = start;
        for (var words = 0; from > clause && words <= EnglishWords; from--)
        {
            if (_text[from - 1] == ' ')
            {
                words++;
            }
        }

        return AnyWithin(Cue.EnglishNegator, from, start);
    }

    private bool Prohibited(int start)
    {
        var sentence = _sentenceStart[start];
        return Prohibits(Cue.Prohibition, Cue.Verb, VerbWindow, sentence, start)
            || Prohibits(Cue.EnglishProhibition, Cue.EnglishVerb, EnglishVerbWindow, sentence, start);
    }

    private bool Prohibits(Cue cue, Cue verb, int window, int sentence, int start)
    {
        var starts = _cueStarts[(int)cue];
        var ends = _cueEnds[(int)cue];
        for (var i = LowerBound(starts, sentence); i < starts.Count && ends[i] <= start; i++)
        {
            if (Quoted(_originalStart[start]) || AnyWithin(verb, ends[i], Math.Min(start, ends[i] + window)))
            {
                return true;
            }
        }

        return false;
    }

    // A cue wholly inside [from, to).
    private bool AnyWithin(Cue cue, int from, int to)
    {
        var starts = _cueStarts[(int)cue];
        var ends = _cueEnds[(int)cue];
        for (var i = LowerBound(starts, from); i < starts.Count && starts[i] < to; i++)
        {
            if (ends[i] <= to)
            {
                return true;
            }
        }

        return false;
    }

    private static int LowerBound(List<int> sorted, int value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private bool WholeWord(int start, int end) =>
        (start == 0 || !TextNormalizer.IsLatinWord(_text[start - 1])) && (end == _text.Length || !TextNormalizer.IsLatinWord(_text[end]));

    // The phrase follows an opening quote in the original text: “保本”, 「无风险」, "guaranteed".
    private bool Quoted(int originalStart)
    {
        for (var i = originalStart - 1; i >= 0 && originalStart - i <= 3; i--)
        {
            var c = _original[i];
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
}
