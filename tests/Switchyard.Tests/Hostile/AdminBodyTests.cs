using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Hostile;

/// <summary>Admin bodies go through one reader: text that is not Unicode, repeated names or the wrong type are a 4xx.</summary>
public sealed class AdminBodyTests
{
    private const string Output = "braze-audiences";
    private const int Audience = 7;

    public static TheoryData<string, string, string> Bodies() => new()
    {
        { "PUT", $"/admin/audience-connections/{Output}/{Audience}", """{"\udfff":1}""" },
        { "PUT", $"/admin/audience-connections/{Output}/{Audience}", """{"active":true,"\ud800x":1}""" },
        { "PUT", $"/admin/audience-connections/{Output}/{Audience}", """{"active":"\udfff"}""" },
        { "PUT", $"/admin/audiences/{Audience}", """{"\udfff":1}""" },
        { "POST", "/admin/audiences", """{"id":8,"name":"a","name":"b","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}""" },
        { "POST", "/admin/audiences", """{"id":8,"name":"a","criteria":{"attribute":"dream","operator":"equals","value":"ibiza","value":"x"}}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_that_is_no_unicode_text_or_repeats_a_name_is_a_400_and_changes_nothing(string method, string path, string body)
    {
        await using var service = await StartAsync();

        using var response = await service.AdminAsync(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]);
        await AssertUnchangedAsync(service);
    }

    [Theory]
    [InlineData("PUT", $"/admin/audience-connections/{Output}/7")]
    [InlineData("POST", "/admin/audiences")]
    public async Task Invalid_utf8_is_a_400_not_a_replacement_character(string method, string path)
    {
        await using var service = await StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"id\":8,\"name\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"criteria\":{\"attribute\":\"dream\",\"operator\":\"equals\",\"value\":\"ibiza\"}}")]),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", service.Host.AdminToken);

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(service);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_its_content_type_is_a_415()
    {
        await using var service = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/audiences")
        {
            Content = new StringContent("""{"id":8,"name":"a","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new("Bearer", service.Host.AdminToken);

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertUnchangedAsync(service);
    }

    private static async Task AssertUnchangedAsync(TestService service)
    {
        using var audiences = await service.AdminAsync(HttpMethod.Get, "/admin/audiences");
        Assert.Single(JsonNode.Parse(await audiences.Content.ReadAsStringAsync())!["audiences"]!.AsArray());
        using var connection = await service.AdminAsync(HttpMethod.Get, $"/admin/audience-connections/{Output}/{Audience}");
        Assert.Equal(HttpStatusCode.NotFound, connection.StatusCode);
    }

    private static Task<TestService> StartAsync() => TestService.StartAsync(
        new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition(Output, OutputTypes.BrazeAudience, """{"restApiKey":"k","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""")],
            Audiences = [$$$"""{"id":{{{Audience}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}"""],
        },
        runProcessor: false);
}
