using System.Text.Json.Nodes;
using Switchyard.Compat.Support;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Compat;

/// <summary>The npm <c>braze-api</c> client works against the Switchyard Braze sandbox as it does against Braze.</summary>
public sealed class BrazeApiClientTests : IAsyncLifetime
{
    private const string Key = "compat-rest-key";
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(Key));
        _sandbox = await SandboxServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Tracked_attributes_events_and_purchases_are_exported_and_the_user_can_be_deleted()
    {
        var printed = await NodeScript.RunAsync("braze-compat.js", _sandbox.BaseAddress.ToString(), Key);
        var results = JsonNode.Parse(printed)!;

        Assert.True((bool)results["track"]!["ok"]!, printed);
        Assert.Equal("success", (string?)results["track"]!["data"]!["message"]);
        Assert.True((bool)results["update"]!["ok"]!, printed);

        // One purchase of two is invalid (quantity over 100): 201 with an error naming it, the other is kept.
        var partial = results["partial"]!;
        Assert.True((bool)partial["ok"]!, printed);
        var error = Assert.Single(partial["data"]!["errors"]!.AsArray())!;
        Assert.Equal("purchases", (string?)error["input_array"]);
        Assert.Equal(1, (int)error["index"]!);

        var user = Assert.Single(results["exported"]!["data"]!["users"]!.AsArray())!;
        Assert.Equal("compat-braze-1", (string?)user["external_id"]);
        Assert.Equal("Grace", (string?)user["first_name"]);
        Assert.Equal("grace@example.com", (string?)user["email"]);
        var custom = user["custom_attributes"]!;
        Assert.Equal("pro", (string?)custom["plan"]);
        Assert.Equal(5, (int)custom["visits"]!);
        Assert.Equal(["jazz", "blues"], custom["genres"]!.AsArray().Select(g => (string?)g));
        var played = Assert.Single(user["custom_events"]!.AsArray())!;
        Assert.Equal(("Played Song", 2), ((string?)played["name"], (int)played["count"]!));
        var purchases = user["purchases"]!.AsArray();
        Assert.Contains(purchases, p => (string?)p!["name"] == "album-7" && (int)p["count"]! == 2);
        Assert.Contains(purchases, p => (string?)p!["name"] == "album-8" && (int)p["count"]! == 1);
        Assert.DoesNotContain(purchases, p => (string?)p!["name"] == "album-9");

        Assert.False((bool)results["wrongKey"]!["ok"]!);
        Assert.Equal(401, (int)results["wrongKey"]!["status"]!);

        Assert.Equal(1, (int)results["deleted"]!["data"]!["deleted"]!);
        Assert.Empty(results["exportedAfterDelete"]!["data"]!["users"]!.AsArray());
    }
}
