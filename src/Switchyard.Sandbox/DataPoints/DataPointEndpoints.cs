using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.DataPoints;

/// <summary><c>GET /_sandbox/datapoints[?key=]</c> reads the ledger; <c>DELETE /_sandbox/datapoints</c> zeroes it.</summary>
internal static class DataPointEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        // Through the store: it loads the persisted ledger, so a report that comes first after a restart is not empty.
        routes.MapGet("/_sandbox/datapoints", (HttpContext context, UserStore store) =>
        {
            string? key = context.Request.Query["key"];
            return Results.Json(store.ReportDataPoints(key), SandboxJsonContext.Wire.DataPointReport);
        });

        routes.MapDelete("/_sandbox/datapoints", (UserStore store) =>
        {
            store.ClearDataPoints();
            return WireResults.Message(StatusCodes.Status200OK, "data points reset");
        });
    }
}
