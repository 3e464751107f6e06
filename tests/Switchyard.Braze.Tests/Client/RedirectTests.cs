using Microsoft.Extensions.Time.Testing;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using static Switchyard.Braze.Tests.Delivery.Updates;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Client;

/// <summary>
/// A redirect from the Braze endpoint is never followed: following it sent the body (with the users' data) to another
/// host and counted the items as delivered. It is a retryable outcome naming where it pointed, so fixing the endpoint
/// lets the items through.
/// </summary>
public sealed class RedirectTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    private static BrazeTrackRequest TwoUsers() =>
        Assert.Single(BrazeRequestPacker.Pack([(1, User("a", events: 1)), (2, User("b", purchases: 1))], BrazeBatchRule.Combined75));

    private static BrazeOutputSettings Endpoint(Uri endpoint) =>
        Parsed($"{{\"restApiKey\":\"k\",\"instance\":\"Custom\",\"customRestEndpoint\":\"{endpoint}\"}}");

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_not_followed_and_every_item_is_retryable_naming_status_and_target(int status)
    {
        await using var elsewhere = await ScriptedBrazeServer.StartAsync(201, """{"message":"success"}""");
        await using var braze = await ScriptedBrazeServer.StartAsync(status, "", "text/plain", ("Location", new Uri(elsewhere.BaseAddress, "users/track?x=1").ToString()));
        using var http = BrazeHttpClients.Create();

        var result = await new BrazeTrackClient(http, Endpoint(braze.BaseAddress), _time).SendAsync(TwoUsers(), CancellationToken.None);

        Assert.Equal(status, result.StatusCode);
        var target = elsewhere.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.All(result.Outcomes, o => Assert.Equal(
            $"redirect refused: {status} to {target} — set the output's endpoint to the final address",
            Assert.IsType<Retryable>(o.Outcome).Reason));
        Assert.Equal(1, braze.Requests);
        Assert.Equal(0, elsewhere.Requests);
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_retryable_too()
    {
        await using var braze = await ScriptedBrazeServer.StartAsync(302, "");
        using var http = BrazeHttpClients.Create();

        var result = await new BrazeTrackClient(http, Endpoint(braze.BaseAddress), _time).SendAsync(TwoUsers(), CancellationToken.None);

        Assert.All(result.Outcomes, o => Assert.Equal(
            "redirect refused: 302 without a Location — set the output's endpoint to the final address",
            Assert.IsType<Retryable>(o.Outcome).Reason));
    }

    [Fact]
    public async Task A_relative_location_is_named_by_the_endpoint_s_own_host()
    {
        await using var braze = await ScriptedBrazeServer.StartAsync(307, "", "text/plain", ("Location", "/v2/users/track"));
        using var http = BrazeHttpClients.Create();

        var result = await new BrazeTrackClient(http, Endpoint(braze.BaseAddress), _time).SendAsync(TwoUsers(), CancellationToken.None);

        Assert.All(result.Outcomes, o => Assert.StartsWith(
            $"redirect refused: 307 to {braze.BaseAddress.GetLeftPart(UriPartial.Authority)} ",
            Assert.IsType<Retryable>(o.Outcome).Reason, StringComparison.Ordinal));
    }
}
