using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Json;

namespace Switchyard.Hosting;

/// <summary>
/// The health routes, open to anyone who can connect (they carry no secret and no user data): <c>/health/live</c> for
/// a liveness check, <c>/health/ready</c> for a load balancer's readiness check, and <c>/healthz</c>, the older liveness
/// route, kept as it was.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";

    public const string ReadyPath = "/health/ready";

    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Json(new HealthBody("ok"), HostJson.Context.HealthBody)).Answers<HealthBody>()
            .WithSummary("Liveness: answers 200 while the service runs.");
        app.MapGet(LivePath, () => Results.Json(new HealthBody("live"), HostJson.Context.HealthBody)).Answers<HealthBody>()
            .WithSummary("Liveness: answers 200 while the process runs; it checks nothing else, so a restart is the only cure it asks for.");
        var readiness = app.Services.GetRequiredService<Readiness>();
        app.MapGet(ReadyPath, (CancellationToken requestAborted) => readiness.AnswerAsync(requestAborted))
            .Answers<ReadinessBody>()
            .Answers<ReadinessBody>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Readiness: 200 while the storage answers a probe within 2 s and the node is not shutting down; 503 otherwise.");
    }
}
