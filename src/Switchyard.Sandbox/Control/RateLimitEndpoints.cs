using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Sandbox.RateLimits;

namespace Switchyard.Sandbox.Control;

/// <summary><c>/_sandbox/ratelimits</c>: read and change the limits at run time (docs/sandbox.md).</summary>
internal static class RateLimitEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/ratelimits", (RateLimitLedger ledger) => Results.Json(ledger.Options, ControlJson.Options));

        group.MapPut("/ratelimits", async (HttpRequest request, RateLimitLedger ledger, CancellationToken ct) =>
        {
            var (body, error) = await ControlJson.ReadAsync(request, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            var options = RateLimitOptionsPatch.Apply(ledger.Options, body, errors);
            if (options is null)
            {
                return ControlJson.Invalid(errors);
            }

            ledger.Replace(options);
            return Results.Json(options, ControlJson.Options);
        });
    }
}
