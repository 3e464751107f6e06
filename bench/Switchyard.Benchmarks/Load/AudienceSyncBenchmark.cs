using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// <c>audience-sync</c>: an audience's membership kept in Braze (the sandbox, in this process) as attributes. Users join
/// through the Events API while the audience is not connected; then (1) connecting it through the admin API is timed
/// until its sync job is done and the output's queue is empty, and (2) every user leaves in real time, timed from the
/// first request until a Braze segment on the attributes is empty and the queue is too.
/// </summary>
internal static partial class AudienceSyncBenchmark
{
    private const string RestKey = "bench-rest-key-0123456789";
    private const string AdminToken = "bench-admin-token-0123456789abcdef";
    private const string Output = "braze-audiences";
    private const int Audience = 11036;
    private const string AudienceName = "Ibiza dreamers";
    private const int Connections = 8;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LogCatchUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(int users, string sendSegmentsAs)
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        options.Control.RateLimits = options.Control.RateLimits with { Track = new(3_000, 3) };
        options.Control.RequestLogCapacity = 100_000;
        await using var sandbox = await SandboxServer.StartAsync(options);
        using var server = await ServerProcess.StartAsync(processor: true, workspaceMembers: Workspace(sandbox.BaseAddress, sendSegmentsAs));
        using var probe = new AudienceSyncProbe(server.Address, AdminToken, sandbox.BaseAddress, Output, Audience);
        using var ingest = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections }) { BaseAddress = server.Address };
        ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerProcess.Key}:{ServerProcess.Secret}")));
        await probe.DefineSegmentAsync(SegmentFilter(sendSegmentsAs));

        return await JoinAsync(ingest, probe, users) && await InitialSyncAsync(probe, users, sendSegmentsAs) && await LeaveAsync(ingest, probe, users, sendSegmentsAs)
            ? 0
            : 1;
    }

    /// <summary>Top-level members of the workspace file besides the bench feed.</summary>
    private static string Workspace(Uri sandbox, string sendSegmentsAs)
    {
        var settings = new JsonObject
        {
            ["restApiKey"] = RestKey,
            ["instance"] = "Custom",
            ["customRestEndpoint"] = sandbox.ToString().TrimEnd('/'),
            ["sendSegmentsAs"] = sendSegmentsAs,
        };
        var members = new JsonObject
        {
            ["outputs"] = new JsonArray(new JsonObject { ["id"] = Output, ["type"] = "braze_audience", ["settings"] = settings }),
            ["admin"] = new JsonObject { ["token"] = AdminToken },
            ["audiences"] = new JsonArray(new JsonObject
            {
                ["id"] = Audience,
                ["name"] = AudienceName,
                ["criteria"] = new JsonObject { ["attribute"] = "dream", ["operator"] = "equals", ["value"] = "ibiza" },
            }),
        }.ToJsonString();
        return members[1..^1];
    }

    /// <summary>A Braze filter on the attributes the form writes (the string when there is one, as Braze's docs suggest).</summary>
    private static JsonObject SegmentFilter(string sendSegmentsAs) =>
        sendSegmentsAs.Contains("string", StringComparison.Ordinal) || sendSegmentsAs == "all"
            ? new JsonObject { ["attribute"] = "SegmentMembership", ["operator"] = "matches_regex", ["value"] = Audience.ToString(CultureInfo.InvariantCulture) }
            : sendSegmentsAs.Contains("array", StringComparison.Ordinal)
                ? new JsonObject { ["attribute"] = "SegmentMembershipArray", ["operator"] = "includes_value", ["value"] = Audience.ToString(CultureInfo.InvariantCulture) }
                : new JsonObject { ["attribute"] = "In " + AudienceName, ["operator"] = "is_true" };

    /// <summary>How many attributes the form writes per audience: string, array and per-segment count one each.</summary>
    private static int Forms(string sendSegmentsAs) => sendSegmentsAs == "all"
        ? 3
        : new[] { "string", "array", "per_segment" }.Count(form => sendSegmentsAs.Contains(form, StringComparison.Ordinal));

    /// <summary>One batch per user (<c>customer_id</c> u-i), 100 batches per request, over a few connections.</summary>
    private static async Task SendAsync(HttpClient ingest, int users, string dream)
    {
        var requests = (users + 99) / 100;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            for (var request = Interlocked.Increment(ref next); request < requests; request = Interlocked.Increment(ref next))
            {
                using var content = new StringContent(Body(request * 100, Math.Min(users, (request + 1) * 100), dream), Encoding.UTF8, "application/json");
                using var response = await ingest.PostAsync(new Uri("/v2/bulkevents", UriKind.Relative), content);
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"The server answered {(int)response.StatusCode}.");
                }
            }
        })));
    }

    private static string Body(int from, int to, string dream)
    {
        var json = new StringBuilder("[");
        for (var user = from; user < to; user++)
        {
            json.Append(user > from ? "," : "").Append(CultureInfo.InvariantCulture, $$$"""
                {"environment":"production","source_request_id":"{{{dream}}}-{{{user}}}","user_identities":{"customer_id":"u-{{{user}}}"},"user_attributes":{"dream":"{{{dream}}}"}}
                """);
        }

        return json.Append(']').ToString();
    }

    private static async Task<TimeSpan?> WaitAsync(Stopwatch clock, Func<Task<bool>> done)
    {
        while (clock.Elapsed < Limit)
        {
            if (await done())
            {
                return clock.Elapsed;
            }

            await Task.Delay(Poll);
        }

        return null;
    }

    private static string Busy((int Requests, TimeSpan Busy) track) => string.Create(CultureInfo.InvariantCulture,
        $"sandbox busy {track.Busy.TotalSeconds:F2} s ({track.Busy.TotalMilliseconds / Math.Max(1, track.Requests):F1} ms per request)");

    private static string Seconds(TimeSpan? elapsed) =>
        elapsed is { } value ? value.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : $"NOT within {Limit.TotalMinutes:F0} min";

    private static string Rate(int users, TimeSpan? elapsed) =>
        elapsed is { } value ? (users / value.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "–";
}
