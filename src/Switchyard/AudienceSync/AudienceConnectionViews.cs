using Switchyard.Admin;
using Switchyard.Core.Delivery;

namespace Switchyard.AudienceSync;

/// <summary>Builds the admin API's views of audience connections: state, latest job with progress, queued items.</summary>
internal sealed class AudienceConnectionViews(IAudienceSyncStore sync, IDeliveryStore delivery, AudienceLinks links, AudienceOutputs outputs)
{
    public AudienceConnectionList List() =>
        new([.. sync.AudienceConnections().Select(View)], outputs.Warnings());

    public AudienceConnectionView? Find(string outputId, int audienceId) =>
        sync.FindAudienceConnection(outputId, audienceId) is { } connection ? View(connection) : null;

    public static AudienceJobView JobView(AudienceJob job) => new(
        job.Id,
        job.Kind == AudienceJobKind.CleanUp ? "clean_up" : "sync",
        job.State.ToString().ToLowerInvariant(),
        job.Processed,
        job.Total,
        job.Total == 0 ? (job.State == AudienceJobState.Done ? 100 : 0) : Math.Min(100, (int)(job.Processed * 100 / job.Total)),
        DateTimeOffset.FromUnixTimeMilliseconds(job.CreatedAtMs),
        job.FinishedAtMs is { } finished ? DateTimeOffset.FromUnixTimeMilliseconds(finished) : null);

    private AudienceConnectionView View(AudienceConnection connection)
    {
        var name = links.ExternalName(connection.AudienceId);
        var state = !outputs.Contains(connection.OutputId) ? "output_missing"
            : name is null ? "audience_deleted"
            : connection.Active ? "active"
            : "inactive";
        var job = sync.AudienceJobs(connection.OutputId, connection.AudienceId, runningOnly: false, 1) is [var latest] ? JobView(latest) : null;
        var note = state == "active" ? null : AudienceConnectionEndpoints.KeptNote
            .Replace("{output}", connection.OutputId, StringComparison.Ordinal)
            .Replace("{audience}", connection.AudienceId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return new AudienceConnectionView(
            connection.OutputId,
            connection.AudienceId,
            name,
            connection.Active,
            state,
            outputs.Contains(connection.OutputId) ? delivery.CountQueued(connection.OutputId) : 0,
            Math.Max(0, sync.LatestMembershipChangeId() - (sync.MembershipTail(connection.OutputId) ?? 0)),
            job,
            DateTimeOffset.FromUnixTimeMilliseconds(connection.CreatedAtMs),
            DateTimeOffset.FromUnixTimeMilliseconds(connection.UpdatedAtMs),
            note);
    }
}
