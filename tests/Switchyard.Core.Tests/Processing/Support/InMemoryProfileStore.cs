using System.Text.Json;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Tests.Processing.Support;

/// <summary>
/// A profile store held in memory that behaves like a durable one: profiles are stored as JSON documents (so nothing
/// the processor holds is shared with the store), identity links are an index rebuilt on every save, and a session's
/// writes become visible only on commit.
/// </summary>
internal sealed class InMemoryProfileStore
{
    private long _nextMpid = 1001;

    public Dictionary<long, string> Documents { get; set; } = [];

    public Dictionary<(string Key, string Value), long> Links { get; set; } = [];

    /// <summary>The expiry index: MPID → when its membership could next change with time alone.</summary>
    public Dictionary<long, long> Due { get; set; } = [];

    public List<MembershipChange> MembershipLog { get; } = [];

    /// <summary>Outbox entries of committed sessions, in commit order.</summary>
    public List<OutboxEntry> Outbox { get; } = [];

    public long Checkpoint { get; set; }

    public Switchyard.Core.Processing.ProcessingTotals Totals { get; set; } = Switchyard.Core.Processing.ProcessingTotals.Zero;

    public InMemoryProfileSession BeginSession() => new(this);

    public ValueTask<IProfileSession> BeginSessionAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IProfileSession>(new InMemoryProfileSession(this));

    public Profile? FindProfile(long mpid) => Documents.TryGetValue(mpid, out var json) ? Read(json) : null;

    public long? FindMpid(string identityKey, string value) => Links.TryGetValue((identityKey, value), out var mpid) ? mpid : null;

    /// <summary>MPIDs come from a counter, so tests can predict them; none is handed out twice, committed or not.</summary>
    public long TakeMpid() => _nextMpid++;

    public static string Write(Profile profile) => JsonSerializer.Serialize(profile);

    public static Profile Read(string json) => JsonSerializer.Deserialize<Profile>(json) ?? throw new InvalidOperationException("empty profile document");
}
