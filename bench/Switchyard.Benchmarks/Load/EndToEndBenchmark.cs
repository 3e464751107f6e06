using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// <c>e2e</c>: Events API → inbox → processor → outbox → delivery engine → Braze (the sandbox, in this process),
/// timed from the first request until the sandbox has acknowledged every batch (read from the server's /metrics).
/// With <c>postgres</c>, the server runs on a fresh PostgreSQL database, and <c>nodes</c> processing nodes share it:
/// requests go to the nodes in turn, and the counters are summed over every node's /metrics.
/// </summary>
internal static partial class EndToEndBenchmark
{
    private const string RestKey = "bench-rest-key-0123456789";

    public static async Task<int> RunAsync(int batches, int users, int connections, int? maxInFlight = null, string? postgres = null, int nodes = 1)
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(RestKey));
        options.Control.RateLimits = options.Control.RateLimits with { Track = new(3_000, 3) };
        await using var sandbox = await SandboxServer.StartAsync(options);
        var output = new JsonObject { ["restApiKey"] = RestKey, ["instance"] = "Custom", ["customRestEndpoint"] = sandbox.BaseAddress.ToString().TrimEnd('/') };
        await using var database = postgres is null ? null : await BenchDatabase.CreateAsync(postgres);
        var servers = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                servers.Add(await ServerProcess.StartAsync(
                    processor: true, output.ToJsonString(), workspaceMembers: nodes > 1 ? AdminToken : null, maxInFlight: maxInFlight, postgres: database?.ConnectionString));
            }

            if (nodes > 1)
            {
                await WaitForBalanceAsync(servers);
            }

            var result = await RunAsync(servers, batches, users, connections, nodes);
            if (database is not null)
            {
                foreach (var server in servers)
                {
                    server.Dispose();
                }

                servers.Clear();
                await database.PrintSizesAsync(string.Create(CultureInfo.InvariantCulture, $"end to end with {batches:N0} batches from {users:N0} users on {nodes} node(s)"));
            }

            return result;
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }
        }
    }

    private static async Task<int> RunAsync(List<ServerProcess> servers, int batches, int users, int connections, int nodes)
    {
        var payloads = PayloadFactory.Create(100, 5, seed: 11, users);
        var requests = (batches + 99) / 100;
        var clients = servers.Select(server => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = server.Address }).ToArray();
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerProcess.Key}:{ServerProcess.Secret}")));
        long counter = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var body = new byte[payloads.Template.Length];
            int request;
            while ((request = Interlocked.Increment(ref next)) < requests)
            {
                payloads.Stamp(body, ref counter);
                using var message = new HttpRequestMessage(HttpMethod.Post, "/v2/bulkevents") { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                message.Headers.Authorization = auth;
                using var response = await clients[request % clients.Length].SendAsync(message);
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"The server answered {(int)response.StatusCode}.");
                }
            }
        })));
        var ingested = clock.Elapsed;
        var expected = requests * 100L;

        double delivered = 0, objects = 0, sent = 0;
        TimeSpan? processed = null;
        while (delivered < expected && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(200);
            // Every node's counters: each processes and delivers only the partitions it holds.
            var metrics = string.Join('\n', await Task.WhenAll(clients.Select(c => c.GetStringAsync(new Uri("/metrics", UriKind.Relative)))));
            // The backlog gauge is sampled once a second, so this moment is good to about a second.
            if (processed is null && Sum(metrics, "switchyard_processing_backlog") + Sum(metrics, "switchyard_processing_backlog_batch") == 0)
            {
                processed = clock.Elapsed;
            }

            delivered = Sum(metrics, "switchyard_delivery_items_delivered_total") + Sum(metrics, "switchyard_delivery_items_skipped_total");
            objects = Sum(metrics, "switchyard_delivery_request_objects_sum");
            sent = Sum(metrics, "switchyard_delivery_request_objects_count");
        }

        var elapsed = clock.Elapsed;
        var events = expected * 5;

        // Everything delivered means everything processed: when the once-a-second gauge never showed an empty backlog
        // before the last delivery, processing caught up by then at the latest.
        if (delivered >= expected)
        {
            processed ??= elapsed;
        }

        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"e2e: {expected:N0} batches ({events:N0} events) from {users:N0} users: ingested in {ingested.TotalSeconds:F1} s, all acknowledged by the sandbox after {elapsed.TotalSeconds:F1} s " +
            $"= {events / elapsed.TotalSeconds:N0} events/s end to end; {sent:N0} requests, {objects / Math.Max(1, sent):F1} objects per request " +
            $"({objects / Math.Max(1, sent) / 75 * 100:F0} % of the 75-object rule); delivered {delivered:N0} of {expected:N0}; " +
            $"processing caught up after {processed?.TotalSeconds ?? double.NaN:F1} s{(nodes > 1 ? $"; {nodes} processing nodes on one database" : "")}"));
        foreach (var c in clients)
        {
            c.Dispose();
        }

        return delivered >= expected ? 0 : 1;
    }

    /// <summary>
    /// Waits (not timed) until the nodes have shared the partitions out, each holding at least 90 % of an even share, so
    /// the run measures the nodes side by side rather than the first one alone while the others take their leases.
    /// </summary>
    private static async Task WaitForBalanceAsync(List<ServerProcess> servers)
    {
        var partitions = Core.Partitions.UserPartitions.DefaultCount;
        var clock = Stopwatch.StartNew();
        var held = new int[servers.Count];
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            for (var i = 0; i < servers.Count; i++)
            {
                using var client = new HttpClient { BaseAddress = servers[i].Address };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminTokenValue);
                var view = JsonNode.Parse(await client.GetStringAsync(new Uri("/admin/partitions", UriKind.Relative)))!;
                held[i] = view["held"]!.AsArray().Count;
            }

            if (held.Sum() >= partitions && held.Min() >= partitions / servers.Count * 9 / 10)
            {
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"e2e: partitions held per node {string.Join(" / ", held)} after {clock.Elapsed.TotalSeconds:F0} s (not timed)"));
                return;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"The nodes did not share the partitions out within 2 minutes (held: {string.Join(" / ", held)}).");
    }

    private const string AdminTokenValue = "bench-admin-token-0123456789abcdef";

    private const string AdminToken = $$"""
        "admin":{"token":"{{AdminTokenValue}}"}
        """;

    private static double Sum(string metrics, string name)
    {
        double total = 0;
        foreach (Match match in Sample().Matches(metrics))
        {
            if (match.Groups[1].Value == name)
            {
                total += double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^([a-z_]+)(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
