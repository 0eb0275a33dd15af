namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal static partial class Checker
{
    // Range questions over hits sorted by start, answered by binary search so a long document with many matches
    // stays linear-logarithmic (a risk statement per paragraph and a figure per paragraph is the common case).
    private sealed class SortedHits
    {
        private readonly List<Hit> _hits;
        private readonly int _maxLength;

        public SortedHits(List<Hit> hits)
        {
            _hits = hits.OrderBy(h => h.Start).ThenBy(h => h.End).ToList();
            _maxLength = _hits.Count == 0 ? 0 : _hits.Max(h => h.End - h.Start);
        }

        public int Count => _hits.Count;

        /// <summary>True when a hit overlaps [from, to).</summary>
        public bool AnyOverlapping(int from, int to)
        {
            for (var i = FirstStartingAtOrAfter(from - _maxLength); i < _hits.Count && _hits[i].Start < to; i++)
            {
                if (_hits[i].End > from)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a hit covers the whole of [from, to).</summary>
        public bool AnyCovering(int from, int to)
        {
            for (var i = FirstStartingAtOrAfter(from - _maxLength); i < _hits.Count && _hits[i].Start <= from; i++)
            {
                if (_hits[i].End >= to)
                {
                    return true;
                }
            }

            return false;
        }

        private int FirstStartingAtOrAfter(int start)
        {
            int lo = 0, hi = _hits.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_hits[mid].Start < start)
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
    }
}
