using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// <c>reconcile</c>: users delivered to Braze (the sandbox, in this process, with its export limit of 250 requests a
/// minute on), then 1 % of them changed in the sandbox behind the server's back, then a reconcile of the whole output
/// timed until its job is finished and the repairs are delivered. Reports users checked per second, export requests,
/// drift found, and the data points the repair cost.
/// </summary>
internal static class ReconcileBenchmark
{
    private const string RestKey = "bench-rest-key-0123456789";
    private const string AdminToken = "bench-admin-token-0123456789abcdef";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(int users, int exportsPerMinute)
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        await using var sandbox = await SandboxServer.StartAsync(options);
        var settings = new JsonObject
        {
            ["restApiKey"] = RestKey,
            ["instance"] = "Custom",
            ["customRestEndpoint"] = sandbox.BaseAddress.ToString().TrimEnd('/'),
            ["reconcileExportsPerMinute"] = exportsPerMinute,
        }.ToJsonString();
        using var server = await ServerProcess.StartAsync(processor: true, brazeOutputSettings: settings, workspaceMembers: $$"""  "admin":{"token":"{{AdminToken}}"}""");
        using var http = new HttpClient { BaseAddress = server.Address };
        using var braze = new HttpClient { BaseAddress = sandbox.BaseAddress };
        braze.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RestKey);
        var admin = new AuthenticationHeaderValue("Bearer", AdminToken);

        await SendAsync(http, users);
        if (await WaitAsync(Stopwatch.StartNew(), async () => await QueuedAsync(http, admin) == 0 && await DataPointsAsync(braze) >= users * 2L) is null)
        {
            System.Console.WriteLine("reconcile setup: the users were not delivered in time");
            return 1;
        }

        var drifted = Math.Max(1, users / 100);
        for (var from = 0; from < drifted; from += 75)
        {
            var objects = string.Join(",", Enumerable.Range(from, Math.Min(75, drifted - from)).Select(i => $$"""{"external_id":"u-{{i * 100}}","plan":"changed"}"""));
            using var changed = await braze.PostAsync("users/track", new StringContent($$"""{"attributes":[{{objects}}]}""", Encoding.UTF8, "application/json"));
            changed.EnsureSuccessStatusCode();
        }

        var pointsBefore = await DataPointsAsync(braze);
        var clock = Stopwatch.StartNew();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/admin/outputs/braze/reconcile") { Content = new StringContent("""{"all":true}""", Encoding.UTF8, "application/json") };
        start.Headers.Authorization = admin;
        using var started = await http.SendAsync(start);
        var id = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!;
        JsonNode job = null!;
        var finished = await WaitAsync(clock, async () =>
        {
            job = await AdminAsync(http, admin, $"/admin/outputs/braze/reconcile/{id}");
            return (string?)job["status"] != "running";
        });
        var repaired = await WaitAsync(clock, async () => await QueuedAsync(http, admin) == 0);
        var points = await DataPointsAsync(braze) - pointsBefore;
        var @checked = (long)job["checked"]!;
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reconcile: {@checked:N0} users checked in {Seconds(finished)} = {(finished is { } f ? @checked / f.TotalSeconds : 0):N0} users/s; {(long)job["exports"]!} export requests at {exportsPerMinute}/min; drifted {(long)job["drifted"]!} of {drifted} changed, repaired {(long)job["repaired"]!}; repairs delivered after {Seconds(repaired)}; {points} data points billed by the repair; status {(string?)job["status"]}"));
        return finished is not null && repaired is not null && (string?)job["status"] == "finished" ? 0 : 1;
    }

    private static async Task SendAsync(HttpClient http, int users)
    {
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerProcess.Key}:{ServerProcess.Secret}")));
        for (var from = 0; from < users; from += 100)
        {
            var json = new StringBuilder("[");
            for (var user = from; user < Math.Min(users, from + 100); user++)
            {
                json.Append(user > from ? "," : "").Append(CultureInfo.InvariantCulture, $$$"""
                    {"environment":"production","user_identities":{"customer_id":"u-{{{user}}}"},"user_attributes":{"plan":"pro","tier":"gold"}}
                    """);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/bulkevents") { Content = new StringContent(json.Append(']').ToString(), Encoding.UTF8, "application/json") };
            request.Headers.Authorization = auth;
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<JsonNode> AdminAsync(HttpClient http, AuthenticationHeaderValue admin, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = admin;
        using var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<long> QueuedAsync(HttpClient http, AuthenticationHeaderValue admin) =>
        (long)(await AdminAsync(http, admin, "/admin/outputs/braze"))["queued"]!;

    private static async Task<long> DataPointsAsync(HttpClient braze) =>
        (long)JsonNode.Parse(await braze.GetStringAsync("_sandbox/datapoints"))!["total"]!["total"]!;

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

    private static string Seconds(TimeSpan? elapsed) =>
        elapsed is { } value ? value.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : $"NOT within {Limit.TotalMinutes:F0} min";
}
