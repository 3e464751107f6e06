using System.Net;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class DataPointHttpTests
{
    [Fact]
    public async Task Each_attribute_written_costs_one_even_when_unchanged()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"A","plan":"gold"}]}""");
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"A","plan":"gold"}]}""");

        var report = await sandbox.GetAsync("/_sandbox/datapoints?key=full-key");
        Assert.Equal(2, (long)report["total"]!["profile_attributes"]!);
        Assert.Equal(2, (long)report["total"]!["custom_attributes"]!);
        Assert.Equal(4, (long)report["total"]!["total"]!);
    }

    [Fact]
    public async Task Identifiers_subscriptions_push_tokens_and_deletions_are_free()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await sandbox.TrackAsync("""
            {"attributes":[{"external_id":"u1","user_alias":{"alias_name":"a","alias_label":"l"},"email_subscribe":"opted_in",
              "push_subscribe":"unsubscribed","subscription_groups":[{"subscription_group_id":"g","subscription_state":"subscribed"}],
              "push_tokens":[{"app_id":"app","token":"t"}],"_update_existing_only":false,"_merge_objects":true}]}
            """);
        await sandbox.PostAsync("/users/alias/new", """{"user_aliases":[{"external_id":"u1","alias_name":"b","alias_label":"m"}]}""");
        await sandbox.PostAsync("/users/delete", """{"external_ids":["u1"]}""");

        Assert.Equal(0, await sandbox.DataPointsAsync());
    }

    [Fact]
    public async Task Country_and_language_cost_only_when_set()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","country":"US","language":"en"}]}""");
        var afterSet = await sandbox.DataPointsAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","country":null,"language":null}]}""");

        Assert.Equal(2, afterSet);
        Assert.Equal(2, await sandbox.DataPointsAsync());
    }

    [Fact]
    public async Task Arrays_cost_one_to_set_and_one_per_added_value()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","tags":["a","b","c"]}]}""");
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","tags":{"add":["d","e"]}}]}""");

        Assert.Equal(3, await sandbox.DataPointsAsync());
    }

    [Fact]
    public async Task Events_and_purchases_cost_one_each_and_quantity_multiplies()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await sandbox.TrackAsync("""
            {"events":[{"external_id":"u1","name":"a","time":"2026-01-01"},{"external_id":"u1","name":"a","time":"2026-01-01"}],
             "purchases":[{"external_id":"u1","product_id":"p","currency":"EUR","price":1,"quantity":3,"time":"2026-01-01"}]}
            """);

        var report = await sandbox.GetAsync("/_sandbox/datapoints");
        Assert.Equal(2, (long)report["total"]!["events"]!);
        Assert.Equal(3, (long)report["total"]!["purchases"]!);
    }

    [Fact]
    public async Task Rejected_objects_cost_nothing()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"A","gender":"?"}],"events":[{"external_id":"u1","name":"a"}]}""");

        Assert.Equal(0, await sandbox.DataPointsAsync());
    }

    [Fact]
    public async Task The_ledger_is_kept_per_key_and_can_be_reset()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""");
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1,"b":2}]}""", SandboxHttp.OtherKey);

        var all = await sandbox.GetAsync("/_sandbox/datapoints");
        Assert.Equal(3, (long)all["total"]!["total"]!);
        Assert.Equal(1, (long)(await sandbox.GetAsync("/_sandbox/datapoints?key=full-key"))["total"]!["total"]!);
        Assert.Equal(2, (long)(await sandbox.GetAsync("/_sandbox/datapoints?key=other-key"))["total"]!["total"]!);

        // Keys are secrets: the report names them by their last characters only.
        Assert.Equal(2, (long)all["keys"]!["****-key"]!["total"]!);
        Assert.DoesNotContain("other-key", all.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("full-key", all.ToJsonString(), StringComparison.Ordinal);

        using var reset = await sandbox.Client.DeleteAsync(new Uri("_sandbox/datapoints", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, (long)(await sandbox.GetAsync("/_sandbox/datapoints"))["total"]!["total"]!);
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }
}
