using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>
/// Several <c>switchyard serve</c> processes on one PostgreSQL database, the sandbox as Braze, with load spread over
/// them while one is killed (kill -9) and another is paused (SIGSTOP) for longer than a lease and then resumed
/// (postgres-queue.md §6.12 a, c, d, f); then one node alone is given the same acknowledged events, and its audience and
/// Braze segment must equal the three nodes'. Leases are 3 s here (<c>SWITCHYARD_TEST_LEASE_MS</c>), so no step waits for a
/// 15-second lease.
/// </summary>
public sealed class MultiNodeProcessTests : IDisposable
{
    private const string RestKey = "multi-node-rest-key-000000000001";
    private const int Users = 24;

    // A Braze request carries at most 75 events; each node has at most this many requests in flight.
    private const int EventsPerRequest = 75;
    private const int InFlightPerNode = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-nodes-" + Guid.NewGuid().ToString("N"));

    public MultiNodeProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Three_nodes_lose_no_acknowledged_event_keep_each_users_order_and_fence_the_paused_nodes_late_commits()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var braze = await BrazeSandbox.StartWithFullRequestLogAsync(RestKey);
        var workspace = await WriteWorkspaceAsync("workspace.json", braze.Endpoint);

        var nodes = new Node[3];
        var processes = new SwitchyardProcess[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            var environment = new Dictionary<string, string> { ["SWITCHYARD_TEST_LEASE_MS"] = ((int)Lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) };
            if (i == 1)
            {
                // The node to be paused takes its time inside each chunk, so the pause finds it with a chunk not committed.
                environment["SWITCHYARD_TEST_PROCESS_DELAY_MS"] = "20";
            }

            processes[i] = SwitchyardProcess.Start(_directory, environment, "serve", "--config", workspace, "--data", Path.Combine(_directory, "node" + i), "--port", "0", "--postgres", database.ConnectionString);
        }

