using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.WebSdk;

/// <summary>
/// A kit-mode connection: the page's configuration turns on the Braze kit with the connection's settings, and the web
/// input's batches build profiles but are not sent to the output server to server (the kit sends them from the page).
/// </summary>
public sealed class KitConnectionTests
{
    private const string WebKey = "us1-webkey0000000000000000000002";
    private const string Shop = "https://shop.example.com";
    private const string RestKey = "rest-key-kit-0001";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_config_carries_the_braze_kit_with_the_connections_settings_as_strings()
    {
        await using var sandbox = await BrazeSandbox.StartAsync(RestKey);
        await using var service = await StartAsync(sandbox, new BrazeKitSettings("braze-web-sdk-key", null, "127.0.0.1:9443", "MPID", ForwardScreenViews: true, BundleCommerceEventData: false));

        var production = await ConfigAsync(service, "0");
        var development = await ConfigAsync(service, "1");

        var kit = production.GetProperty("kitConfigs").EnumerateArray().Single();
        Assert.Equal("Appboy", kit.GetProperty("name").GetString());
        Assert.Equal("v4", kit.GetProperty("suffix").GetString());
        Assert.Equal(28, kit.GetProperty("moduleId").GetInt32());
        Assert.False(kit.GetProperty("isDebug").GetBoolean());
        Assert.True(development.GetProperty("kitConfigs")[0].GetProperty("isDebug").GetBoolean());
        var settings = kit.GetProperty("settings");
        Assert.Equal("braze-web-sdk-key", settings.GetProperty("apiKey").GetString());
        Assert.Equal("127.0.0.1:9443", JsonDocument.Parse(settings.GetProperty("cluster").GetString()!).RootElement.GetProperty("JS").GetString());
        Assert.Equal("MPID", settings.GetProperty("userIdentificationType").GetString());
        Assert.Equal("True", settings.GetProperty("forwardScreenViews").GetString());
        Assert.Equal("False", settings.GetProperty("bundleCommerceEventData").GetString());
        Assert.Equal(0, kit.GetProperty("eventNameFilters").GetArrayLength());
    }

    [Fact]
    public async Task A_kit_mode_connection_builds_the_profile_but_sends_nothing_server_to_server()
    {
        await using var sandbox = await BrazeSandbox.StartAsync(RestKey);
        await using var service = await StartAsync(sandbox, new BrazeKitSettings("braze-web-sdk-key", "03", null, "CustomerId", false, false));

        using var web = await PostWebAsync(service, """
            {"source_request_id":"w1","environment":"development","user_identities":{"customer_id":"from-web"},"user_attributes":{"plan":"gold"},
             "events":[{"event_type":"custom_event","data":{"event_name":"Viewed","custom_event_type":"navigation"}}]}
            """);
        using var server = await service.PostAsync("/v2/events", Batches.CustomEvent("Bought").Replace("\"c-1\"", "\"from-server\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, web.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, server.StatusCode);
        await Eventually.HoldsAsync(async () => await sandbox.ExportAsync(RestKey, "from-server", "external_id") is not null, Timeout, "the server batch reaching Braze");
        await Eventually.HoldsAsync(async () => await service.Host.Profiles.ReadCheckpointAsync(CancellationToken.None) >= 2, Timeout, "both batches processed");
        var webUser = await service.Host.Profiles.FindMpidAsync("customer_id", "from-web", CancellationToken.None);
        Assert.NotNull(webUser);
        Assert.Equal("gold", (await service.Host.Profiles.FindProfileAsync(webUser!.Value, CancellationToken.None))!.Attributes["plan"].Text);
        Assert.Null(await sandbox.ExportAsync(RestKey, "from-web", "external_id"));

        // The server ledger claims nothing for the kit's user: what the kit writes from the page is not Switchyard's to
        // remember, so a server-mode connection sending the same attribute later sends it.
        var ledgers = service.Host.Services.GetRequiredService<Core.Delivery.IDeliveryStore>();
        Assert.Empty(await ledgers.LastSentAsync("braze", webUser.Value, default));
        var serverUser = (await service.Host.Profiles.FindMpidAsync("customer_id", "from-server", CancellationToken.None))!.Value;
        await Eventually.HoldsAsync(async () => (await ledgers.LastSentAsync("braze", serverUser, default)).ContainsKey("plan"), Timeout, "the server user's attributes in the ledger");
        Assert.Empty(await ledgers.LastSentAsync("braze", webUser.Value, default));
    }

    private static Task<TestService> StartAsync(BrazeSandbox sandbox, BrazeKitSettings kit) => TestService.StartAsync(new Workspace(
    [
        TestService.Feed("app"),
        new InputFeed("site", "Shop site", WebKey, "", null, FeedRateLimit.Default) { Kind = InputFeedKind.Web, Origins = [Shop] },
    ])
    {
        Outputs = [new OutputDefinition("braze", "braze", $$"""{"restApiKey":"{{RestKey}}","instance":"Custom","customRestEndpoint":"{{sandbox.Endpoint}}"}""")],
        Connections = [new Connection("app", "braze"), new Connection("site", "braze") { Mode = ConnectionMode.Kit, Kit = kit }],
    });

    private static async Task<JsonElement> ConfigAsync(TestService service, string env)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tags/JS/v2/{WebKey}/config?env={env}");
        request.Headers.Add("Origin", Shop);
        using var response = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostWebAsync(TestService service, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webevents/v3/JS/{WebKey}/events") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", Shop);
        return service.Client.SendAsync(request);
    }
}
