namespace Switchyard.Sandbox.DataPoints;

/// <summary>
/// Data points billed per REST key, counted the way Braze bills them (reference/braze.md §4): every attribute written
/// costs, unchanged or not, so tests can prove that a client only sends deltas.
/// </summary>
internal sealed class DataPointLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DataPointTally> _byKey = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="delta"/> and returns a copy of the key's new totals.</summary>
    public DataPointTally Add(string key, DataPointTally delta)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var row))
            {
                row = new DataPointTally();
                _byKey[key] = row;
            }

            row.Add(delta);
            return row.Copy();
        }
    }

    public void Load(IReadOnlyDictionary<string, DataPointTally> rows)
    {
        lock (_gate)
        {
            _byKey.Clear();
            foreach (var (key, row) in rows)
            {
                _byKey[key] = row.Copy();
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byKey.Clear();
        }
    }

    public DataPointReport Report(string? key)
    {
        lock (_gate)
        {
            var total = new DataPointTally();
            // REST keys are secrets: the report names each by its last characters only (keys sharing those are summed).
            var keys = new SortedDictionary<string, DataPointTally>(StringComparer.Ordinal);
            foreach (var (rowKey, row) in _byKey)
            {
                if (key is not null && rowKey != key)
                {
                    continue;
                }

                total.Add(row);
                var label = Control.BearerToken.Redact(rowKey);
                if (!keys.TryGetValue(label, out var tally))
                {
                    keys[label] = tally = new DataPointTally();
                }

                tally.Add(row);
            }

            return new DataPointReport(total.ToBreakdown(), keys.ToDictionary(k => k.Key, k => k.Value.ToBreakdown(), StringComparer.Ordinal));
        }
    }
}
