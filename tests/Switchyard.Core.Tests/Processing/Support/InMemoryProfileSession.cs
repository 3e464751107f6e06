using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Tests.Processing.Support;

/// <summary>A unit of work on <see cref="InMemoryProfileStore"/>: works on copies, publishes them on commit.</summary>
internal sealed class InMemoryProfileSession(InMemoryProfileStore store) : IProfileSession
{
    private readonly Dictionary<long, string> _documents = new(store.Documents);
    private readonly Dictionary<(string Key, string Value), long> _links = new(store.Links);
    private readonly List<MembershipChange> _appended = [];
    private readonly List<OutboxEntry> _enqueued = [];
    private long _checkpoint = store.Checkpoint;
    private Switchyard.Core.Processing.ProcessingTotals _totals = Switchyard.Core.Processing.ProcessingTotals.Zero;
    private readonly Dictionary<long, long> _due = new(store.Due);
    private bool _done;

    public long Checkpoint => _checkpoint;

    public ValueTask<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_links.TryGetValue((identityKey, value), out var mpid) ? mpid : (long?)null);

    public ValueTask<Profile?> LoadAsync(long mpid, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_documents.TryGetValue(mpid, out var json) ? InMemoryProfileStore.Read(json) : null);

    public ValueTask<long> NewMpidAsync(CancellationToken cancellationToken) => ValueTask.FromResult(store.TakeMpid());

    public void Save(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Unlink(profile.Mpid);
        _documents[profile.Mpid] = InMemoryProfileStore.Write(profile);
        foreach (var (key, value) in profile.UserIdentities)
        {
            _links[(key, value)] = profile.Mpid;
        }

        foreach (var (field, value) in profile.DeviceIdentities)
        {
            _links[(IdentityKeys.Device(field), value)] = profile.Mpid;
        }
    }

    public void Delete(long mpid)
    {
        Unlink(mpid);
        _documents.Remove(mpid);
        _due.Remove(mpid);
    }

    public void ScheduleEvaluation(long mpid, long? dueMs)
    {
        if (dueMs is { } due)
        {
            _due[mpid] = due;
        }
        else
        {
            _due.Remove(mpid);
        }
    }

    public ValueTask<IReadOnlyList<long>> DueForEvaluationAsync(long nowMs, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<long>>([.. _due.Where(d => d.Value <= nowMs).OrderBy(d => d.Value).ThenBy(d => d.Key).Take(limit).Select(d => d.Key)]);

    public void AppendMembershipChange(MembershipChange change) => _appended.Add(change);

    public ValueTask<IReadOnlyList<long>> MembersOfAnyAsync(IReadOnlyCollection<int> audienceIds, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<long>>([.. _documents.Where(d => InMemoryProfileStore.Read(d.Value).Audiences.Any(audienceIds.Contains)).Select(d => d.Key).Order()]);

    public void SetCheckpoint(long sequence) => _checkpoint = sequence;

    public void AdvancePartitions(IReadOnlyCollection<int> partitions, long sequence) => _checkpoint = Math.Max(_checkpoint, sequence);

    public void AdvancePartitions(IReadOnlyCollection<Switchyard.Core.Partitions.PartitionLease> leases, long sequence) => _checkpoint = Math.Max(_checkpoint, sequence);

    public void AddToTotals(Switchyard.Core.Processing.ProcessingTotals delta) => _totals = _totals.Plus(delta);

    public void Enqueue(OutboxEntry entry) => _enqueued.Add(entry);

    public bool Durable { get; private set; }

    public void RequireDurableCommit() => Durable = true;

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        Commit();
        return Task.CompletedTask;
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        store.Documents = _documents;
        store.Links = _links;
        store.Due = _due;
        foreach (var change in _appended)
        {
            store.MembershipLog.Add(change with { Id = store.MembershipLog.Count + 1 });
        }

        store.Outbox.AddRange(_enqueued);
        store.Checkpoint = _checkpoint;
        store.Totals = store.Totals.Plus(_totals);
        _done = true;
    }

    public void Dispose() => _done = true;

    /// <summary>A saved profile's links are exactly its identities now: a changed email stops finding it by the old one.</summary>
    private void Unlink(long mpid)
    {
        foreach (var link in _links.Where(l => l.Value == mpid).Select(l => l.Key).ToList())
        {
            _links.Remove(link);
        }
    }
}
