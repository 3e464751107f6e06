using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Delivery;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.AudienceSync;

/// <summary>Admin input the audience-connection routes must answer with a 4xx JSON error, not a success that does nothing.</summary>
public sealed class AudienceConnectionAdminTests
{
    private const string Output = "braze-audiences";
    private const int Dreamers = 11036;

    [Fact]
    public async Task A_body_that_repeats_active_is_refused_instead_of_taking_the_last_value()
    {
        await using var service = await StartAsync();

        using var repeated = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", """{"active":true,"active":false}""");

        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Contains("Duplicate property 'active'", await repeated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var none = await service.AdminAsync(HttpMethod.Get, $"/admin/audience-connections/{Output}/{Dreamers}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("cleanup")]
    public async Task A_job_for_a_connection_whose_output_left_the_workspace_is_refused_since_nothing_would_run_it(string action)
    {
        await using var service = await StartAsync();
        var sync = service.Host.Services.GetRequiredService<IAudienceSyncStore>();
        await sync.SaveAudienceConnectionAsync("gone", Dreamers, active: true, 0, CancellationToken.None);

        using var response = await service.AdminAsync(HttpMethod.Post, $"/admin/audience-connections/gone/{Dreamers}/{action}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Contains("no audience output 'gone'", (string?)error["message"], StringComparison.Ordinal);
        Assert.Empty(await sync.AudienceJobsAsync("gone", Dreamers, runningOnly: false, 10, CancellationToken.None));
        Assert.True((await sync.FindAudienceConnectionAsync("gone", Dreamers, CancellationToken.None))!.Active);
    }

    [Fact]
    public async Task The_outputs_list_shows_an_audience_outputs_audience_connections()
    {
        await using var service = await StartAsync();
        using var connect = await service.AdminAsync(HttpMethod.Put, $"/admin/audience-connections/{Output}/{Dreamers}", """{"active":false}""");
        Assert.Equal(HttpStatusCode.Created, connect.StatusCode);

        using var answer = await service.AdminAsync(HttpMethod.Get, "/admin/outputs");

        var output = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["outputs"]![0]!;
        Assert.Equal(Output, (string?)output["id"]);
        var connection = Assert.Single(output["audience_connections"]!.AsArray())!;
        Assert.Equal((Dreamers, false), ((int)connection["audience"]!, (bool)connection["active"]!));
        Assert.Empty(output["connections"]!.AsArray());
    }

    private static Task<TestService> StartAsync() => TestService.StartAsync(new Workspace([TestService.Feed("app")])
    {
        Outputs = [new OutputDefinition(Output, OutputTypes.BrazeAudience, """{"restApiKey":"k","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""")],
        Audiences = [$$$"""{"id":{{{Dreamers}}},"name":"Ibiza dreamers","criteria":{"attribute":"dream","operator":"equals","value":"ibiza"}}"""],
    });
}
