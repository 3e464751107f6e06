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
        admin.MapGet("/processing", async (IInboxStore inbox, ProcessingStatistics statistics, CancellationToken cancellationToken) =>
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
                    statistics.EchoSuppressed),
                AdminJson.Context.ProcessingView))
            .WithSummary("Processing counters since start, and the number of batches in the inbox.");
        return endpoints;
    }
}
