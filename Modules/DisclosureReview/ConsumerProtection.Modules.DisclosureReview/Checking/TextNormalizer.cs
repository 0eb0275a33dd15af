using System.Globalization;
using System.Text;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// The text the matcher reads, with a map back to the original: NFKC (full-width letters and digits), lower case,
/// traditional characters the rules use mapped to simplified (保證 → 保证), zero-width and format characters dropped,
/// and filler inserted between characters to dodge a filter (保 本, 保-本, 保*本, “保”“本”) removed. Whitespace between
/// two Latin words stays one space, so "best" never matches inside "asbestos". Clause punctuation (。，；！？：、 and a
/// full stop before a space) is kept, so a phrase never matches across clauses.
/// </summary>
internal sealed class NormalizedText
{
    public NormalizedText(string text, int[] start, int[] end)
    {
        Text = text;
        Start = start;
        End = end;
    }

    public string Text { get; }

    /// <summary>Original index where the character at each normalised index came from.</summary>
    public int[] Start { get; }

    /// <summary>Original index just after that source character.</summary>
    public int[] End { get; }

    public (int Start, int End) Original(int start, int end) => (Start[start], End[end - 1]);
}

internal static partial class TextNormalizer
{
    public const char Boundary = '\n';

    public static NormalizedText Normalize(string original) => Run(original, pattern: false);

    /// <summary>A rule phrase normalised the same way; clause punctuation inside a phrase is filler.</summary>
    public static string NormalizePattern(string phrase) => Run(phrase.Trim(), pattern: true).Text.Trim();

    public static bool IsLatinWord(char c) => c < 0x2E80 && char.IsLetterOrDigit(c);

    public static bool IsClauseBoundary(char c) => IsSentenceBoundary(c) || c is ',' or ':' or '、';

    public static bool IsSentenceBoundary(char c) => c is Boundary or '。' or ';' or '!' or '?';

    private static NormalizedText Run(string s, bool pattern)
    {
        var o = new Output(s.Length + 16);
        var gap = -1;          // original index where pending filler began
        var spaceGap = false;  // the filler held whitespace
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];

            // Fast path: ideographs and ASCII letters and digits are kept as they are (ASCII lower-cased).
            if ((c is >= '\u4E00' and <= '\u9FFF' && !Traditional.ContainsKey(c)) || char.IsAsciiLetterOrDigit(c))
            {
                var k = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                if (gap >= 0 && spaceGap && o.Length > 0 && IsLatinWord(o.Last) && IsLatinWord(k))
                {
                    o.Add(' ', gap, gap + 1);
                }

                o.Add(k, i, i + 1);
                gap = -1;
                spaceGap = false;
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            var mapped = c < 0x80 ? Ascii[c]
                : width == 2 ? s.Substring(i, 2)
                : Traditional.TryGetValue(c, out var simplified) ? simplified
                : Compatibility(c);
            foreach (var m in mapped)
            {
                switch (Classify(m, s, i, width, pattern))
                {
                    case CharClass.Drop:
                        break;
                    case CharClass.Filler:
                        gap = gap < 0 ? i : gap;
                        spaceGap |= char.IsWhiteSpace(m);
                        break;
                    case CharClass.Clause:
                        o.Add(m is '\r' ? Boundary : m == '.' ? '。' : m, i, i + width);
                        gap = -1;
                        spaceGap = false;
                        break;
                    default:
                        if (gap >= 0 && spaceGap && o.Length > 0 && IsLatinWord(o.Last) && IsLatinWord(m))
                        {
                            o.Add(' ', gap, gap + 1);
                        }

                        o.Add(m, i, i + width);
                        gap = -1;
                        spaceGap = false;
                        break;
                }
            }

            i += width - 1;
        }

        if (!pattern)
        {
            o.FoldSpelledOut();
        }

        return o.ToText();
    }

    // NFKC and lower case for one non-ASCII character outside the common ideographs, then the traditional map.
    private static string Compatibility(char c)
    {
        var mapped = c.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        return mapped.Length == 1 && Traditional.TryGetValue(mapped[0], out var simplified) ? simplified : mapped;
    }

    private sealed class Output(int capacity)
    {
        private char[] _text = new char[capacity];
        private int[] _start = new int[capacity];
        private int[] _end = new int[capacity];

        public int Length { get; private set; }

        public char Last => _text[Length - 1];

        public void Add(char c, int from, int to)
        {
            if (Length == _text.Length)
            {
                Array.Resize(ref _text, Length * 2);
                Array.Resize(ref _start, Length * 2);
                Array.Resize(ref _end, Length * 2);
            }

            _text[Length] = c;
            _start[Length] = from;
            _end[Length] = to;
            Length++;
        }

        // 保，本，理，财: one character per clause is a phrase spelled out to dodge a filter, not four clauses. A comma
        // or 、 between two one-character ideograph segments is dropped.
        public void FoldSpelledOut()
        {
            var drop = new bool[Length];
            var any = false;
            for (var i = 1; i + 1 < Length; i++)
            {
                drop[i] = _text[i] is ',' or '、' && IsSingleIdeograph(i - 1) && IsSingleIdeograph(i + 1);
                any |= drop[i];
            }

            if (!any)
            {
                return;
            }

            var kept = 0;
            for (var i = 0; i < Length; i++)
            {
                if (!drop[i])
                {
                    _text[kept] = _text[i];
                    _start[kept] = _start[i];
                    _end[kept] = _end[i];
                    kept++;
                }
            }

            Length = kept;
        }

        // The ideograph at i stands alone between clause punctuation or the text's ends.
        private bool IsSingleIdeograph(int i) =>
            _text[i] is >= '\u4E00' and <= '\u9FFF'
            && (i == 0 || IsClauseBoundary(_text[i - 1]))
            && (i + 1 == Length || IsClauseBoundary(_text[i + 1]));

        public NormalizedText ToText() => new(new string(_text, 0, Length), _start[..Length], _end[..Length]);
    }

    private enum CharClass
    {
        Keep,
        Drop,
        Filler,
        Clause,
    }

    private static CharClass Classify(char m, string s, int i, int width, bool pattern)
    {
        if (m is '%' or '‰')
        {
            return CharClass.Keep;
        }

        if (m == '\n' || m == '\r')
        {
            return pattern ? CharClass.Filler : CharClass.Clause;
        }

        if (char.GetUnicodeCategory(m) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return CharClass.Drop;
        }

        if (m == '.')
        {
            var prev = i > 0 ? s[i - 1] : ' ';
            var next = i + width < s.Length ? s[i + width] : ' ';
            if (char.IsDigit(prev) && char.IsDigit(next))
            {
                return CharClass.Keep; // 4.5%
            }

            // A full stop followed by space ends a sentence, unless a number follows ("No. 1").
            var after = i + width + 1 < s.Length ? s[i + width + 1] : ' ';
            return !pattern && char.IsWhiteSpace(next) && !char.IsDigit(after) ? CharClass.Clause : CharClass.Filler;
        }

        if (IsClauseBoundary(m) && m != Boundary)
        {
            return pattern ? CharClass.Filler : CharClass.Clause;
        }

        return char.IsWhiteSpace(m) || char.IsPunctuation(m) || char.IsSymbol(m) ? CharClass.Filler : CharClass.Keep;
    }

    private static readonly string[] Ascii = Enumerable.Range(0, 128).Select(c => char.ToLowerInvariant((char)c).ToString()).ToArray();
}
