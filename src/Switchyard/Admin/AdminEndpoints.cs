using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Core.Storage;
using Switchyard.Processing;

namespace Switchyard.Admin;

/// <summary>The admin API under <c>/admin</c>, every route behind the admin token.</summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").AddEndpointFilter<AdminTokenFilter>().WithTags("Admin");
        AudienceEndpoints.Map(admin);
        ProfileEndpoints.Map(admin);
        DeliveryEndpoints.Map(admin);
        AudienceConnectionEndpoints.Map(admin);
        Privacy.DsrAdminEndpoints.Map(admin);
        admin.MapGet("/processing", async (IInboxStore inbox, ProcessingStatistics statistics, Ingest.IngestMetrics ingest, CancellationToken cancellationToken) =>
            Results.Json(
                new ProcessingView(
                    await inbox.CountAsync(cancellationToken).ConfigureAwait(false),
                    statistics.Batches,
                    statistics.Events,
                    statistics.ProfilesCreated,
                    statistics.Conflicts,
                    statistics.Unreadable,
                    statistics.Failed,
                    statistics.MembershipChanges,
                    statistics.EchoSuppressed,
                    ingest.BatchesRefused),
                AdminJson.Context.ProcessingView))
            .WithSummary("Processing counters since start, the number of batches in the inbox, and the invalid batches left out of accepted bulk requests.");
        return endpoints;
    }
}
