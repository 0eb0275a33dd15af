namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// Aho–Corasick multi-pattern matcher: one pass over the normalised text finds every occurrence of every phrase of
/// every rule, so the cost grows with the text, not with the number of rules (hundreds of rules, one scan).
/// </summary>
internal sealed class AhoCorasick
{
    private readonly Dictionary<char, int>[] _next;
    private readonly int[] _fail;
    private readonly int[][] _outputs;
    private readonly int[] _lengths;

    public AhoCorasick(IReadOnlyList<string> patterns)
    {
        _lengths = patterns.Select(p => p.Length).ToArray();
        var next = new List<Dictionary<char, int>> { new() };
        var outputs = new List<List<int>> { new() };
        for (var p = 0; p < patterns.Count; p++)
        {
            var node = 0;
            foreach (var c in patterns[p])
            {
                if (!next[node].TryGetValue(c, out var child))
                {
                    child = next.Count;
                    next.Add(new Dictionary<char, int>());
                    outputs.Add([]);
                    next[node][c] = child;
                }

                node = child;
            }

            outputs[node].Add(p);
        }

        _next = [.. next];
        _fail = new int[_next.Length];
        var queue = new Queue<int>();
        foreach (var child in _next[0].Values)
        {
            queue.Enqueue(child);
        }

        // Breadth-first: a node's failure link points at its longest proper suffix in the trie.
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            outputs[node].AddRange(outputs[_fail[node]]);
            foreach (var (c, child) in _next[node])
            {
                var f = _fail[node];
                while (f != 0 && !_next[f].ContainsKey(c))
                {
                    f = _fail[f];
                }

                _fail[child] = _next[f].TryGetValue(c, out var target) && target != child ? target : 0;
                queue.Enqueue(child);
            }
        }

        _outputs = outputs.Select(o => o.Distinct().ToArray()).ToArray();
    }

    /// <summary>Every match as (pattern index, start, end) in text order of end position.</summary>
    public List<(int Pattern, int Start, int End)> Matches(string text)
    {
        var found = new List<(int, int, int)>();
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int target;
            while (!_next[node].TryGetValue(c, out target) && node != 0)
            {
                node = _fail[node];
            }

            node = _next[node].TryGetValue(c, out target) ? target : 0;
            foreach (var p in _outputs[node])
            {
                found.Add((p, i + 1 - _lengths[p], i + 1));
            }
        }

        return found;
    }
}
