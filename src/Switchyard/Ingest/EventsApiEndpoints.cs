using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting;
using Switchyard.Json;

namespace Switchyard.Ingest;

/// <summary>Maps the mParticle-compatible Events API routes and the Braze Currents Custom HTTP route.</summary>
internal static class EventsApiEndpoints
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v2");
        group.MapPost("/events", (HttpContext http, EventsApiHandler handler) => handler.HandleAsync(http, IngestRoute.Events))
            .TakesJson<BatchSchema>().AnswersEmpty(StatusCodes.Status202Accepted).Fails(IngestFailures)
            .WithSummary("One batch (one user's events, attributes and identities). 202 once it is stored durably.");
        group.MapPost("/bulkevents", (HttpContext http, EventsApiHandler handler) => handler.HandleAsync(http, IngestRoute.Bulk))
            .TakesJson<BatchSchema[]>().Answers<BulkAnswer>(StatusCodes.Status202Accepted).Fails(IngestFailures)
            .WithSummary("Up to 100 batches. 202 once the valid ones are stored; a body lists the batches refused, if any.");
        group.MapPost("/bulkevents/historical", (HttpContext http, EventsApiHandler handler) => handler.HandleAsync(http, IngestRoute.Historical))
            .TakesJson<BatchSchema[]>().Answers<BulkAnswer>(StatusCodes.Status202Accepted).Fails(IngestFailures)
            .WithSummary("Batches of past data, as /v2/bulkevents.");
        group.MapPost("/currents", (HttpContext http, CurrentsHandler handler) => handler.HandleAsync(http))
            .TakesJson<System.Text.Json.JsonElement>().Answers<CurrentsAnswer>(StatusCodes.Status202Accepted).Fails(IngestFailures)
            .WithSummary("Braze Currents' Custom HTTP connector: events of a Braze feed, converted to batches.");
        return endpoints;
    }

    // Bad input, credentials missing or not valid (or a feed of the wrong kind), body too large or not JSON, rate
    // limited, storage unavailable.
    private static readonly int[] IngestFailures =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests,
        StatusCodes.Status503ServiceUnavailable,
    ];
}
