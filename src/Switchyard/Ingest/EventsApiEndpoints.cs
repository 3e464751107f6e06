using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Ingest;

/// <summary>Maps the mParticle-compatible Events API routes and the Braze Currents Custom HTTP route.</summary>
internal static class EventsApiEndpoints
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v2");
        group.MapPost("/events", (HttpContext http, EventsApiHandler handler) => handler.HandleAsync(http, IngestRoute.Events));
        group.MapPost("/bulkevents", (HttpContext http, EventsApiHandler handler) => handler.HandleAsync(http, IngestRoute.Bulk));
        group.MapPost("/bulkevents/historical", (HttpContext http, EventsApiHandler handler) => handler.HandleAsync(http, IngestRoute.Historical));
        group.MapPost("/currents", (HttpContext http, CurrentsHandler handler) => handler.HandleAsync(http));
        return endpoints;
    }
}
