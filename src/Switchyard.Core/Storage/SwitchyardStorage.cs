using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
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
    IReadOnlyList<IAsyncDisposable> Opened) : IAsyncDisposable
{
    private int _disposed;

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
