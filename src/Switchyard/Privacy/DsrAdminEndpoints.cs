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
        admin.MapGet("/dsr", (string? after, int? limit, string? group, HttpContext http, DsrService service) =>
        {
            if (limit is < 1 or > 1000)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_QUERY", "limit: must be between 1 and 1000.");
            }

            var records = service.Store.List(group, after, limit ?? 100);
            return Results.Bytes(DsrJson.List(records.Select(r => Detail(r, http, service))), "application/json");
        })
            .Answers<System.Text.Json.JsonElement>().Fails(StatusCodes.Status400BadRequest)
            .WithSummary("Data subject requests in id order, with status and Braze forwarding (page with after and limit).");

        admin.MapGet("/dsr/{id}", (string id, HttpContext http, DsrService service) =>
            service.Store.Find(id) is { } record
                ? Results.Bytes(Detail(record, http, service), "application/json")
                : ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no data subject request '{id}'."))
            .Answers<System.Text.Json.JsonElement>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("One data subject request: status, stage, Braze deletions.");

        admin.MapGet("/dsr/{id}/results", (string id, DsrService service) =>
            service.Store.Result(id) is { } result
                ? Results.Bytes(Encoding.UTF8.GetBytes(result), "application/json", $"dsr-{id}.json")
                : ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There are no results for data subject request '{id}'."))
            .Answers<System.Text.Json.JsonElement>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("The JSON download of a completed access or portability request.");
    }

    private static byte[] Detail(DsrRecord r, HttpContext http, DsrService service)
    {
        var deletions = service.Store.DeletionsOf(r.Id);
        var status = service.StatusBody(r, DsrEndpoints.BaseOf(http));
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