        try
        {
            // The three start together on an empty database: one of them creates the schema, the others wait for it.
            for (var i = 0; i < nodes.Length; i++)
            {
                var address = (await processes[i].WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
                nodes[i] = new Node(processes[i], new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(5) });
            }

            // The three share the partitions between them before the load starts.
            await Eventually.HoldsAsync(
                async () =>
                {
                    var held = await Task.WhenAll(nodes.Select(n => HeldAsync(n.Client)));
                    return held.All(h => h.Count > 0) && held.Sum(h => h.Count) == 256 && held.SelectMany(h => h).Distinct().Count() == 256;
                },
                TimeSpan.FromSeconds(30),
                "every partition is held by exactly one of the three nodes");

            // An audience synced to Braze: the users of group "a" (every third user), whatever node processes them.
            await DefineGroupAAsync(nodes[0].Client, braze);

            var load = new Load(nodes);
            var sending = load.RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));

            // kill -9 the first node: no shutdown code runs, its leases simply run out.
            load.Target([nodes[1], nodes[2]]);
            nodes[0].Process.Kill();
            await Task.Delay(TimeSpan.FromSeconds(3));

            // Pause the second for twice the lease, while the third takes everything over; then let it go on.
            load.Target([nodes[2]]);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            var survivor = (string)(await PartitionsAsync(nodes[2].Client))["node"]!;
            nodes[1].Process.Pause();
            await Task.Delay(Lease * 2);

            // Before it wakes, the survivor has taken over every partition and raised each one's fence to its lease.
            await Eventually.HoldsAsync(
                async () => await database.ScalarAsync<long>(
                    $"SELECT count(*) FROM partition_lease l JOIN partition_cursors c USING (partition) WHERE l.owner = '{survivor}' AND c.epoch = l.epoch") == 256,
                TimeSpan.FromSeconds(30),
                "the survivor holds and has fenced every partition");
            nodes[1].Process.Resume();
            load.Target([nodes[1], nodes[2]]);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var acknowledged = await load.StopAsync(sending);
            Assert.True(acknowledged.Count > 200, $"the load was sustained ({acknowledged.Count} events acknowledged)");

            // Every acknowledged event reaches Braze.
            List<(string User, int Seq)> delivered = [];
            await Eventually.HoldsAsync(
                async () =>
                {
                    delivered = await DeliveredAsync(braze);
                    return acknowledged.IsSubsetOf(delivered);
                },
                TimeSpan.FromSeconds(60),
                "every acknowledged event reaches the sandbox");

            // Repeats only from requests in flight at the two faults.
            var repeats = delivered.Count - delivered.Distinct().Count();
            Assert.InRange(repeats, 0, 2 * InFlightPerNode * EventsPerRequest);

            // Per user, the first arrival of each event follows the order the events were sent in.
            foreach (var user in delivered.GroupBy(d => d.User))
            {
                var firsts = user.Select(d => d.Seq).Distinct().ToList();
                Assert.Equal(firsts.Order(), firsts);
            }

            // The audience holds what the traffic must make of it, and so does Braze's segment.
            string[] groupA = [.. Enumerable.Range(0, Users).Where(u => u % 3 == 0).Select(u => "u" + u)];
            var size = (await AdminAsync(nodes[2].Client, HttpMethod.Get, "/admin/audiences/5/size"))["size"]!.GetValue<long>();
            Assert.Equal(groupA.Length, size);
            string[] segmentMembers = [];
            await Eventually.HoldsAsync(
                async () =>
                {
                    segmentMembers = await SegmentMembersAsync(braze);
                    return segmentMembers.SequenceEqual(groupA.Order());
                },
                TimeSpan.FromSeconds(60),
                "the sandbox's segment has exactly the audience's members");

            // And one node alone, given the same acknowledged events, makes the same audience and the same segment.
            var (singleSize, singleMembers) = await SingleNodeRunAsync(acknowledged);
            Assert.Equal(singleSize, size);
            Assert.Equal(singleMembers, segmentMembers);

            // The paused node's chunk was refused on resume, not applied; it works on its share again.
            var paused = await PartitionsAsync(nodes[1].Client);
            Assert.True(paused["fenced_commits"]!.GetValue<long>() >= 1, paused.ToJsonString());
            Assert.Contains("another node took over partition", nodes[1].Process.Output, StringComparison.Ordinal);

            // SIGTERM hands the partitions over: the stopped node's leases are freed as it leaves, not left to run out.
            var leaving = (string)(await PartitionsAsync(nodes[2].Client))["node"]!;
            nodes[2].Process.Terminate();
            Assert.Equal(0, await nodes[2].Process.WaitForExitAsync(StartTimeout));
            Assert.Contains("handed over its", nodes[2].Process.Output, StringComparison.Ordinal);
            Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM partition_lease WHERE owner = '{leaving}'"));
            Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM node WHERE node_id = '{leaving}'"));
            await Eventually.HoldsAsync(async () => (await HeldAsync(nodes[1].Client)).Count == 256, TimeSpan.FromSeconds(30), "the remaining node holds every partition");
        }
        finally
        {
            foreach (var node in nodes.Where(n => n is not null))
            {
                node.Client.Dispose();
            }

            foreach (var process in processes.Where(p => p is not null))
            {
                process.Resume();
                process.Dispose();
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private const string AdminToken = "multi-node-admin-token-0123456789";

    private static Task<JsonNode> PartitionsAsync(HttpClient client) => AdminAsync(client, HttpMethod.Get, "/admin/partitions");

    /// <summary>Audience 5 (group "a"), connected to the audience output, and the sandbox segment built on its <c>SegmentMembership</c>.</summary>
    private static async Task DefineGroupAAsync(HttpClient client, BrazeSandbox braze)
    {
        await AdminAsync(client, HttpMethod.Put, "/admin/audiences/5", """{"id":5,"name":"Group A","criteria":{"attribute":"group","operator":"equals","value":"a"}}""");
        await AdminAsync(client, HttpMethod.Put, "/admin/audience-connections/braze-audiences/5", "{}");
        using var segment = await braze.Client.PutAsync("_sandbox/segments/group-a", new StringContent("""{"filter":{"attribute":"SegmentMembership","operator":"matches_regex","value":"5"}}""", Encoding.UTF8, "application/json"));
        Assert.True(segment.IsSuccessStatusCode, await segment.Content.ReadAsStringAsync());
    }

    private static async Task<string[]> SegmentMembersAsync(BrazeSandbox braze) =>
        [.. JsonNode.Parse(await braze.Client.GetStringAsync("_sandbox/segments/group-a/members"))!["members"]!.AsArray().Select(m => (string)m!["external_id"]!).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The comparison run: one node on a database and a sandbox of its own, the same workspace and audience, and every
    /// event the three nodes acknowledged, each user's in the order sent; returns the audience's size and the sandbox
    /// segment's members once every event has reached the sandbox and the segment has stopped changing.
    /// </summary>
    private async Task<(long Size, string[] Members)> SingleNodeRunAsync(IReadOnlySet<(string User, int Seq)> events)
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var braze = await BrazeSandbox.StartWithFullRequestLogAsync(RestKey);
        var workspace = await WriteWorkspaceAsync("single-workspace.json", braze.Endpoint);
        using var process = SwitchyardProcess.Start(_directory, new Dictionary<string, string>(), "serve", "--config", workspace, "--data", Path.Combine(_directory, "single"), "--port", "0", "--postgres", database.ConnectionString);
        var address = (await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        await DefineGroupAAsync(client, braze);

        var node = new Node(process, client);
        // Users side by side, each user's events one after another.
        await Task.WhenAll(events.GroupBy(e => e.User).Select(async user =>
        {
            foreach (var seq in user.Select(e => e.Seq).Order())
            {
                Assert.True(await Load.SendOneAsync(node, user.Key, seq), $"the single node acknowledges {user.Key} #{seq}");
            }
        }));

        await Eventually.HoldsAsync(
            async () => (await DeliveredAsync(braze)).Distinct().Count() == events.Count,
            TimeSpan.FromSeconds(60),
            "the single node delivers every event");
        string[] members = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                var before = await SegmentMembersAsync(braze);
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                members = await SegmentMembersAsync(braze);
                return members.Length > 0 && members.SequenceEqual(before);
            },
            TimeSpan.FromSeconds(60),
            "the single node's segment has members and stops changing");
        var size = (await AdminAsync(client, HttpMethod.Get, "/admin/audiences/5/size"))["size"]!.GetValue<long>();
        return (size, members);
    }

    /// <summary>The workspace every node of a run shares: one input, a Braze output and an audience output on the sandbox at <paramref name="brazeEndpoint"/>.</summary>
    private async Task<string> WriteWorkspaceAsync(string name, string brazeEndpoint)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, $$"""
                {
                  "admin": { "token": "{{AdminToken}}" },
                  "inputs": [ { "id": "app", "key": "app-key", "secret": "{{TestService.Secret}}" } ],
                  "outputs": [ { "id": "braze", "type": "braze", "maxInFlight": {{InFlightPerNode}},
                                 "settings": { "restApiKey": "{{RestKey}}", "instance": "Custom", "customRestEndpoint": "{{brazeEndpoint}}" } },
                               { "id": "braze-audiences", "type": "braze_audience",
                                 "settings": { "restApiKey": "{{RestKey}}", "instance": "Custom", "customRestEndpoint": "{{brazeEndpoint}}" } } ],
                  "connections": [ { "input": "app", "output": "braze" } ]
                }
                """);
        return path;
    }

    private static async Task<JsonNode> AdminAsync(HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    private static async Task<IReadOnlyList<int>> HeldAsync(HttpClient client) =>
        [.. (await PartitionsAsync(client))["held"]!.AsArray().Select(p => p!.GetValue<int>())];

    /// <summary>Every "step" event the sandbox accepted, in the order its requests arrived.</summary>
    private static async Task<List<(string User, int Seq)>> DeliveredAsync(BrazeSandbox braze)
    {
        var log = JsonNode.Parse(await braze.Client.GetStringAsync("_sandbox/requests?path=/users/track"))!["requests"]!.AsArray();
        var delivered = new List<(string, int)>();
        foreach (var entry in log.OrderBy(e => e!["sequence"]!.GetValue<long>()))
        {
            if (entry!["status"]?.GetValue<int>() is not (>= 200 and < 300))
            {
                continue;
            }

            var body = JsonNode.Parse(entry["body_excerpt"]!.GetValue<string>())!;
            foreach (var e in body["events"]?.AsArray() ?? [])
            {
                if ((string?)e!["name"] == "step")
                {
                    delivered.Add(((string)e["external_id"]!, int.Parse(e["properties"]!["seq"]!.ToString(), CultureInfo.InvariantCulture)));
                }
            }
        }

        return delivered;
    }

    private sealed record Node(SwitchyardProcess Process, HttpClient Client);

    /// <summary>Sends one event per batch, users in turn, to the nodes it targets in turn; keeps what was acknowledged.</summary>
    private sealed class Load(Node[] nodes)
    {
        private readonly HashSet<(string User, int Seq)> _acknowledged = [];
        private readonly CancellationTokenSource _stop = new();
        private volatile Node[] _targets = nodes;

        public void Target(Node[] targets) => _targets = targets;

        public async Task RunAsync()
        {
            var seq = new int[Users];
            var turn = 0;
            while (!_stop.IsCancellationRequested)
            {
                // Four requests at a time, users distinct, so each user's events are sent one after another.
                var sends = new List<Task>();
                for (var k = 0; k < 4; k++, turn++)
                {
                    var user = turn % Users;
                    var targets = _targets;
                    sends.Add(SendAsync(targets[turn % targets.Length], "u" + user, ++seq[user]));
                }

                await Task.WhenAll(sends);
            }
        }

        public async Task<HashSet<(string User, int Seq)>> StopAsync(Task running)
        {
            await _stop.CancelAsync();
            await running;
            _stop.Dispose();
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }

        /// <summary>Sends one event; true when the node answered 202.</summary>
        public static async Task<bool> SendOneAsync(Node node, string user, int seq)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
            {
                Content = new StringContent(
                    $$$$"""{"environment":"development","user_identities":{"customer_id":"{{{{user}}}}"},"user_attributes":{"group":"{{{{(int.Parse(user[1..], CultureInfo.InvariantCulture) % 3 == 0 ? "a" : "b")}}}}"},"events":[{"event_type":"custom_event","data":{"event_name":"step","custom_event_type":"other","custom_attributes":{"seq":"{{{{seq}}}}"}}}]}""",
                    Encoding.UTF8,
                    "application/json"),
            };
            post.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);
            try
            {
                using var response = await node.Client.SendAsync(post);
                return response.StatusCode == HttpStatusCode.Accepted;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not acknowledged (the node is gone): nothing is owed for this event.
                return false;
            }
        }

        private async Task SendAsync(Node node, string user, int seq)
        {
            if (await SendOneAsync(node, user, seq))
            {
                lock (_acknowledged)
                {
                    _acknowledged.Add((user, seq));
                }
            }
        }
    }
}
