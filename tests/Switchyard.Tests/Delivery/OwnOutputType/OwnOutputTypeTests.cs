using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery.OwnOutputType;

/// <summary>
/// An output type defined here, in the test project, registered like <c>AddBrazeOutputs</c> does, runs in the same
/// engine as Braze's: retries with backoff until delivered, dead-letters what it rejects with its reason and a copy of the
/// batch. Nothing in the engine or the host names it.
/// </summary>
public sealed class OwnOutputTypeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_output_type_registered_by_the_test_delivers_through_the_engine_retrying_and_dead_lettering()
    {
        var destination = new RecorderDestination();
        var workspace = WorkspaceNaming("""{"retryFirst":1,"reject":["c-refused"]}""");
        await using var service = await TestService.StartAsync(
            workspace, services: services => services.AddSingleton<IOutputType>(new RecorderOutputType(destination)));

        await PostUserAsync(service, "c-taken");
        await PostUserAsync(service, "c-refused");

        var store = (IDeliveryStore)service.Host.Profiles;
        await Eventually.HoldsAsync(
            () => Task.FromResult(destination.Received.Any(r => r is { CustomerId: "c-taken", Answer: "Delivered" })),
            Patience,
            "c-taken was delivered after the recorder asked for a retry");
        await Eventually.HoldsAsync(async () => (await store.DeadLettersAsync("rec", 0, 10, default)).Count == 1, Patience, "c-refused was dead-lettered");

        Assert.Equal(
            [("c-taken", 0, "Retryable"), ("c-taken", 1, "Delivered")],
            destination.Received.Where(r => r.CustomerId == "c-taken").Select(r => (r.CustomerId, r.Attempt, r.Answer)));
        var deadLetter = Assert.Single(await store.DeadLettersAsync("rec", 0, 10, default));
        Assert.Equal("recorder refuses c-refused", deadLetter.Reason);
        Assert.Equal(0, await store.CountQueuedAsync("rec", default));
    }

    [Fact]
    public async Task A_workspace_naming_an_output_type_nobody_registered_does_not_start()
    {
        var error = await Assert.ThrowsAsync<WorkspaceException>(() => TestService.StartAsync(WorkspaceNaming("{}")));

        Assert.StartsWith("outputs[0].type: 'recorder' is not an output type (braze, braze_audience", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_the_registered_output_type_refuses_stop_the_start_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<WorkspaceException>(() => TestService.StartAsync(
            WorkspaceNaming("""{"retryFirst":-1}"""),
            services: services => services.AddSingleton<IOutputType>(new RecorderOutputType(new RecorderDestination()))));

        Assert.Equal("outputs[0].settings.retryFirst: must be a whole number, 0 or more.", error.Message);
    }

    private static Workspace WorkspaceNaming(string settings) => new([TestService.Feed("app")])
    {
        Outputs = [new OutputDefinition("rec", "recorder", settings)],
        Connections = [new Connection("app", "rec")],
    };

    private static async Task PostUserAsync(TestService service, string customerId)
    {
        var batch = new JsonObject
        {
            ["environment"] = "development",
            ["user_identities"] = new JsonObject { ["customer_id"] = customerId },
            ["user_attributes"] = new JsonObject { ["plan"] = "pro" },
        };
        using var response = await service.PostAsync("/v2/events", batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
