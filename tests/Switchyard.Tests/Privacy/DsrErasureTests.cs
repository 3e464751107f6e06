using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Privacy;

/// <summary>Erasure end to end: Events API in, Braze (the sandbox) out, then a DSR erasure, and nothing left anywhere.</summary>
[Collection(MetricsCollection.Name)]
public sealed class DsrErasureTests
{
    [Fact]
    public async Task An_erasure_leaves_no_identity_or_mpid_of_the_user_in_any_table_and_the_sandbox_no_longer_has_the_user()
    {
        await using var fixture = await DsrFixture.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.PostJsonAsync("/v2/events", DsrFixture.Batch("gone-1", "gone@example.com", "pro"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.PostJsonAsync("/v2/events", DsrFixture.Batch("kept-1", "kept@example.com", "free"))).StatusCode);
        await Eventually.HoldsAsync(async () => await fixture.BrazeUsersAsync("gone-1", "kept-1") == 2, TimeSpan.FromSeconds(30), "both users in the sandbox");
        var mpid = await MpidAsync(fixture, "gone@example.com");

        var id = Guid.NewGuid().ToString();
        using var submitted = await fixture.PostJsonAsync("/v3/requests/", DsrFixture.Request(id, "erasure", "gone@example.com"));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        await fixture.WaitForStatusAsync(id, "completed");

        Assert.Empty(fixture.FindEverywhere(mpid, "gone-1", "gone@example.com"));
        Assert.Equal(0, await fixture.BrazeUsersAsync("gone-1"));
        Assert.Equal(1, await fixture.BrazeUsersAsync("kept-1"));
        Assert.NotEmpty(fixture.FindEverywhere(await MpidAsync(fixture, "kept@example.com"), "kept-1"));
        var status = await fixture.StatusAsync(id);
        var forwarded = status["extensions"]!["opendsr.mparticle.com"]!["distribution_status"]![0]!;
        Assert.Equal("sent", (string?)forwarded["status"]);
        Assert.Equal("braze", (string?)forwarded["name"]);
    }

    [Fact]
    public async Task A_user_erased_while_their_batches_are_still_unprocessed_does_not_come_back()
    {
        // No processor at first: the batches wait in the inbox, unprocessed, when the erasure is accepted.
        await using var fixture = await DsrFixture.StartAsync(runProcessor: false);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.PostJsonAsync("/v2/events", DsrFixture.Batch("late-1", "late@example.com", "p" + i))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await fixture.PostJsonAsync("/v2/events", DsrFixture.Batch("other-1", "other@example.com", "free"))).StatusCode);
        var id = Guid.NewGuid().ToString();
        using (var submitted = await fixture.PostJsonAsync("/v3/requests", DsrFixture.Request(id, "erasure", "late@example.com")))
        {
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        await fixture.StopHostAsync();
        await fixture.StartHostAsync();
        await fixture.WaitForStatusAsync(id, "completed");
        await Eventually.HoldsAsync(async () => await fixture.BrazeUsersAsync("other-1") == 1, TimeSpan.FromSeconds(30), "the other user delivered");

        Assert.Equal(0, await fixture.BrazeUsersAsync("late-1"));
        using var lookup = await AdminAsync(fixture, "/admin/profiles?identity=email&value=late%40example.com");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Empty(fixture.FindEverywhere(long.MinValue, "late-1", "late@example.com"));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_an_erasure_completes_it_once()
    {
        await using var fixture = await DsrFixture.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.PostJsonAsync("/v2/events", DsrFixture.Batch("mid-1", "mid@example.com", "pro"))).StatusCode);
        await Eventually.HoldsAsync(async () => await fixture.BrazeUsersAsync("mid-1") == 1, TimeSpan.FromSeconds(30), "the user in the sandbox");

        // Braze refuses the first deletion with a 503, so the request is in progress, its deletion queued for a retry,
        // when the host stops.
        using (var sandbox = new HttpClient { BaseAddress = fixture.Sandbox.BaseAddress })
        {
            using var fault = await sandbox.PostAsync("_sandbox/faults", new StringContent("""{"kind":"status","status":503,"path":"/users/delete","count":1}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
        }

        var id = Guid.NewGuid().ToString();
        using (var submitted = await fixture.PostJsonAsync("/v3/requests", DsrFixture.Request(id, "erasure", "mid@example.com", fixture.Callbacks.Prefix + "dsr/hook")))
        {
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        await Eventually.HoldsAsync(
            async () => (await AdminJsonAsync(fixture, $"/admin/dsr/{id}"))["braze_deletions"]!.AsArray().Any(d => (int)d!["attempts"]! >= 1),
            TimeSpan.FromSeconds(30),
            "the first deletion attempt refused");
        Assert.Equal("in_progress", (string?)(await fixture.StatusAsync(id))["request_status"]);

        await fixture.StopHostAsync();
        await fixture.StartHostAsync();
        await fixture.WaitForStatusAsync(id, "completed");

        Assert.Equal(0, await fixture.BrazeUsersAsync("mid-1"));
        var detail = await AdminJsonAsync(fixture, $"/admin/dsr/{id}");
        var deletion = Assert.Single(detail["braze_deletions"]!.AsArray());
        Assert.Equal("sent", (string?)deletion!["state"]);
        Assert.Equal(2, (int)deletion["attempts"]!);
        await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Callbacks.Received.Any(c => c.Body.Length > 0 && ((string?)JsonNode.Parse(c.Body)!["request_status"]) == "completed")),
            TimeSpan.FromSeconds(30),
            "the completed callback");
        Assert.Single(fixture.Callbacks.Received, c => (string?)JsonNode.Parse(c.Body)!["request_status"] == "completed");
    }

    internal static async Task<long> MpidAsync(DsrFixture fixture, string email)
    {
        await Eventually.HoldsAsync(
            async () => (await AdminAsync(fixture, $"/admin/profiles?identity=email&value={Uri.EscapeDataString(email)}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            $"a profile for {email}");
        using var response = await AdminAsync(fixture, $"/admin/profiles?identity=email&value={Uri.EscapeDataString(email)}");
        return long.Parse((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["mpid"]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<HttpResponseMessage> AdminAsync(DsrFixture fixture, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Host!.AdminToken);
        return await fixture.Client.SendAsync(request);
    }

    internal static async Task<JsonNode> AdminJsonAsync(DsrFixture fixture, string path)
    {
        using var response = await AdminAsync(fixture, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
