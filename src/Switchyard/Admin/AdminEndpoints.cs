using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Core.Storage;
using Switchyard.Hosting;
using Switchyard.Json;
using Switchyard.Processing;

namespace Switchyard.Admin;

/// <summary>The admin API under <c>/admin</c>, every route behind the admin token.</summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        // Every admin route answers 401 without the token and 403 with a wrong one (AdminTokenFilter).
        var admin = endpoints.MapGroup("/admin").AddEndpointFilter<AdminTokenFilter>().WithTags("Admin")
            .Fails(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        AudienceEndpoints.Map(admin);
        ProfileEndpoints.Map(admin);
        DeliveryEndpoints.Map(admin);
        WorkspaceEndpoints.Map(admin);
        AudienceConnectionEndpoints.Map(admin);
        ReconcileEndpoints.Map(admin);
        Privacy.DsrAdminEndpoints.Map(admin);
        admin.MapGet("/processing", async (IInboxStore inbox, ProcessingStatistics statistics, Ingest.IngestMetrics ingest, CancellationToken cancellationToken) =>
            Results.Json(
                new ProcessingView(
                    await inbox.CountAsync(cancellationToken).ConfigureAwait(false),
                    statistics.Totals.Batches,
                    statistics.Totals.Events,
                    statistics.Totals.ProfilesCreated,
                    statistics.Totals.Conflicts,
                    statistics.Totals.Unreadable,
                    statistics.Totals.Failed,
                    statistics.Totals.MembershipChanges,
                    statistics.Totals.EchoSuppressed,
                    ingest.BatchesRefused),
                AdminJson.Context.ProcessingView))
            .Answers<ProcessingView>()
            .WithSummary("Processing totals since the data directory was created (they survive restarts), the number of batches in the inbox, and the invalid batches left out of accepted bulk requests.");
        admin.MapGet("/partitions", (Core.Partitions.NodePartitions partitions, Core.Profiles.IProfileStore profiles, ProcessingStatistics statistics, TimeProvider time) =>
            Results.Json(
                new PartitionsView(
                    partitions.Shared,
                    partitions.NodeId,
                    [.. partitions.TrustedPartitions(time.GetUtcNow()) ?? Enumerable.Range(0, profiles.PartitionCount)],
                    statistics.FencedCommits),
                AdminJson.Context.PartitionsView))
            .Answers<PartitionsView>()
            .WithSummary("The user partitions this node works on: every one when it is alone on its store; when several nodes share a PostgreSQL database, those it holds a lease on, and the commits refused because another node took a partition over.");
        return endpoints;
    }
}
