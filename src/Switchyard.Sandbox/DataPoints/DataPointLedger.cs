namespace Switchyard.Sandbox.DataPoints;

/// <summary>
/// Data points billed per REST key, counted the way Braze bills them (reference/braze.md §4): every attribute written
/// costs, unchanged or not, so tests can prove that a client only sends deltas. Keys are held as <see cref="LedgerKey"/>
/// hashes, never in clear.
/// </summary>
internal sealed class DataPointLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LedgerRow> _byHash = new(StringComparer.Ordinal);

    /// <summary>The key's totals as they would be after <paramref name="delta"/>, without changing the ledger.</summary>
    public LedgerRow Preview(LedgerKey key, DataPointTally delta)
    {
        lock (_gate)
        {
            var totals = _byHash.TryGetValue(key.Hash, out var row) ? row.Totals.Copy() : new DataPointTally();
            totals.Add(delta);
            return new LedgerRow(key, totals);
        }
    }

    /// <summary>Replaces a key's totals, e.g. with a <see cref="Preview"/> once it has been persisted.</summary>
    public void Set(LedgerRow row)
    {
        lock (_gate)
        {
            _byHash[row.Key.Hash] = row with { Totals = row.Totals.Copy() };
        }
    }

    public void Load(IEnumerable<LedgerRow> rows)
    {
        lock (_gate)
        {
            _byHash.Clear();
            foreach (var row in rows)
            {
                _byHash[row.Key.Hash] = row with { Totals = row.Totals.Copy() };
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byHash.Clear();
        }
    }

    /// <summary>All keys, or only <paramref name="key"/> (the full REST key, compared by its hash).</summary>
    public DataPointReport Report(string? key)
    {
        var wanted = key is null ? null : LedgerKey.HashOf(key);
        lock (_gate)
        {
            var total = new DataPointTally();
            // The report names each key by its label only (keys sharing a label are summed).
            var keys = new SortedDictionary<string, DataPointTally>(StringComparer.Ordinal);
            foreach (var (hash, row) in _byHash)
            {
                if (wanted is not null && hash != wanted)
                {
                    continue;
                }

                total.Add(row.Totals);
                if (!keys.TryGetValue(row.Key.Label, out var tally))
                {
                    keys[row.Key.Label] = tally = new DataPointTally();
                }

                tally.Add(row.Totals);
            }

            return new DataPointReport(total.ToBreakdown(), keys.ToDictionary(k => k.Key, k => k.Value.ToBreakdown(), StringComparer.Ordinal));
        }
    }
}
