using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Privacy;

/// <summary>Access and portability: the results download holds everything the store holds about the user.</summary>
[Collection(MetricsCollection.Name)]
public sealed class DsrAccessTests
{
    [Theory]
    [InlineData("access")]
    [InlineData("portability")]
    public async Task An_access_request_returns_the_profile_identities_attributes_events_memberships_ledgers_and_raw_batches(string type)
    {
        await using var fixture = await DsrFixture.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.PostJsonAsync("/v2/events", DsrFixture.Batch("see-1", "see@example.com", "gold"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.PostJsonAsync("/v2/events", DsrFixture.Batch("else-1", "else@example.com", "free"))).StatusCode);
        await Eventually.HoldsAsync(async () => await fixture.BrazeUsersAsync("see-1") == 1, TimeSpan.FromSeconds(30), "the user delivered");
        var mpid = await DsrErasureTests.MpidAsync(fixture, "see@example.com");
        // The ledger is written after Braze's answer: wait for it so the result can be checked against it.
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.FindEverywhere(mpid).Any(p => p.Contains("last_sent", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "the ledger");

        var id = Guid.NewGuid().ToString();
        using (var submitted = await fixture.PostJsonAsync("/v3/requests", DsrFixture.Request(id, type, "see@example.com")))
        {
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        await fixture.WaitForStatusAsync(id, "completed");
        var status = await fixture.StatusAsync(id);
        Assert.Equal(1, (int)status["results_count"]!);
        var resultsUrl = new Uri((string)status["results_url"]!);
        using var download = await fixture.Client.GetAsync(resultsUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("attachment", download.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var result = JsonNode.Parse(await download.Content.ReadAsStringAsync())!;

        var profile = Assert.Single(result["profiles"]!.AsArray())!;
        Assert.Equal(mpid, (long)profile["mpid"]!);
        Assert.Equal("see-1", (string?)profile["profile"]!["user_identities"]!["customer_id"]);
        Assert.Equal("see@example.com", (string?)profile["profile"]!["user_identities"]!["email"]);
        Assert.Contains("gold", profile["profile"]!["attributes"]!["plan"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEmpty(profile["profile"]!["events"]!.AsObject());
        Assert.Contains(profile["identity_links"]!.AsArray(), l => (string?)l!["key"] == "email" && (string?)l["value"] == "see@example.com");
        Assert.Contains(profile["ledgers"]!.AsArray(), l => (string?)l!["output"] == "braze");
        Assert.NotNull(profile["audiences"]);
        var batch = Assert.Single(result["batches"]!.AsArray())!;
        Assert.Equal("see-1", (string?)batch["batch"]!["user_identities"]!["customer_id"]);
        Assert.DoesNotContain("else@example.com", result.ToJsonString(), StringComparison.Ordinal);

        // The same document for the operator; the submitting feed's status list and the profile are untouched.
        using var admin = await DsrErasureTests.AdminAsync(fixture, $"/admin/dsr/{id}/results");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(mpid, await DsrErasureTests.MpidAsync(fixture, "see@example.com"));
        var listed = await DsrErasureTests.AdminJsonAsync(fixture, "/admin/dsr");
        Assert.Equal(id, (string?)Assert.Single(listed.AsArray())!["status"]!["subject_request_id"]);
    }

    [Fact]
    public async Task An_access_request_for_nobody_completes_with_no_profiles()
    {
        await using var fixture = await DsrFixture.StartAsync();
        var id = Guid.NewGuid().ToString();
        using (var submitted = await fixture.PostJsonAsync("/v3/requests", DsrFixture.Request(id, "access", "nobody@example.com")))
        {
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        await fixture.WaitForStatusAsync(id, "completed");
        Assert.Equal(0, (int)(await fixture.StatusAsync(id))["results_count"]!);
        var result = JsonNode.Parse(await fixture.Client.GetStringAsync($"/v3/requests/{id}/results"))!;
        Assert.Empty(result["profiles"]!.AsArray());
        Assert.Empty(result["batches"]!.AsArray());
    }
}
