using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Admin;

public sealed class DeliveryAdminTests
{
    [Fact]
    public async Task Dead_letters_are_listed_with_their_reason_and_can_be_replayed()
    {
        var workspace = new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", "braze", """{"restApiKey":"secret-rest-key","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""")],
            Connections = [new Connection("app", "braze", Active: false)],
        };
        // No delivery worker: it would take the item (whose batch is not in the inbox) from under the test.
        await using var service = await TestService.StartAsync(workspace, runProcessor: false);
        var profiles = (IProfileStore)service.Host.Services.GetService(typeof(IProfileStore))!;
        var delivery = (IDeliveryStore)service.Host.Services.GetService(typeof(IDeliveryStore))!;
        using (var session = await profiles.BeginSessionAsync(default))
        {
            session.Enqueue(new OutboxEntry("braze", 42, """{"seq":1}""", 1));
            await session.CommitAsync(default);
        }

        await delivery.DeadLetterAsync((await delivery.ClaimDueAsync("braze", long.MaxValue, 1, default))[0].Id, "400: 'quantity' is not valid", 2, null, default);

        var outputs = await GetAsync(service, "/admin/outputs");
        Assert.Equal(0, (int)outputs["outputs"]![0]!["queued"]!);
        Assert.False((bool)outputs["outputs"]![0]!["connections"]![0]!["active"]!);
        Assert.DoesNotContain("restApiKey", outputs.ToJsonString(), StringComparison.Ordinal);
        var detail = await GetAsync(service, "/admin/outputs/braze");
        Assert.Equal("Custom", (string?)detail["settings"]!["instance"]);
        Assert.Equal("[redacted]", (string?)detail["settings"]!["restApiKey"]);
        Assert.DoesNotContain("secret-rest-key", detail.ToJsonString(), StringComparison.Ordinal);
        using var missing = await service.AdminAsync(HttpMethod.Get, "/admin/outputs/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var letter = Assert.Single((await GetAsync(service, "/admin/dead-letters?output=braze"))["dead_letters"]!.AsArray())!;
        Assert.Equal(("42", "400: 'quantity' is not valid"), ((string?)letter["mpid"], (string?)letter["reason"]));
        Assert.False((bool)letter["keeps_batch"]!);
        // Its batch is neither kept nor in the inbox: what a replay would cost cannot be judged, and the listing says so.
        Assert.True(letter.AsObject().ContainsKey("replay_cost"));
        Assert.Null(letter["replay_cost"]);

        using var replay = await service.AdminAsync(HttpMethod.Post, $"/admin/dead-letters/{(long)letter["id"]!}/replay");
        using var again = await service.AdminAsync(HttpMethod.Post, $"/admin/dead-letters/{(long)letter["id"]!}/replay");

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(1, await delivery.CountQueuedAsync("braze", default));
        Assert.Empty((await GetAsync(service, "/admin/dead-letters"))["dead_letters"]!.AsArray());
    }

    private static async Task<JsonNode> GetAsync(TestService service, string path)
    {
        using var response = await service.AdminAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
