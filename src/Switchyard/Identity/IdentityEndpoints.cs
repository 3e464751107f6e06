using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Core.Identity;
using Switchyard.Hosting;
using Switchyard.Ingest;
using Switchyard.Json;
using Switchyard.Processing;

namespace Switchyard.Identity;

/// <summary>
/// mParticle's Identity API (https://docs.mparticle.com/developers/apis/idsync/http-api/) under <c>/identity/v1</c>, the
/// path the mParticle SDKs use when pointed at a custom domain: identify, login, logout, search and
/// <c>{mpid}/modify</c>, authenticated with an input feed's key and secret over HTTP Basic like the Events API.
/// The resolution itself is <see cref="IdentityApi"/>'s, in Core.
/// </summary>
internal static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/identity/v1").WithTags("Identity");
        foreach (var (path, operation) in new[]
        {
            ("/identify", IdentityOperation.Identify),
            ("/login", IdentityOperation.Login),
            ("/logout", IdentityOperation.Logout),
            ("/search", IdentityOperation.Search),
        })
        {
            var builder = group.MapPost(path, (HttpContext http, IngestPipeline pipeline, FeedDirectory feeds, IdentityApi api, AudienceRuntime audiences) => ResolveAsync(http, operation, pipeline, feeds, api, audiences))
                .TakesJson<IdentityRequestSchema>().Answers<IdentityAnswerSchema>()
                .FailsWith<RouteHandlerBuilder, ErrorBody>(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests);
            if (operation == IdentityOperation.Search)
            {
                builder.FailsWith<RouteHandlerBuilder, ErrorBody>(StatusCodes.Status404NotFound).WithSummary("The user these identities name, without creating one (404 when nobody holds them).");
            }
            else
            {
                builder.WithSummary(operation switch
                {
                    IdentityOperation.Identify => "Resolve (or create) the user these identities name; answers its MPID.",
                    IdentityOperation.Login => "Switch to the known user these identities name; an anonymous profile of the device becomes or merges into it.",
                    _ => "Start a new anonymous user holding the request's device identities.",
                });
            }
        }

        group.MapPost("/{mpid}/modify", ModifyAsync)
            .TakesJson<ModifyRequestSchema>().Answers<System.Text.Json.JsonElement>()
            .FailsWith<RouteHandlerBuilder, ErrorBody>(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests)
            .WithSummary("Add, change or remove user identities of an existing MPID.");
        return endpoints;
    }

    /// <summary>
    /// A server's call carries a feed's key and secret (HTTP Basic); a browser's carries only its web input's public key
    /// in <c>x-mp-key</c>, as the Web SDK sends it, and is held to that input's origins and rate limit.
    /// </summary>
    private static async Task<bool> AdmitAsync(HttpContext http, IngestPipeline pipeline, FeedDirectory feeds)
    {
        if (http.Request.Headers.Authorization.Count == 0 && http.Request.Headers["x-mp-key"].ToString() is { Length: > 0 } key)
        {
            return await WebSdk.WebInputs.AdmitAsync(http, feeds, key, permits: 1).ConfigureAwait(false) is not null;
        }

        return await pipeline.AdmitAsync(http, BearerCredentials.Refused, brazeFeedsOnly: false).ConfigureAwait(false) is not null;
    }

    private static async Task ResolveAsync(HttpContext http, IdentityOperation operation, IngestPipeline pipeline, FeedDirectory feeds, IdentityApi api, AudienceRuntime audiences)
    {
        if (!await AdmitAsync(http, pipeline, feeds).ConfigureAwait(false))
        {
            return;
        }

        using var body = await pipeline.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var (request, error) = IdentityRequestParser.Parse(operation, body.Memory);
        if (error is not null)
        {
            await ErrorResponses.WriteAsync(http, error.Status, error.Code, error.Message).ConfigureAwait(false);
            return;
        }

        if (operation == IdentityOperation.Search)
        {
            var (found, missing) = await api.SearchAsync(request!, http.RequestAborted).ConfigureAwait(false);
            if (missing is not null)
            {
                await ErrorResponses.WriteAsync(http, missing.Status, missing.Code, missing.Message).ConfigureAwait(false);
                return;
            }

            await WriteAsync(http, found!).ConfigureAwait(false);
            return;
        }

        var (evaluator, _, _) = await audiences.CurrentAsync(http.RequestAborted).ConfigureAwait(false);
        var answer = await api.ResolveAsync(request!, evaluator, http.RequestAborted).ConfigureAwait(false);
        await WriteAsync(http, answer).ConfigureAwait(false);
    }

    private static async Task ModifyAsync(HttpContext http, string mpid, IngestPipeline pipeline, FeedDirectory feeds, IdentityApi api, AudienceRuntime audiences)
    {
        if (!await AdmitAsync(http, pipeline, feeds).ConfigureAwait(false))
        {
            return;
        }

        if (!long.TryParse(mpid, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"mpid: '{mpid}' is not an MPID (a whole number)").ConfigureAwait(false);
            return;
        }

        using var body = await pipeline.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var (changes, error) = IdentityRequestParser.ParseModify(body.Memory);
        var (evaluator, _, _) = await audiences.CurrentAsync(http.RequestAborted).ConfigureAwait(false);
        error ??= await api.ModifyAsync(id, changes!, evaluator, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            await ErrorResponses.WriteAsync(http, error.Status, error.Code, error.Message).ConfigureAwait(false);
            return;
        }

        // The Web SDK's own fixtures expect change_results; the API's schema allows an empty object.
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("{\"change_results\":[]}", http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The MPID as a JSON string: the Web SDK keeps it as text (a JavaScript number cannot hold 64 bits) and fails on a number.</summary>
    private static async Task WriteAsync(HttpContext http, IdentityAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNull("context");
            json.WriteStartObject("matched_identities");
            foreach (var (name, value) in answer.Matched)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteBoolean("is_ephemeral", false);
            json.WriteBoolean("is_logged_in", answer.IsLoggedIn);
            json.WriteString("mpid", answer.Mpid.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }
}
