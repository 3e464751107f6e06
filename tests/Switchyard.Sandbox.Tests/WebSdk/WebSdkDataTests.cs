using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Tests.Http;
using static Switchyard.Sandbox.Tests.WebSdk.WebSdkCall;

namespace Switchyard.Sandbox.Tests.WebSdk;

/// <summary>What <c>/api/v3/data/</c> does with each event code and with <c>attributes[]</c>, seen through the REST export.</summary>
public sealed class WebSdkDataTests
{
    [Fact]
    public async Task Custom_events_are_recorded_on_the_user_named_by_user_id_and_answered_with_an_empty_object()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body, _) = await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Viewed Plan","p":{"plan":"gold"}},"session_id":"s1","user_id":"ada"},
                      {"name":"ce","time":{{{SdkTime + 60}}},"data":{"n":"Viewed Plan"},"session_id":"s1","user_id":"ada"}]
            """));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body!.ToJsonString());
        var user = await ExportAsync(sandbox, "ada", "custom_events");
        var viewed = Assert.Single(user["custom_events"]!.AsArray())!;
        Assert.Equal("Viewed Plan", (string?)viewed["name"]);
        Assert.Equal(2, (long)viewed["count"]!);
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)viewed["first"]);
        Assert.Equal("2026-01-01T00:01:00.000Z", (string?)viewed["last"]);
    }

    [Fact]
    public async Task The_trailing_slash_is_optional()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, _, _) = await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Opened"},"user_id":"ada"}]
            """), path: "/api/v3/data");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single((await ExportAsync(sandbox, "ada", "custom_events"))["custom_events"]!.AsArray());
    }

    [Fact]
    public async Task A_purchase_with_a_string_price_is_stored_once_per_unit_with_its_revenue()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, _, _) = await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"p","time":{{{SdkTime}}},"data":{"pid":"sku-1","c":"EUR","p":"19.99","q":2,"pr":{"color":"red"}},"user_id":"ada"}]
            """));

        Assert.Equal(HttpStatusCode.OK, status);
        var user = await ExportAsync(sandbox, "ada", "purchases", "total_revenue");
        var purchase = Assert.Single(user["purchases"]!.AsArray())!;
        Assert.Equal("sku-1", (string?)purchase["name"]);
        Assert.Equal(2, (long)purchase["count"]!);
        Assert.Equal(39.98m, (decimal)user["total_revenue"]!);
    }

    [Fact]
    public async Task Set_add_rem_and_inc_apply_to_custom_attributes_in_the_order_sent()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"set","time":{{{SdkTime}}},"data":{"key":"tags","value":["a","b"]},"user_id":"ada"},
                      {"name":"add","time":{{{SdkTime}}},"data":{"key":"tags","value":"c"},"user_id":"ada"},
                      {"name":"rem","time":{{{SdkTime}}},"data":{"key":"tags","value":"a"},"user_id":"ada"},
                      {"name":"inc","time":{{{SdkTime}}},"data":{"key":"logins","value":2},"user_id":"ada"},
                      {"name":"inc","time":{{{SdkTime}}},"data":{"key":"logins","value":1},"user_id":"ada"},
                      {"name":"set","time":{{{SdkTime}}},"data":{"key":"plan","value":"gold"},"user_id":"ada"},
                      {"name":"set","time":{{{SdkTime}}},"data":{"key":"plan","value":null},"user_id":"ada"}]
            """));

        var custom = (await ExportAsync(sandbox, "ada", "custom_attributes"))["custom_attributes"]!.AsObject();

        Assert.Equal("""["b","c"]""", custom["tags"]!.ToJsonString());
        Assert.Equal(3, (long)custom["logins"]!);
        Assert.False(custom.ContainsKey("plan"));
    }

    [Fact]
    public async Task Attributes_objects_set_standard_fields_and_custom_attributes_and_null_unsets()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await PostAsync(sandbox, Envelope("""
            "attributes":[{"user_id":"ada","first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","gender":"f",
              "dob":"1815-12-10","country":"GB","home_city":"London","language":"en","phone":"+44 20 7946 0000",
              "email_subscribe":"opted_in","push_subscribe":"subscribed","custom":{"plan":"gold","visits":3}}]
            """));
        await PostAsync(sandbox, Envelope("""
            "attributes":[{"user_id":"ada","home_city":null,"gender":"u","dob":"1815-1-5","custom":{"visits":null}}]
            """));

        var user = await ExportAsync(sandbox, "ada", "first_name", "last_name", "email", "gender", "dob", "country", "home_city",
            "language", "phone", "email_subscribe", "push_subscribe", "custom_attributes");

        Assert.Equal("Ada", (string?)user["first_name"]);
        Assert.Equal("Lovelace", (string?)user["last_name"]);
        Assert.Equal("ada@example.com", (string?)user["email"]);
        Assert.Null(user["gender"]);
        Assert.Equal("1815-01-05", (string?)user["dob"]);
        Assert.Equal("GB", (string?)user["country"]);
        Assert.Null(user["home_city"]);
        Assert.Equal("en", (string?)user["language"]);
        Assert.Equal("+442079460000", (string?)user["phone"]);
        Assert.Equal("opted_in", (string?)user["email_subscribe"]);
        Assert.Equal("subscribed", (string?)user["push_subscribe"]);
        Assert.Equal("""{"plan":"gold"}""", user["custom_attributes"]!.ToJsonString());
    }

    [Fact]
    public async Task The_envelope_user_id_names_the_user_of_objects_without_their_own()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await PostAsync(sandbox, Envelope($$$"""
            "user_id":"kit-user","events":[{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Opened"}}],"attributes":[{"first_name":"Kit"}]
            """));

        var user = await ExportAsync(sandbox, "kit-user", "first_name", "custom_events");
        Assert.Equal("Kit", (string?)user["first_name"]);
        Assert.Single(user["custom_events"]!.AsArray());
    }

    [Fact]
    public async Task Session_starts_are_counted_in_apps_and_kept_as_first_and_last_session_dates()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"ss","time":{{{SdkTime}}},"data":{},"user_id":"ada"},
                      {"name":"se","time":{{{SdkTime + 30}}},"data":{"d":30.5},"user_id":"ada"},
                      {"name":"ss","time":{{{SdkTime + 3600}}},"data":{},"user_id":"ada"}]
            """));

        var user = await ExportAsync(sandbox, "ada", "apps", "date_of_first_session", "date_of_last_session");
        var app = Assert.Single(user["apps"]!.AsArray())!;
        Assert.Equal(2, (long)app["sessions"]!);
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)user["date_of_first_session"]);
        Assert.Equal("2026-01-01T01:00:00.000Z", (string?)user["date_of_last_session"]);
    }

    [Fact]
    public async Task Events_without_a_user_id_go_to_the_devices_anonymous_user_which_a_new_external_id_then_identifies()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"ss","time":{{{SdkTime}}},"data":{}},{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Browsed"}}]
            """));
        var (status, anonymous) = await sandbox.PostAsync("/users/export/ids", """{"device_id":"device-1","fields_to_export":["external_id","user_aliases","custom_events"]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var before = Assert.Single(anonymous!["users"]!.AsArray())!;
        Assert.Null(before["external_id"]);
        Assert.Equal("braze_web_sdk_device_id", (string?)before["user_aliases"]![0]!["alias_label"]);

        // changeUser("ada"): the next request names the user; ada is new, so the anonymous profile becomes ada.
        await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"ce","time":{{{SdkTime + 5}}},"data":{"n":"Signed Up"},"user_id":"ada"}]
            """));

        var ada = await ExportAsync(sandbox, "ada", "custom_events");
        Assert.Equal(["Browsed", "Signed Up"], ada["custom_events"]!.AsArray().Select(e => (string)e!["name"]!).Order());
        Assert.Equal(1, await UserCountAsync(sandbox));
    }

    [Fact]
    public async Task An_anonymous_device_that_changes_to_a_known_user_leaves_its_anonymous_data_behind()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"ada","first_name":"Ada"}]}""");

        await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Browsed"}},{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Logged In"},"user_id":"ada"}]
            """));

        var ada = await ExportAsync(sandbox, "ada", "custom_events");
        Assert.Equal("Logged In", (string?)Assert.Single(ada["custom_events"]!.AsArray())!["name"]);
        Assert.Equal(2, await UserCountAsync(sandbox));
    }

    [Fact]
    public async Task Sdk_users_are_members_of_segments_like_rest_users()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await PostAsync(sandbox, Envelope("""
            "attributes":[{"user_id":"ada","custom":{"plan":"gold"}},{"user_id":"bob","custom":{"plan":"free"}}]
            """));

        using var put = await sandbox.Client.PutAsync("_sandbox/segments/gold", new StringContent(
            """{"filter":{"attribute":"plan","operator":"equals","value":"gold"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(put.IsSuccessStatusCode);
        var members = await sandbox.GetAsync("/_sandbox/segments/gold/members");

        Assert.Equal(["ada"], members["members"]!.AsArray().Select(m => (string)m!["external_id"]!));
    }

    [Fact]
    public async Task Sdk_writes_bill_data_points_under_the_sdk_key_by_the_rest_rules()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Opened"},"user_id":"ada"},
                      {"name":"p","time":{{{SdkTime}}},"data":{"pid":"sku","c":"USD","p":"1.00","q":3},"user_id":"ada"},
                      {"name":"set","time":{{{SdkTime}}},"data":{"key":"plan","value":"gold"},"user_id":"ada"},
                      {"name":"ss","time":{{{SdkTime}}},"data":{},"user_id":"ada"}],
            "attributes":[{"user_id":"ada","first_name":"Ada","email_subscribe":"opted_in"}]
            """));

        var report = await sandbox.GetAsync("/_sandbox/datapoints?key=" + Switchyard.Sandbox.Hosting.SandboxOptions.DefaultSdkApiKey);
        var total = report["total"]!;
        Assert.Equal(1, (long)total["events"]!);
        Assert.Equal(3, (long)total["purchases"]!);
        Assert.Equal(1, (long)total["custom_attributes"]!);
        Assert.Equal(1, (long)total["profile_attributes"]!);
        Assert.Equal(6, (long)total["total"]!);
        Assert.Equal(0, await sandbox.DataPointsAsync(SandboxHttp.FullKey));
    }

    [Fact]
    public async Task Codes_the_sandbox_does_not_store_are_accepted_and_ignored()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body, _) = await PostAsync(sandbox, Envelope($$$"""
            "events":[{"name":"lr","time":{{{SdkTime}}},"data":{"latitude":1,"longitude":2},"user_id":"ada"}]
            """));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body!.ToJsonString());
        Assert.Equal(0, await UserCountAsync(sandbox));
    }

    [Fact]
    public async Task Session_counts_survive_a_restart_with_a_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("sdk-sessions-");
        try
        {
            await using (var first = await SandboxHttp.StartAsync(o => o.DataDirectory = directory.FullName))
            {
                await PostAsync(first, Envelope($$$"""
                    "events":[{"name":"ss","time":{{{SdkTime}}},"data":{},"user_id":"ada"}]
                    """));
            }

            await using var second = await SandboxHttp.StartAsync(o => o.DataDirectory = directory.FullName);
            var app = Assert.Single((await ExportAsync(second, "ada", "apps"))["apps"]!.AsArray())!;
            Assert.Equal(1, (long)app["sessions"]!);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
