using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Braze.Reconcile;
using Switchyard.Hosting;
using Switchyard.Json;
using Switchyard.Reconcile;

namespace Switchyard.Admin;

/// <summary>
/// <c>/admin/outputs/{id}/reconcile</c>: compare users' Braze copies with what the output last sent, and repair the
/// drift (docs/admin-api.md, Reconcile).
/// </summary>
internal static class ReconcileEndpoints
{
    private const int MaxBodyBytes = 1024 * 1024;
    private const int MaxExternalIds = 10_000;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/outputs/{id}/reconcile", StartAsync)
            .TakesJson<ReconcileRequestBody>().Answers<ReconcileJobView>(StatusCodes.Status202Accepted)
            .Fails(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Start a reconcile job: {\"external_ids\": [...]}, {\"all\": true} or {\"audience\": id}.");

        admin.MapGet("/outputs/{id}/reconcile", (string id, ReconcileOutputs outputs, ReconcileJobs jobs, ReconcileSamples samples) =>
            outputs.Find(id) is null
                ? OutputMissing(id)
                : Results.Json(
                    new ReconcileJobList([.. (samples.Of(id) is { } sample ? [sample] : Array.Empty<ReconcileJob>()).Concat(jobs.Of(id)).Select(View)]),
                    AdminJson.Context.ReconcileJobList))
            .Answers<ReconcileJobList>().Fails(StatusCodes.Status404NotFound)
            .WithSummary("The output's reconcile jobs of this run, newest first, and its sampling job when the schedule is on.");

        admin.MapGet("/outputs/{id}/reconcile/{job}", (string id, string job, ReconcileOutputs outputs, ReconcileJobs jobs, ReconcileSamples samples) =>
        {
            if (outputs.Find(id) is null)
            {
                return OutputMissing(id);
            }

            var found = job == "sample" ? samples.Of(id) : jobs.Find(job);
            if (found is not null && found.OutputId == id)
            {
                return Results.Json(View(found), AdminJson.Context.ReconcileJobView);
            }

            return jobs.IsFromEarlierRun(job)
                ? ErrorResponses.Result(StatusCodes.Status410Gone, "JOB_INTERRUPTED",
                    $"Reconcile job '{job}' was started before Switchyard last restarted and was interrupted by the restart (jobs are not kept across restarts). The repairs it had queued stay queued; start the reconcile again to finish it.")
                : ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no reconcile job '{job}' of output '{id}'.");
        })
            .Answers<ReconcileJobView>().Fails(StatusCodes.Status404NotFound, StatusCodes.Status410Gone)
            .WithSummary("One reconcile job's progress: users checked, drift found, repairs queued.");
    }

    private static async Task<IResult> StartAsync(string id, HttpContext http, ReconcileOutputs outputs, ReconcileJobs jobs, AudienceSync.AudienceLinks links)
    {
        if (outputs.Find(id) is not { } reconciler)
        {
            return OutputMissing(id);
        }

        var (text, error) = await AdminRequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var (externalIds, all, audience, problem) = Parse(text!);
        if (problem is not null)
        {
            return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_RECONCILE", problem);
        }

        if (audience is { } audienceId && await links.ExternalNameAsync(audienceId, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"audience: there is no audience {audienceId}.");
        }

        var job = await jobs.StartAsync(reconciler, externalIds, all, audience, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(View(job), AdminJson.Context.ReconcileJobView, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Exactly one of <c>external_ids</c>, <c>all</c>, <c>audience</c>; every problem names its field.</summary>
    internal static (IReadOnlyList<string>? ExternalIds, bool All, int? Audience, string? Problem) Parse(string text)
    {
        if (text.Length == 0)
        {
            return (null, false, null, "The body must be a JSON object with one of external_ids, all or audience.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return (null, false, null, $"The body is not valid JSON: {e.Message}");
        }

        using var parsed = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, false, null, "The body must be a JSON object with one of external_ids, all or audience.");
        }

        List<string>? ids = null;
        var all = false;
        int? audience = null;
        var given = 0;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            given++;
            switch (property.Name)
            {
                case "external_ids":
                    if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() is 0 or > MaxExternalIds)
                    {
                        return (null, false, null, $"external_ids: must be an array of 1 to {MaxExternalIds} strings.");
                    }

                    ids = [];
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } externalId)
                        {
                            return (null, false, null, "external_ids: every element must be a non-empty string.");
                        }

                        ids.Add(externalId);
                    }

                    break;
                case "all":
                    if (property.Value.ValueKind != JsonValueKind.True)
                    {
                        return (null, false, null, "all: must be true (to reconcile every user the output has sent anything to).");
                    }

                    all = true;
                    break;
                case "audience":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var audienceId) || audienceId < 1)
                    {
                        return (null, false, null, "audience: must be an audience id (a positive integer).");
                    }

                    audience = audienceId;
                    break;
                default:
                    return (null, false, null, $"{property.Name}: unknown field (expected one of external_ids, all, audience).");
            }
        }

        return given == 1
            ? (ids, all, audience, null)
            : (null, false, null, "external_ids, all, audience: give exactly one of them.");
    }

    private static ReconcileJobView View(ReconcileJob job) => new(
        job.Id, job.OutputId, job.Scope, job.Status.ToString().ToLowerInvariant(), job.Total, job.Checked, job.Drifted, job.Repaired,
        job.Skipped, job.NotFound, job.Exports, job.StartedAt, job.FinishedAt, job.Error);

    private static IResult OutputMissing(string id) =>
        ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"There is no Braze output '{id}'.");
}
