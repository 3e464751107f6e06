using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using Switchyard.Sandbox.Hosting;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Sandbox;

/// <summary>
/// What the mapper writes, posted to the Braze sandbox on loopback: every object must be accepted (201, no errors)
/// and land on the profile as mapped. The settings point the output at the sandbox as a Custom loopback-http instance.
/// </summary>
public sealed class SandboxAcceptanceTests : IAsyncLifetime
{
    private const string Key = "braze-test-key";

    private SandboxServer? _server;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { Port = 0 };
        options.ApiKeys.Add(new SandboxApiKey(Key));
        _server = await SandboxServer.StartAsync(options);
        _client = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private BrazeOutputSettings SettingsFor(string extra) =>
        Parsed($"{{\"restApiKey\":\"{Key}\",\"instance\":\"Custom\",\"customRestEndpoint\":\"{_server!.BaseAddress}\",\"appIdentifierApiKey\":\"app-1\"{extra}}}");

    private async Task<JsonNode> PostAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await _client!.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private const string RichBatch = """
        {"environment":"production","user_identities":{"customer_id":"c1","email":"ann@example.com","facebook":"fb-1","twitter":"@ann"},
         "device_info":{"platform":"iOS","push_token":"tok-1"},
         "user_attributes":{"$FirstName":"Ann","$Gender":"female","$Age":30,"$Mobile":"+4915112345678","$Zip":"01234","$Country":"DE",
           "genres":["rock","jazz"],"vip":null,"score":"12","email_subscribe":"opted_in"},
         "events":[
           {"event_type":"session_start","data":{"session_id":99,"timestamp_unixtime_ms":1767323045678}},
           {"event_type":"custom_event","data":{"event_name":"Played","custom_event_type":"media","session_id":99,"timestamp_unixtime_ms":1767323045678,
             "custom_attributes":{"$song":"Intro","tags":["a"],"time":"x","n":"3.5"}}},
           {"event_type":"screen_view","data":{"screen_name":"Home","timestamp_unixtime_ms":1767323045678}},
           {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,"currency_code":"EUR","custom_attributes":{"campaign":"w"},
             "product_action":{"action":"purchase","transaction_id":"t-9","total_amount":104.98,"products":[
               {"id":"sku-1","name":"Shoe","price":49.99,"quantity":2,"custom_attributes":{"size":"42"}},{"id":"sku-2","price":5}]}}},
           {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
             "product_action":{"action":"refund","transaction_id":"t-9","total_amount":5,"products":[{"id":"sku-2","price":5}]}}},
           {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
             "promotion_action":{"action":"view","promotions":[{"id":"p1","name":"Winter"}]}}},
           {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
             "product_impressions":[{"product_impression_list":"Search","products":[{"id":"sku-3","price":1}]}]}},
           {"event_type":"session_end","data":{"session_id":99,"timestamp_unixtime_ms":1767323045678}}]}
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rich_batch_is_accepted_whole_by_the_sandbox_bundled_or_not(bool bundled)
    {
        var settings = SettingsFor(
            ",\"forwardScreenViews\":true,\"forwardSessionEvents\":true,\"customAttributeTypeDetection\":\"both\",\"sendUserAttributeListsAsArrays\":true"
            + (bundled ? ",\"bundleCommerceEventData\":true" : ""));
        var update = Update(Batch(RichBatch), settings);

        var response = await PostAsync("users/track", BrazeTrackJson.ToJson(update));

        Assert.Equal("success", (string?)response["message"]);
        Assert.Null(response["errors"]);
        Assert.Equal(1, (int?)response["attributes_processed"]);
        Assert.Equal(update.Events.Count, (int?)response["events_processed"]);
        Assert.Equal(update.Purchases.Count, (int?)response["purchases_processed"]);
    }

    [Fact]
    public async Task The_mapped_attributes_land_on_the_braze_profile()
    {
        var update = Update(Batch(RichBatch), SettingsFor(",\"customAttributeTypeDetection\":\"user\",\"sendUserAttributeListsAsArrays\":true"));
        await PostAsync("users/track", BrazeTrackJson.ToJson(update));

        var export = await PostAsync("users/export/ids", """{"external_ids":["c1"],"fields_to_export":["external_id","braze_id","user_aliases","first_name","last_name","email","phone","gender","dob","country","custom_attributes","custom_events","purchases"]}""");

        var user = Assert.Single(export["users"]!.AsArray())!;
        Assert.Equal("Ann", (string?)user["first_name"]);
        Assert.Equal("F", (string?)user["gender"]);
        Assert.Equal("1996-01-01", (string?)user["dob"]);
        Assert.Equal("ann@example.com", (string?)user["email"]);
        Assert.Equal("DE", (string?)user["country"]);
        var custom = user["custom_attributes"]!;
        Assert.Equal("01234", (string?)custom["Zip"]);
        Assert.Equal(12, (long?)custom["score"]);
        Assert.Equal("true", (string?)custom["vip"]);
        Assert.Equal(["rock", "jazz"], custom["genres"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task A_user_known_only_by_a_push_token_is_imported_anonymously()
    {
        var batch = Batch("""{"environment":"production","device_info":{"platform":"Android","push_token":"anon-tok"},"user_attributes":{"a":"1"}}""");
        var update = Update(batch, SettingsFor(""));

        var response = await PostAsync("users/track", BrazeTrackJson.ToJson(update));

        Assert.Null(response["errors"]);
        Assert.Equal(1, (int?)response["attributes_processed"]);
    }
}
