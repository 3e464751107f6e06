using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Core.Privacy;
using Switchyard.Hosting;
using Switchyard.Ingest;
using Switchyard.Json;

namespace Switchyard.Privacy;

/// <summary>
/// The DSR API on mParticle's v3 paths (https://docs.mparticle.com/developers/apis/dsr-api/v3/): submit, status (one or
/// a group), cancel, discovery, plus the results download of access and portability requests. Authenticated like the
/// Events API, with an input feed's key and secret over HTTP Basic; a feed sees only the requests it submitted.
/// </summary>
internal static class DsrEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapDsrApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v3").WithTags("DSR");
        // Routing ignores a trailing slash, so "/requests/" (as mParticle's docs write it) reaches the same endpoints.
        group.MapPost("/requests", SubmitAsync)
            .TakesJson<DsrSubmitSchema>().Answers<DsrStatusSchema>(StatusCodes.Status201Created)
            .FailsWith<RouteHandlerBuilder, DsrErrorSchema>(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Submit an erasure, access or portability request (signed answer).");
        group.MapGet("/requests", ListAsync)
            .Answers<DsrStatusSchema[]>().FailsWith<RouteHandlerBuilder, DsrErrorSchema>(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)
            .WithSummary("The requests of a group (?group_id=).");
        group.MapGet("/requests/{id}", StatusAsync)
            .Answers<DsrStatusSchema>().FailsWith<RouteHandlerBuilder, DsrErrorSchema>(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound)
            .WithSummary("One request's status.");
        group.MapDelete("/requests/{id}", CancelAsync)
            .Answers<DsrStatusSchema>(StatusCodes.Status202Accepted).FailsWith<RouteHandlerBuilder, DsrErrorSchema>(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound)
            .WithSummary("Cancel a pending request.");
        group.MapGet("/requests/{id}/results", ResultsAsync)
            .Answers<System.Text.Json.JsonElement>().FailsWith<RouteHandlerBuilder, DsrErrorSchema>(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound)
            .WithSummary("The JSON download of a completed access or portability request.");
        group.MapGet("/discovery", DiscoveryAsync)
            .Answers<System.Text.Json.JsonElement>()
            .WithSummary("What this processor supports (identities, request types, the signing certificate's URL).");
        group.MapGet("/discovery/cert.pem", (DsrSigner signer) => Results.Text(signer.CertificatePem, "application/x-pem-file"))
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file")
            .WithSummary("The certificate whose key signs answers and callbacks (X-OpenDSR-Signature).");
        return endpoints;
    }

    private static async Task SubmitAsync(HttpContext http, FeedDirectory feeds, DsrService service)
    {
        if (Authenticate(http, feeds) is not { } feedId)
        {
            await RefuseAuthAsync(http, feeds).ConfigureAwait(false);
            return;
        }

        if (!JsonContentType.IsJson(http.Request.ContentType))
        {
            await ErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, "Content-Type", "unsupported_media_type", "Content-Type must be application/json.").ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, "body", "too_large", $"The body is larger than {MaxBodyBytes} bytes.").ConfigureAwait(false);
                return;
            }

            body.Write(buffer, 0, read);
        }

        // The same rules as every other JSON body: UTF-8, no lone surrogates, no repeated names, bounded depth.
        if (JsonBodyRules.Problem(body.ToArray(), 16) is { } problem)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "body", "invalid", "body: " + problem).ConfigureAwait(false);
            return;
        }

        var (submission, error) = DsrSubmissionParser.Parse(body.ToArray(), service.Settings.Callbacks);
        if (submission is null)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, error!.Field, "invalid", $"{error.Field}: {error.Message}").ConfigureAwait(false);
            return;
        }

        if (await service.SubmitAsync(feedId, submission, http.RequestAborted).ConfigureAwait(false) is not { } record)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "subject_request_id", "already_exists", "subject_request_id: a request with this id already exists.").ConfigureAwait(false);
            return;
        }

        await SignedAsync(http, service, StatusCodes.Status201Created, DsrJson.Submitted(record, body.ToArray())).ConfigureAwait(false);
    }

    private static async Task StatusAsync(HttpContext http, string id, FeedDirectory feeds, DsrService service)
    {
        if (Authenticate(http, feeds) is not { } feedId)
        {
            await RefuseAuthAsync(http, feeds).ConfigureAwait(false);
            return;
        }

        if (await service.Store.FindAsync(id, http.RequestAborted).ConfigureAwait(false) is not { } record || record.FeedId != feedId)
        {
            await ErrorAsync(http, StatusCodes.Status404NotFound, "subject_request_id", "not_found", $"There is no request '{id}'.").ConfigureAwait(false);
            return;
        }

        var status = await service.StatusBodyAsync(record, BaseOf(http), http.RequestAborted).ConfigureAwait(false);
        await SignedAsync(http, service, StatusCodes.Status200OK, status).ConfigureAwait(false);
    }

    private static async Task ListAsync(HttpContext http, FeedDirectory feeds, DsrService service)
    {
        if (Authenticate(http, feeds) is not { } feedId)
        {
            await RefuseAuthAsync(http, feeds).ConfigureAwait(false);
            return;
        }

        if (http.Request.Query["group_id"].ToString() is not { Length: > 0 } group)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "group_id", "required", "group_id: the query parameter is required to list requests.").ConfigureAwait(false);
            return;
        }

        var bodies = new List<byte[]>();
        foreach (var r in await service.Store.ListAsync(group, null, 1000, http.RequestAborted).ConfigureAwait(false))
        {
            if (r.FeedId == feedId)
            {
                bodies.Add(await service.StatusBodyAsync(r, BaseOf(http), http.RequestAborted).ConfigureAwait(false));
            }
        }

        await SignedAsync(http, service, StatusCodes.Status200OK, DsrJson.List(bodies)).ConfigureAwait(false);
    }

    private static async Task CancelAsync(HttpContext http, string id, FeedDirectory feeds, DsrService service)
    {
        if (Authenticate(http, feeds) is not { } feedId)
        {
            await RefuseAuthAsync(http, feeds).ConfigureAwait(false);
            return;
        }

        if (await service.Store.FindAsync(id, http.RequestAborted).ConfigureAwait(false) is not { } record || record.FeedId != feedId)
        {
            await ErrorAsync(http, StatusCodes.Status404NotFound, "subject_request_id", "not_found", $"There is no request '{id}'.").ConfigureAwait(false);
            return;
        }

        var now = service.Now;
        if (!await service.CancelAsync(record.Id, now, http.RequestAborted).ConfigureAwait(false))
        {
            var current = await service.Store.FindAsync(id, http.RequestAborted).ConfigureAwait(false) ?? record;
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "request_status", "not_pending", $"request_status: only a pending request can be cancelled; this one is {DsrWireNames.Of(current.Status)}.").ConfigureAwait(false);
            return;
        }

        // OpenDSR answers a cancellation with 202.
        await SignedAsync(http, service, StatusCodes.Status202Accepted, DsrJson.Cancelled(record, now)).ConfigureAwait(false);
    }

    private static async Task ResultsAsync(HttpContext http, string id, FeedDirectory feeds, DsrService service)
    {
        if (Authenticate(http, feeds) is not { } feedId)
        {
            await RefuseAuthAsync(http, feeds).ConfigureAwait(false);
            return;
        }

        if (await service.Store.FindAsync(id, http.RequestAborted).ConfigureAwait(false) is not { } record || record.FeedId != feedId
            || await service.Store.ResultAsync(id, http.RequestAborted).ConfigureAwait(false) is not { } result)
        {
            await ErrorAsync(http, StatusCodes.Status404NotFound, "subject_request_id", "not_found", $"There are no results for request '{id}'.").ConfigureAwait(false);
            return;
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"dsr-{record.Id}.json\"";
        await SignedAsync(http, service, StatusCodes.Status200OK, System.Text.Encoding.UTF8.GetBytes(result)).ConfigureAwait(false);
    }

    private static Task DiscoveryAsync(HttpContext http, DsrService service) =>
        SignedAsync(http, service, StatusCodes.Status200OK, DsrJson.Discovery(BaseOf(http) + "/v3/discovery/cert.pem"));

    internal static string BaseOf(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static string? Authenticate(HttpContext http, FeedDirectory feeds) =>
        feeds.Authenticate(http.Request.Headers.Authorization.ToString()) is { Feed: { } feed } ? feed.Feed.Id : null;

    private static Task RefuseAuthAsync(HttpContext http, FeedDirectory feeds)
    {
        var outcome = feeds.Authenticate(http.Request.Headers.Authorization.ToString());
        // The DSR API answers every credential problem with 401 (mParticle's table has no 403).
        return ErrorAsync(http, StatusCodes.Status401Unauthorized, "Authorization", "unauthorized", outcome.Message);
    }

    private static async Task SignedAsync(HttpContext http, DsrService service, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers["X-OpenDSR-Processor-Domain"] = service.Signer.Domain;
        http.Response.Headers["X-OpenDSR-Signature"] = service.Signer.Sign(body);
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ErrorAsync(HttpContext http, int status, string field, string reason, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(DsrJson.Error(status, field, reason, message), http.RequestAborted).ConfigureAwait(false);
    }
}
