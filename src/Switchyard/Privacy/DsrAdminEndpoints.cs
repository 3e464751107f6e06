using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Core.Privacy;
using Switchyard.Hosting;
using Switchyard.Json;

namespace Switchyard.Privacy;

/// <summary>
/// <c>/admin/dsr</c>: every data subject request with its status and Braze deletions, and the results of access and
/// portability requests, for operators (the admin token) rather than the submitting feed.
/// </summary>
internal static class DsrAdminEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/dsr", async (string? after, int? limit, string? group, HttpContext http, DsrService service) =>
        {
            if (limit is < 1 or > 1000)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_QUERY", "limit: must be between 1 and 1000.");
            }

            var details = new List<byte[]>();
            foreach (var r in await service.Store.ListAsync(group, after, limit ?? 100, http.RequestAborted).ConfigureAwait(false))
            {
                details.Add(await DetailAsync(r, http, service).ConfigureAwait(false));
            }

            return Results.Bytes(DsrJson.List(details), "application/json");
        })
            .Answers<System.Text.Json.JsonElement>().Fails(StatusCodes.Status400BadRequest)
            .WithSummary("Data subject requests in id order, with status and Braze forwarding (page with after and limit).");

        admin.MapGet("/dsr/{id}", async (string id, HttpContext http, DsrService service) =>
            await service.Store.FindAsync(id, http.RequestAborted).ConfigureAwait(false) is { } record
                ? Results.Bytes(await DetailAsync(record, http, service).ConfigureAwait(false), "application/json")
                : ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no data subject request '{id}'."))
            .Answers<System.Text.Json.JsonElement>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("One data subject request: status, stage, Braze deletions.");

        admin.MapGet("/dsr/{id}/results", async (string id, HttpContext http, DsrService service) =>
            await service.Store.ResultAsync(id, http.RequestAborted).ConfigureAwait(false) is { } result
                ? Results.Bytes(Encoding.UTF8.GetBytes(result), "application/json", $"dsr-{id}.json")
                : ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There are no results for data subject request '{id}'."))
            .Answers<System.Text.Json.JsonElement>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("The JSON download of a completed access or portability request.");
    }

    private static async Task<byte[]> DetailAsync(DsrRecord r, HttpContext http, DsrService service)
    {
        var deletions = await service.Store.DeletionsOfAsync(r.Id, http.RequestAborted).ConfigureAwait(false);
        var status = service.StatusBody(r, DsrEndpoints.BaseOf(http), deletions);
        return DsrJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("subject_request_type", DsrWireNames.Of(r.Type));
            w.WriteString("regulation", r.Regulation);
            w.WriteString("stage", r.Stage);
            w.WriteString("received_time", r.ReceivedTime);
            w.WriteString("submitted_time", r.SubmittedTime);
            if (r.CompletedTime is { } completed)
            {
                w.WriteString("completed_time", completed);
            }

            w.WritePropertyName("status");
            using (var document = System.Text.Json.JsonDocument.Parse(status))
            {
                document.WriteTo(w);
            }

            w.WriteStartArray("braze_deletions");
            foreach (var d in deletions)
            {
                w.WriteStartObject();
                w.WriteString("output", d.OutputId);
                w.WriteString("id_kind", d.IdKind);
                w.WriteNumber("ids", d.Ids.Count);
                w.WriteString("state", d.State);
                w.WriteNumber("attempts", d.Attempts);
                w.WriteString("last_error", d.LastError);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
