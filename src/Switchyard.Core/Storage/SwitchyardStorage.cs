using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;

namespace Switchyard.Core.Storage;

/// <summary>
/// Every store of one Switchyard, each under its Core contract, as a storage provider opened them; one provider object
/// may fulfil several contracts (a profile store that is also the delivery store, say). Disposing closes what the
/// provider opened, in the reverse order of opening, once.
/// </summary>
/// <param name="Requests">Data subject requests.</param>
/// <param name="Subjects">What a data subject request reads from, and erases in, the profiles.</param>
/// <param name="InboxEraser">The inbox as an erasure sees it.</param>
/// <param name="RateBudgets">The request budgets of rate-limited keys, shared by the nodes on this storage.</param>
/// <param name="Opened">What the provider opened, in the order it opened them.</param>
public sealed record SwitchyardStorage(
    IInboxStore Inbox,
    IProfileStore Profiles,
    IDeliveryStore Delivery,
    IAudienceSyncStore AudienceSync,
    IAudienceStore Audiences,
    IWorkspaceEntryStore WorkspaceEntries,
    IDsrStore Requests,
    ISubjectDataStore Subjects,
    IInboxEraser InboxEraser,
    IRateBudgetStore RateBudgets,
    IReadOnlyList<IAsyncDisposable> Opened) : IAsyncDisposable
{
    private int _disposed;

    /// <summary>
    /// Partition leases, when several nodes share the store and this node processes (null on a store one process has to
    /// itself, where the node holds every partition).
    /// </summary>
    public Partitions.IPartitionOwnership? Ownership { get; init; }

    /// <summary>
    /// Each contract with the store that fulfils it (this object included), for a provider's registration to put in a
    /// service container.
    /// </summary>
    public IReadOnlyList<(Type Contract, object Store)> Contracts =>
    [
        (typeof(SwitchyardStorage), this),
        (typeof(IInboxStore), Inbox),
        (typeof(IProfileStore), Profiles),
        (typeof(IDeliveryStore), Delivery),
        (typeof(IAudienceSyncStore), AudienceSync),
        (typeof(IAudienceStore), Audiences),
        (typeof(IWorkspaceEntryStore), WorkspaceEntries),
        (typeof(IDsrStore), Requests),
        (typeof(ISubjectDataStore), Subjects),
        (typeof(IInboxEraser), InboxEraser),
        (typeof(IRateBudgetStore), RateBudgets),
        .. Ownership is null ? Array.Empty<(Type, object)>() : [(typeof(Partitions.IPartitionOwnership), Ownership)],
    ];

    /// <summary>
    /// Runs a provider's opening: <paramref name="open"/> adds each store to the list as it opens it and builds the
    /// storage from them. If any step fails, what was opened is closed again, in reverse order, and the failure goes on.
    /// </summary>
    public static async Task<SwitchyardStorage> OpenAsync(Func<List<IAsyncDisposable>, Task<SwitchyardStorage>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var opened = new List<IAsyncDisposable>();
        try
        {
            return await open(opened).ConfigureAwait(false);
        }
        catch
        {
            for (var i = opened.Count - 1; i >= 0; i--)
            {
                await opened[i].DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        for (var i = Opened.Count - 1; i >= 0; i--)
        {
            await Opened[i].DisposeAsync().ConfigureAwait(false);
        }
    }
}
