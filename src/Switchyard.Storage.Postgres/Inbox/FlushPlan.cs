using Switchyard.Core.Storage;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// What one flush stores, decided in memory around two set-wise claim statements rather than a statement per key:
/// the flush's distinct request ids are claimed at once, then the message ids of the records that survived, then each
/// record is kept, dropped as a duplicate or rewritten without its repeated events. Within the flush the first
/// occurrence of a key (in queue order, then record and event order) is the one that claims it, which is the order a
/// writer claiming key by key would have seen.
/// </summary>
internal sealed class FlushPlan
{
    private readonly IReadOnlyList<PendingAppend> _appends;

    // Per append, per record: whether the record still stands after the claims so far.
    private readonly bool[][] _kept;
    private readonly int[][] _dropped;
    private readonly long?[][] _sequences;

    // Per append, per record: the index of its row in Rows, or -1.
    private readonly int[][] _rowOf;

    // Per append, per record: whether it owns the first occurrence of its request id in the flush.
    private readonly bool[][] _claimsRequest;

    // Per append, per record, per event: whether it owns the first occurrence of its message id in the flush.
    private readonly bool[][][] _claimsMessage;

    public FlushPlan(IReadOnlyList<PendingAppend> appends)
    {
        _appends = appends;
        _kept = new bool[appends.Count][];
        _dropped = new int[appends.Count][];
        _sequences = new long?[appends.Count][];
        _rowOf = new int[appends.Count][];
        _claimsRequest = new bool[appends.Count][];
        _claimsMessage = new bool[appends.Count][][];
        for (var a = 0; a < appends.Count; a++)
        {
            var count = appends[a].Records.Count;
            _kept[a] = new bool[count];
            Array.Fill(_kept[a], true);
            _dropped[a] = new int[count];
            _sequences[a] = new long?[count];
            _rowOf[a] = new int[count];
            Array.Fill(_rowOf[a], -1);
            _claimsRequest[a] = new bool[count];
            _claimsMessage[a] = new bool[count][];
        }
    }

    /// <summary>The batches to insert, in the order they get their sequences.</summary>
    public List<NewRow> Rows { get; } = [];

    /// <summary>The distinct (feed, source_request_id) pairs of the flush, each once.</summary>
    public KeyList RequestKeys()
    {
        var keys = new KeyList();
        var seen = new HashSet<(string, string)>();
        for (var a = 0; a < _appends.Count; a++)
        {
            var records = _appends[a].Records;
            for (var r = 0; r < records.Count; r++)
            {
                if (records[r].SourceRequestId is { } id && seen.Add((records[r].FeedId, id)))
                {
                    _claimsRequest[a][r] = true;
                    keys.Add(records[r].FeedId, id);
                }
            }
        }

        return keys;
    }

    /// <summary>Drops every record whose request id was not claimed by it (a repeat in the flush, or held in the database).</summary>
    public void ApplyRequestClaims(IReadOnlySet<(string, string)> claimed)
    {
        for (var a = 0; a < _appends.Count; a++)
        {
            var records = _appends[a].Records;
            for (var r = 0; r < records.Count; r++)
            {
                if (records[r].SourceRequestId is { } id && !(_claimsRequest[a][r] && claimed.Contains((records[r].FeedId, id))))
                {
                    _kept[a][r] = false;
                }
            }
        }
    }

    /// <summary>The distinct (feed, source_message_id) pairs of the records still standing, each once.</summary>
    public KeyList MessageKeys()
    {
        var keys = new KeyList();
        var seen = new HashSet<(string, string)>();
        for (var a = 0; a < _appends.Count; a++)
        {
            var records = _appends[a].Records;
            for (var r = 0; r < records.Count; r++)
            {
                if (!_kept[a][r] || records[r].MessageIds is not { Count: > 0 } ids)
                {
                    continue;
                }

                var owns = _claimsMessage[a][r] = new bool[ids.Count];
                for (var e = 0; e < ids.Count; e++)
                {
                    if (ids[e] is { } id && seen.Add((records[r].FeedId, id)))
                    {
                        owns[e] = true;
                        keys.Add(records[r].FeedId, id);
                    }
                }
            }
        }

        return keys;
    }

    /// <summary>
    /// Leaves out the events whose message id was claimed before, rewriting those batches, and lists the rows to insert.
    /// Returns the appends that failed (a batch that had to be rewritten but could not be): the flush must then be
    /// rolled back and planned again without them, since their claims would otherwise stay.
    /// </summary>
    public IReadOnlyDictionary<int, Exception> ApplyMessageClaims(IReadOnlySet<(string, string)> claimed)
    {
        var failures = new Dictionary<int, Exception>();
        for (var a = 0; a < _appends.Count; a++)
        {
            var append = _appends[a];
            for (var r = 0; r < append.Records.Count; r++)
            {
                if (!_kept[a][r])
                {
                    continue;
                }

                var record = append.Records[r];
                var payload = append.Payloads[r];
                if (record.MessageIds is { Count: > 0 } ids)
                {
                    bool[]? repeats = null;
                    for (var e = 0; e < ids.Count; e++)
                    {
                        if (ids[e] is { } id && !(_claimsMessage[a][r][e] && claimed.Contains((record.FeedId, id))))
                        {
                            (repeats ??= new bool[ids.Count])[e] = true;
                        }
                    }

                    if (repeats is not null)
                    {
                        var count = repeats.Count(d => d);
                        _dropped[a][r] = count;
                        if (count == ids.Count)
                        {
                            _kept[a][r] = false;
                            continue;
                        }

                        // Whatever goes wrong here (a payload that is not a batch object) fails this append alone.
                        try
                        {
                            payload = BatchEventFilter.WithoutEvents(payload, repeats);
                        }
                        catch (Exception exception)
                        {
                            failures[a] = exception;
                            break;
                        }
                    }
                }

                _rowOf[a][r] = Rows.Count;
                Rows.Add(new NewRow(record.FeedId, record.SourceRequestId, payload, record.Historical, record.PartitionKey));
            }
        }

        return failures;
    }

    /// <summary>Gives the rows their sequences: the first row <paramref name="first"/>, the next one more, and so on.</summary>
    public void AssignSequences(long first)
    {
        for (var a = 0; a < _appends.Count; a++)
        {
            for (var r = 0; r < _rowOf[a].Length; r++)
            {
                if (_rowOf[a][r] >= 0)
                {
                    _sequences[a][r] = first + _rowOf[a][r];
                }
            }
        }
    }

    /// <summary>The outcome of the append at <paramref name="index"/>, once the flush has committed.</summary>
    public InboxAppendResult ResultOf(int index) =>
        new(_sequences[index]) { DroppedEvents = _dropped[index].Any(d => d > 0) ? _dropped[index] : [] };

    /// <summary>Keys to claim, as the two parallel arrays the claim statement unnests.</summary>
    internal sealed class KeyList
    {
        public List<string> Feeds { get; } = [];

        public List<string> Ids { get; } = [];

        public int Count => Ids.Count;

        public void Add(string feed, string id)
        {
            Feeds.Add(feed);
            Ids.Add(id);
        }
    }
}
