using System.Net;
using System.Text;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

/// <summary>Whatever arrives, the answer is a 4xx with a JSON error, never a 5xx, and nothing is stored.</summary>
public sealed class HostileInputTests
{
    public static TheoryData<string, string> Bodies() => new()
    {
        { "/v2/events", "{" },
        { "/v2/events", "null" },
        { "/v2/events", "{\"events\":\"not-an-array\"}" },
        { "/v2/events", "{\"events\":[{\"event_type\":\"teleport\",\"data\":{}}]}" },
        { "/v2/events", "{\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":5,\"custom_event_type\":\"other\"}}]}" },
        { "/v2/events", "{\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"custom_event_type\":\"other\"}}]}" },
        { "/v2/events", "{\"mpid\":\"99999999999999999999999\"}" },
        { "/v2/events", "{\"mpid\":1e400}" },
        { "/v2/events", "{\"user_attributes\":{\"a\":{\"nested\":true}}}" },
        { "/v2/events", "{\"environment\":\"staging\"}" },
        { "/v2/events", new string('[', 5000) + new string(']', 5000) },
        { "/v2/events", "{\"a\":" + new string('[', 2000) + new string(']', 2000) + "}" },
        { "/v2/events", "{} trailing" },
        { "/v2/events", "{\"events\":[]}{\"events\":[]}" },
        { "/v2/events", "\"\\ud800\"" },
        { "/v2/bulkevents", "{}" },
        { "/v2/bulkevents", "[1,2,3]" },
        { "/v2/bulkevents", "[[1], {\"events\":[{\"event_type\":\"screen_view\",\"data\":{}}]}]" },
        { "/v2/bulkevents", "[" },
        { "/v2/bulkevents/historical", "[{\"events\":[]}]" },
        { "/v2/bulkevents/historical", "[{\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"x\",\"custom_event_type\":\"other\"}}]}]" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_hostile_body_is_a_4xx_json_error_and_nothing_is_stored(string path, string body)
    {
        await using var service = await TestService.StartAsync();

        using var response = await service.PostAsync(path, body);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    public static TheoryData<string> CurrentsBodies() => new()
    {
        "",
        "{",
        "null",
        "[]",
        "{\"events\":null}",
        "{\"events\":\"not-an-array\"}",
        "{\"events\":[null]}",
        "{\"events\":[{}]}",
        "{\"events\":[{\"event_type\":\"users.messages.email.Open\",\"id\":\"a\",\"time\":1e400,\"user\":{\"external_user_id\":\"u\"}}]}",
        "{\"events\":[{\"event_type\":\"users.messages.email.Open\",\"id\":\"a\",\"time\":-5,\"user\":{\"external_user_id\":\"u\"}}]}",
        "{\"events\":[{\"event_type\":\"users.messages.email.Open\",\"id\":\"a\",\"time\":1,\"user\":{\"external_user_id\":[\"u\"]}}]}",
        "{\"events\":[{\"event_type\":\"users.messages.email.Open\",\"id\":\"a\",\"time\":1,\"user\":{\"external_user_id\":\"u\"},\"properties\":{\"s\":\"\\ud800\"}}]}",
        "{\"events\":[{\"properties\":" + new string('{', 3000) + new string('}', 3000) + "}]}",
        "{\"events\":[],\"events\":[]}",
        "{\"events\":[]} trailing",
        "\"\\ud800\"",
    };

    [Theory]
    [MemberData(nameof(CurrentsBodies))]
    public async Task A_hostile_currents_body_is_a_4xx_json_error_and_nothing_is_stored(string body)
    {
        await using var service = await TestService.StartAsync(TestService.Feed("braze") with { Kind = Core.Workspace.InputFeedKind.BrazeUnbound });

        using var response = await service.PostAsync("/v2/currents", body, "braze");

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400()
    {
        await using var service = await TestService.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
        {
            Content = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"ip\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")]),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_over_128_KB_inside_a_small_enough_request_is_413()
    {
        await using var service = await TestService.StartAsync();
        var big = $"{{\"environment\":\"development\",\"user_attributes\":{{\"a\":\"{new string('x', 4000)}\"}},\"events\":[{string.Join(",", Enumerable.Range(0, 40).Select(i => $"{{\"event_type\":\"custom_event\",\"data\":{{\"event_name\":\"e\",\"custom_event_type\":\"other\",\"custom_attributes\":{{\"v\":\"{new string('y', 3500)}\"}}}}}}"))}]}}";
        Assert.InRange(Encoding.UTF8.GetByteCount(big), 128 * 1024, 256 * 1024);

        using var response = await service.PostAsync("/v2/bulkevents", "[" + big + "]");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }
}
