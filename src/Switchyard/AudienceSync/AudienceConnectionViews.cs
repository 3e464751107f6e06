using Switchyard.Admin;
using Switchyard.Core.Delivery;

namespace Switchyard.AudienceSync;

/// <summary>Builds the admin API's views of audience connections: state, latest job with progress, queued items.</summary>
internal sealed class AudienceConnectionViews(IAudienceSyncStore sync, IDeliveryStore delivery, AudienceLinks links, AudienceOutputs outputs)
{
    public async Task<AudienceConnectionList> ListAsync(CancellationToken cancellationToken)
    {
        var views = new List<AudienceConnectionView>();
        foreach (var connection in await sync.AudienceConnectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            views.Add(await ViewAsync(connection, cancellationToken).ConfigureAwait(false));
        }

        return new(views, outputs.Warnings());
    }

    public async Task<AudienceConnectionView?> FindAsync(string outputId, int audienceId, CancellationToken cancellationToken) =>
        await sync.FindAudienceConnectionAsync(outputId, audienceId, cancellationToken).ConfigureAwait(false) is { } connection ? await ViewAsync(connection, cancellationToken).ConfigureAwait(false) : null;

    public static AudienceJobView JobView(AudienceJob job) => new(
        job.Id,
        job.Kind == AudienceJobKind.CleanUp ? "clean_up" : "sync",
        job.State.ToString().ToLowerInvariant(),
        job.Processed,
        job.Total,
        job.Total == 0 ? (job.State == AudienceJobState.Done ? 100 : 0) : Math.Min(100, (int)(job.Processed * 100 / job.Total)),
        DateTimeOffset.FromUnixTimeMilliseconds(job.CreatedAtMs),
        job.FinishedAtMs is { } finished ? DateTimeOffset.FromUnixTimeMilliseconds(finished) : null);

    private async Task<AudienceConnectionView> ViewAsync(AudienceConnection connection, CancellationToken cancellationToken)
    {
        var name = await links.ExternalNameAsync(connection.AudienceId, cancellationToken).ConfigureAwait(false);
        var state = !outputs.Contains(connection.OutputId) ? "output_missing"
            : name is null ? "audience_deleted"
            : connection.Active ? "active"
            : "inactive";
        var job = await sync.AudienceJobsAsync(connection.OutputId, connection.AudienceId, runningOnly: false, 1, cancellationToken).ConfigureAwait(false) is [var latest] ? JobView(latest) : null;
        var latestChange = await sync.LatestMembershipChangeIdAsync(cancellationToken).ConfigureAwait(false);
        var tail = await sync.MembershipTailAsync(connection.OutputId, cancellationToken).ConfigureAwait(false) ?? 0;
        var note = state == "active" ? null : AudienceConnectionEndpoints.KeptNote
            .Replace("{output}", connection.OutputId, StringComparison.Ordinal)
            .Replace("{audience}", connection.AudienceId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var queued = outputs.Contains(connection.OutputId) ? await delivery.CountQueuedAsync(connection.OutputId, cancellationToken).ConfigureAwait(false) : 0;
        return new AudienceConnectionView(
            connection.OutputId,
            connection.AudienceId,
            name,
            connection.Active,
            state,
            queued,
            Math.Max(0, latestChange - tail),
            job,
            DateTimeOffset.FromUnixTimeMilliseconds(connection.CreatedAtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(connection.UpdatedAtMs),
            note);
    }
}
