using System.Net;
using System.Text;
using Switchyard.Sandbox.Tests.Http;
using static Switchyard.Sandbox.Tests.WebSdk.WebSdkCall;

namespace Switchyard.Sandbox.Tests.WebSdk;

/// <summary>The fault-injection control API reaches the Web SDK route, so an SDK's retries can be tested.</summary>
public sealed class WebSdkFaultTests
{
    private static readonly string OneEvent = Envelope($$$"""
        "events":[{"name":"ce","time":{{{SdkTime}}},"data":{"n":"Opened"},"user_id":"ada"}]
        """);

    [Fact]
    public async Task A_status_fault_on_the_data_path_answers_the_sdk_with_cors_headers_then_service_resumes()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await AddFaultAsync(sandbox, """{"kind":"status","status":503,"path":"/api/v3/data/","count":1}""");

        var (first, _, faulted) = await PostAsync(sandbox, OneEvent, origin: "http://127.0.0.1:5173");
        Assert.Equal(0, await UserCountAsync(sandbox));
        var (second, _, _) = await PostAsync(sandbox, OneEvent, origin: "http://127.0.0.1:5173");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first);
        Assert.True(faulted.Contains("x-sandbox-fault"));
        Assert.Equal("http://127.0.0.1:5173", faulted.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, second);
        var events = (await ExportAsync(sandbox, "ada", "custom_events"))["custom_events"]!;
        Assert.Equal(1, (long)events[0]!["count"]!);
    }

    [Fact]
    public async Task An_injected_429_tells_the_sdk_when_to_retry_through_an_exposed_retry_after()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await AddFaultAsync(sandbox, """{"kind":"status","status":429,"path":"/api/v3/data","retry_after_seconds":20}""");

        var (status, _, headers) = await PostAsync(sandbox, OneEvent, origin: "http://127.0.0.1:5173");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(20), headers.RetryAfter?.Delta);
        Assert.Contains("Retry-After", headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_fault_scoped_to_a_rest_route_leaves_the_sdk_route_alone()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await AddFaultAsync(sandbox, """{"kind":"status","status":500,"path":"/users/track","count":1}""");

        var (status, _, _) = await PostAsync(sandbox, OneEvent);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task AddFaultAsync(SandboxHttp sandbox, string rule)
    {
        using var response = await sandbox.Client.PostAsync("_sandbox/faults", new StringContent(rule, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
