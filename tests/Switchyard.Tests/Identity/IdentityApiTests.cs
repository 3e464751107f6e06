using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Identity;

/// <summary>The Identity API under /identity/v1 over real loopback HTTP, on the same profiles processing writes.</summary>
public sealed class IdentityApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Identify_creates_a_user_once_and_answers_its_mpid_as_a_string()
    {
        await using var service = await TestService.StartAsync();

        var (status, first) = await CallAsync(service, "identify", Identities(("customerid", "id-1"), ("email", "one@example.com")));
        var (_, again) = await CallAsync(service, "identify", Identities(("customerid", "id-1")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.String, first.GetProperty("mpid").ValueKind);
        Assert.Equal(first.GetProperty("mpid").GetString(), again.GetProperty("mpid").GetString());
        Assert.True(first.GetProperty("is_logged_in").GetBoolean());
        Assert.Equal("id-1", again.GetProperty("matched_identities").GetProperty("customerid").GetString());
        var mpid = long.Parse(first.GetProperty("mpid").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("one@example.com", (await service.Host.Profiles.FindProfileAsync(mpid, CancellationToken.None))!.UserIdentities["email"]);
    }

    [Fact]
    public async Task An_anonymous_browser_becomes_the_known_user_on_login_and_gets_a_new_anonymous_user_on_logout()
    {
        await using var service = await TestService.StartAsync();

        var (_, anonymous) = await CallAsync(service, "identify", Identities(("device_application_stamp", "das-1")));
        var (_, known) = await CallAsync(service, "login", Identities(("customerid", "id-2"), ("device_application_stamp", "das-1")));
        var (_, loggedOut) = await CallAsync(service, "logout", Identities(("device_application_stamp", "das-1")));
        var (_, reloaded) = await CallAsync(service, "identify", Identities(("device_application_stamp", "das-1")));
        var (_, returning) = await CallAsync(service, "login", Identities(("customerid", "id-2"), ("device_application_stamp", "das-1")));

        Assert.False(anonymous.GetProperty("is_logged_in").GetBoolean());
        Assert.Equal(anonymous.GetProperty("mpid").GetString(), known.GetProperty("mpid").GetString());
        Assert.True(known.GetProperty("is_logged_in").GetBoolean());
        Assert.NotEqual(known.GetProperty("mpid").GetString(), loggedOut.GetProperty("mpid").GetString());
        Assert.False(loggedOut.GetProperty("is_logged_in").GetBoolean());
        Assert.Equal(loggedOut.GetProperty("mpid").GetString(), reloaded.GetProperty("mpid").GetString());
        Assert.Equal(known.GetProperty("mpid").GetString(), returning.GetProperty("mpid").GetString());
    }

    [Fact]
    public async Task Identify_running_beside_server_batches_for_the_same_customer_finds_one_profile()
    {
        await using var service = await TestService.StartAsync();
        const int Rounds = 20;

        var identifies = Enumerable.Range(0, Rounds).Select(_ => CallAsync(service, "identify", Identities(("customerid", "shared-1"))));
        var batches = Enumerable.Range(0, Rounds).Select(i => service.PostAsync("/v2/events", Batches.CustomEvent($"e{i}").Replace("\"c-1\"", "\"shared-1\"", StringComparison.Ordinal)));
        var answers = await Task.WhenAll(identifies);
        var posted = await Task.WhenAll(batches);

        Assert.All(posted, p => Assert.Equal(HttpStatusCode.Accepted, p.StatusCode));
        var mpids = answers.Select(a => a.Body.GetProperty("mpid").GetString()).Distinct().ToList();
        Assert.Single(mpids);
        await Eventually.HoldsAsync(async () => await service.Host.Profiles.ReadCheckpointAsync(CancellationToken.None) >= Rounds, Timeout, "every batch processed");
        var profiles = await service.Host.Profiles.ProfileMpidsAsync(null, 100, CancellationToken.None);
        Assert.Equal([long.Parse(mpids[0]!, System.Globalization.CultureInfo.InvariantCulture)], profiles);
        Assert.Equal(Rounds, (await service.Host.Profiles.FindProfileAsync(profiles[0], CancellationToken.None))!.Events.Values.Sum(e => e.TotalCount));
    }

    [Fact]
    public async Task Modify_adds_and_removes_identities_that_search_then_finds_or_not()
    {
        await using var service = await TestService.StartAsync();
        var (_, user) = await CallAsync(service, "identify", Identities(("customerid", "id-3")));
        var mpid = user.GetProperty("mpid").GetString();

        var added = await PostAsync(service, $"/identity/v1/{mpid}/modify", """{"identity_changes":[{"identity_type":"email","old_value":null,"new_value":"three@example.com"}]}""");
        var (foundStatus, found) = await CallAsync(service, "search", Identities(("email", "three@example.com")));
        var removed = await PostAsync(service, $"/identity/v1/{mpid}/modify", """{"identity_changes":[{"identity_type":"email","old_value":"three@example.com","new_value":null}]}""");
        var (goneStatus, gone) = await CallAsync(service, "search", Identities(("email", "three@example.com")));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, foundStatus);
        Assert.Equal(mpid, found.GetProperty("mpid").GetString());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, goneStatus);
        Assert.Equal("NOT_FOUND_ERROR", gone.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Modify_moves_a_unique_identity_held_by_another_user()
    {
        await using var service = await TestService.StartAsync();
        var (_, first) = await CallAsync(service, "identify", Identities(("customerid", "id-4")));
        var (_, second) = await CallAsync(service, "identify", Identities(("customerid", "id-5")));

        var moved = await PostAsync(service, $"/identity/v1/{second.GetProperty("mpid").GetString()}/modify", """{"identity_changes":[{"identity_type":"customerid","old_value":"id-5","new_value":"id-4"}]}""");
        var (_, search) = await CallAsync(service, "search", Identities(("customerid", "id-4")));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(second.GetProperty("mpid").GetString(), search.GetProperty("mpid").GetString());
        var firstProfile = (await service.Host.Profiles.FindProfileAsync(long.Parse(first.GetProperty("mpid").GetString()!, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None))!;
        Assert.False(firstProfile.UserIdentities.ContainsKey("customer_id"));
    }

    [Theory]
    [InlineData("identify", "not json", "body")]
    [InlineData("identify", "{}", "known_identities")]
    [InlineData("identify", """{"known_identities":{}}""", "known_identities: is empty")]
    [InlineData("identify", """{"known_identities":{"shoe_size":"9"}}""", "known_identities.shoe_size")]
    [InlineData("login", """{"known_identities":{"customerid":7}}""", "known_identities.customerid: must be a string")]
    [InlineData("logout", """{"environment":"staging","known_identities":{"customerid":"x"}}""", "environment")]
    [InlineData("identify", """{"previous_mpid":"abc","known_identities":{"customerid":"x"}}""", "previous_mpid")]
    [InlineData("1/modify", """{"identity_changes":[{"identity_type":"ios_idfa","new_value":"x"}]}""", "identity_changes[0].identity_type")]
    [InlineData("abc/modify", """{"identity_changes":[]}""", "mpid")]
    public async Task Bad_bodies_are_answered_400_naming_the_field(string path, string body, string field)
    {
        await using var service = await TestService.StartAsync();

        using var response = await PostAsync(service, "/identity/v1/" + path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Contains(field, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await service.Host.Profiles.ProfileMpidsAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Calls_without_a_feeds_credentials_are_refused_and_an_unknown_mpid_is_not_found()
    {
        await using var service = await TestService.StartAsync();

        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/identity/v1/identify") { Content = Json(Identities(("customerid", "x"))) };
        using var refused = await service.Client.SendAsync(anonymous);
        using var wrong = await PostAsync(service, "/identity/v1/identify", Identities(("customerid", "x")), secret: "not-the-secret-00000000");
        using var unknown = await PostAsync(service, "/identity/v1/42/modify", """{"identity_changes":[{"identity_type":"email","new_value":"x@example.com"}]}""");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await service.Host.Profiles.ProfileMpidsAsync(null, 10, CancellationToken.None));
    }

    private static string Identities(params (string Name, string Value)[] identities) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_sdk"] = new Dictionary<string, string> { ["platform"] = "web", ["sdk_vendor"] = "mparticle", ["sdk_version"] = "2.68.0" },
            ["environment"] = "development",
            ["request_id"] = Guid.NewGuid().ToString(),
            ["known_identities"] = identities.ToDictionary(i => i.Name, i => i.Value),
        });

    private static async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(TestService service, string operation, string body)
    {
        using var response = await PostAsync(service, "/identity/v1/" + operation, body);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static Task<HttpResponseMessage> PostAsync(TestService service, string path, string body, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Authorization = TestService.Basic("app-key", secret ?? TestService.Secret);
        return service.Client.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
