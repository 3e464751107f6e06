using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Hosting;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_ready_and_healthz_answer_200_with_json_while_the_service_runs()
    {
        await using var service = await TestService.StartAsync();

        Assert.Equal("""{"status":"live"}""", await BodyAsync(service, "/health/live", HttpStatusCode.OK));
        Assert.Equal("""{"status":"ok"}""", await BodyAsync(service, "/healthz", HttpStatusCode.OK));
        Assert.Equal("""{"status":"ready","storage":"ok","partitions":"may_own"}""", await BodyAsync(service, "/health/ready", HttpStatusCode.OK));
    }

    [Fact]
    public async Task An_ingest_only_node_is_ready_and_says_it_owns_no_partitions()
    {
        await using var service = await TestService.StartAsync(new Workspace([TestService.Feed("app")]), runProcessor: false);

        Assert.Equal("""{"status":"ready","storage":"ok","partitions":"ingest_only"}""", await BodyAsync(service, "/health/ready", HttpStatusCode.OK));
    }

    private static async Task<string> BodyAsync(TestService service, string path, HttpStatusCode expected)
    {
        using var response = await service.Client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString();
    }
}
