namespace Switchyard.Braze.Mapping;

/// <summary>Properties in insertion order with unique names: a later <see cref="Set"/> replaces in place.</summary>
internal sealed class PropertyBag
{
    private readonly List<BrazeProperty> _items = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public void Set(string name, BrazeValue value)
    {
        if (_index.TryGetValue(name, out var at))
        {
            _items[at] = new BrazeProperty(name, value);
        }
        else
        {
            _index[name] = _items.Count;
            _items.Add(new BrazeProperty(name, value));
        }
    }

    /// <summary>Adds unless the name is taken (named commerce fields win over custom attributes of the same name).</summary>
    public void TryAdd(string name, BrazeValue value)
    {
        if (!_index.ContainsKey(name))
        {
            Set(name, value);
        }
    }

    public void SetIfPresent(string name, string? value)
    {
        if (value is not null)
        {
            Set(name, BrazeValue.Of(value));
        }
    }

    public void SetIfPresent(string name, decimal? value)
    {
        if (value is { } number)
        {
            Set(name, BrazeValue.Of(number));
        }
    }

    public IReadOnlyList<BrazeProperty> ToList() => [.. _items];
}
