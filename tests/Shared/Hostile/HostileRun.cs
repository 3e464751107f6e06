using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Switchyard.Testing.Hostile;

/// <summary>
/// Sends corpus cases to one host and records every broken rule instead of stopping at the first, so one run shows the
/// whole picture: a 5xx, a hang, a 4xx without the host's JSON error body, a body-reading route that accepted what it
/// must refuse, or state that changed although the request was refused (a partial write).
/// </summary>
internal sealed class HostileRun(Uri server, Func<Task<string>> state, Func<JsonObject, bool> isErrorBody)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public List<string> Failures { get; } = [];

    public int Sent { get; private set; }

    public async Task SendAsync(HostileRoute route, HostileCase hostile)
    {
        var before = await state();
        Sent++;
        RawResponse? response;
        try
        {
            response = await RawHttp.SendAsync(server, hostile.Request, Timeout);
        }
        catch (TimeoutException e)
        {
            Fail(route, hostile, "no answer (hang): " + e.Message);
            return;
        }
        catch (Exception e) when (e is InvalidDataException or SocketException)
        {
            if (hostile.Expect != HostileExpectation.RefusedOrUnanswered)
            {
                Fail(route, hostile, "the connection closed without an answer: " + e.Message);
            }

            response = null;
        }

        if (response is { Status: >= 500 })
        {
            Fail(route, hostile, "server error: " + response.Summary());
            return;
        }

        if (response is { Status: >= 400 } && (response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true
            || response.JsonBody() is not { } body || !isErrorBody(body)))
        {
            Fail(route, hostile, "a 4xx without the JSON error body: " + response.Summary());
        }

        var mayAccept = hostile.Expect == HostileExpectation.AnyAnswer
            || (hostile.Expect == HostileExpectation.RefusedUnlessUnknownIgnored && route.IgnoresUnknownProperties);
        if (response is { Status: < 400 } && (response.Status < 200 || (route.ReadsBody && !mayAccept && !RefusedInPart(route, response))))
        {
            Fail(route, hostile, "accepted, though the route reads its body and must refuse this: " + response.Summary());
        }

        if (response is null or { Status: >= 400 } && await state() is var after && after != before)
        {
            Fail(route, hostile, $"refused, yet state changed (a partial write): before {before}, after {after}");
        }
    }

    /// <summary>A per-item route's 2xx that reports refused items: the hostile item was refused, the others kept.</summary>
    private static bool RefusedInPart(HostileRoute route, RawResponse response) =>
        route.RefusesPerItem && response.Status is >= 200 and < 300 && response.JsonBody() is { } body
        && body["refused"] is JsonArray { Count: > 0 };

    private void Fail(HostileRoute route, HostileCase hostile, string what) =>
        Failures.Add($"{route} [{hostile.Name}]: {what}");
}
