using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Persistence;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Users;

/// <summary>
/// All sandbox users. One lock serialises writers: a request's changes are applied and persisted as one unit
/// (<see cref="Write{T}"/>), which matches the "one transaction per request" write-through to SQLite; if the request
/// or its commit fails, its changes are undone and nothing is billed.
/// </summary>
internal sealed partial class UserStore : ISandboxUserDirectory, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SandboxUser> _byBrazeId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxUser> _byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<UserAlias, SandboxUser> _byAlias = [];
    private readonly IStatePersistence _persistence;
    private readonly DataPointLedger _ledger;
    private readonly TimeProvider _time;

    public UserStore(SandboxSettings settings, IStatePersistence persistence, DataPointLedger ledger, TimeProvider time)
    {
        Settings = settings;
        _persistence = persistence;
        _ledger = ledger;
        _time = time;
        foreach (var user in persistence.LoadUsers())
        {
            Index(user);
        }

        ledger.Load(persistence.LoadLedger());
    }

    public SandboxSettings Settings { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byBrazeId.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> under the store lock, then persists what it changed and bills its data points.</summary>
    public T Write<T>(string? apiKey, Func<UserWriteSession, T> work) => WriteIf(apiKey, work, static _ => true);

    /// <summary>
    /// Like <see cref="Write{T}"/>, but when <paramref name="keep"/> says no to the result, the request's changes are
    /// undone and nothing is persisted or billed: for a request that is refused whole if any of its objects is.
    /// </summary>
    public T WriteIf<T>(string? apiKey, Func<UserWriteSession, T> work, Func<T, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(keep);
        lock (_gate)
        {
            var session = new UserWriteSession(this, _time.GetUtcNow());
            T result;
            LedgerRow? ledgerRow;
            try
            {
                result = work(session);
                if (!keep(result))
                {
                    RollBack(session);
                    return result;
                }

                ledgerRow = apiKey is not null && !session.DataPoints.IsEmpty
                    ? _ledger.Preview(LedgerKey.For(apiKey), session.DataPoints)
                    : null;
                var upserts = session.Changed.Where(u => !session.Deleted.Contains(u.BrazeId)).ToList();
                _persistence.Commit(upserts, session.Deleted, ledgerRow);
            }
            catch
            {
                // All or nothing: a request answered 500 leaves no trace in memory, as none reached the database.
                RollBack(session);
                throw;
            }

            if (ledgerRow is not null)
            {
                // Billed only once persisted.
                _ledger.Set(ledgerRow);
            }

            RecordPending(session);

            return result;
        }
    }

    /// <summary>Segments see users as readers do: after the consistency delay, when one is set.</summary>
    public IReadOnlyList<ISegmentSubject> SnapshotUsers() => VisibleUsers().All;

    public IReadOnlyList<SandboxUser> Snapshot()
    {
        lock (_gate)
        {
            return _byBrazeId.Values.Select(u => u.DeepClone()).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            // Database first: if it fails, memory still matches it.
            _persistence.ClearAll();
            _byBrazeId.Clear();
            _byExternalId.Clear();
            _byAlias.Clear();
            _pending.Clear();
            _ledger.Reset();
        }
    }

    /// <summary>The ledger's report; <paramref name="key"/> is a full REST key or null for all keys.</summary>
    public DataPointReport ReportDataPoints(string? key) => _ledger.Report(key);

    public void ClearDataPoints()
    {
        lock (_gate)
        {
            _persistence.ClearLedger();
            _ledger.Reset();
        }
    }

    public void Dispose() => _persistence.Dispose();
}
