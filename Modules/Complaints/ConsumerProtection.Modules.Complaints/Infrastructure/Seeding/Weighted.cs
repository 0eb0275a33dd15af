namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

/// <summary>Picks items in proportion to their weights (cumulative table, binary search).</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> items)
    {
        var list = items.Where(i => i.Weight > 0).ToList();
        if (list.Count == 0)
        {
            throw new InvalidOperationException("A weighted pick needs at least one item with a positive weight.");
        }

        _items = list.Select(i => i.Item).ToArray();
        _cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            sum += list[i].Weight;
            _cumulative[i] = sum;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(Random rng)
    {
        var x = rng.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        return _items[Math.Min(i < 0 ? ~i : i, _items.Length - 1)];
    }
}
