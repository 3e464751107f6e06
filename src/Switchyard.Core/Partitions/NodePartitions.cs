namespace Switchyard.Core.Partitions;

/// <summary>
/// The partitions this node may work on now. On a store that one process has to itself (SQLite) the node holds every
/// partition and nothing is fenced: <see cref="All"/>. When several nodes share the store, it is what the node's
/// <see cref="PartitionOwnershipLoop"/> holds and still trusts: processing and delivery ask before every chunk and pass.
/// </summary>
public sealed class NodePartitions
{
    private readonly PartitionOwnershipLoop? _loop;

    /// <summary>A node alone on its store: every partition, always, unfenced.</summary>
    public NodePartitions()
    {
    }

    /// <summary>A node sharing its store: the partitions <paramref name="loop"/> holds.</summary>
    public NodePartitions(PartitionOwnershipLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        _loop = loop;
        loop.Changed += (_, _) => Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Every partition, always (one node on its store).</summary>
    public static NodePartitions All { get; } = new();

    /// <summary>Raised when the held partitions changed (from the ownership loop's thread; keep handlers short).</summary>
    public event EventHandler? Changed;

    /// <summary>Whether the node shares its store with others, so that its work follows leases and is fenced.</summary>
    public bool Shared => _loop is not null;

    /// <summary>The node's id among the nodes sharing the store, or null when it is alone.</summary>
    public string? NodeId => _loop?.NodeId;

    /// <summary>
    /// The leases the node may work under at <paramref name="now"/>: null when it holds every partition unfenced, empty
    /// when it holds none or its last renewal is too old to trust.
    /// </summary>
    public IReadOnlyList<PartitionLease>? TrustedLeases(DateTimeOffset now)
    {
        if (_loop is null)
        {
            return null;
        }

        var view = _loop.Current;
        return view.IsTrusted(now) ? view.Leases : [];
    }

    /// <summary>The partitions of <see cref="TrustedLeases"/>: null for every partition.</summary>
    public IReadOnlyCollection<int>? TrustedPartitions(DateTimeOffset now)
    {
        if (_loop is null)
        {
            return null;
        }

        var view = _loop.Current;
        return view.IsTrusted(now) ? view.Partitions : [];
    }

    /// <summary>
    /// Whether this node runs the work that belongs to no partition (audience sweeps over every profile): always when it
    /// is alone, otherwise while it holds partition 0, so exactly one node does it once the leases have settled.
    /// </summary>
    public bool IsCoordinator(DateTimeOffset now) => _loop is null || _loop.Current.TrustedEpochOf(0, now) is not null;
}
