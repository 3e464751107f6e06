using Microsoft.Extensions.Logging.Testing;
using Switchyard.Ingest;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

public sealed class AuthRefusalLogTests
{
    [Fact]
    public void The_first_refusal_of_a_feed_is_logged_at_once_and_the_rest_of_the_minute_as_one_summary()
    {
        var logger = new FakeLogger<AuthRefusals>();
        var refusals = new AuthRefusals(logger);
        for (var i = 0; i < 1000; i++)
        {
            refusals.Refused("input feed 'app'", 403);
        }

        refusals.Refused("the admin API", 401);
        refusals.Refused("the admin API", 401);
        Assert.Equal(2, logger.Collector.Count);

        refusals.Summarise(TimeSpan.FromMinutes(1));
        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("Credentials refused on input feed 'app': 1000 requests", StringComparison.Ordinal) && l.Contains("1000 × 403", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Credentials refused on the admin API: 2 requests", StringComparison.Ordinal) && l.Contains("2 × 401", StringComparison.Ordinal));

        // A new minute: the next refusal is logged at once again; a quiet minute logs nothing.
        refusals.Refused("input feed 'app'", 403);
        refusals.Summarise(TimeSpan.FromMinutes(1));
        refusals.Summarise(TimeSpan.FromMinutes(1));
        Assert.Equal(5, logger.Collector.Count);
    }

    [Fact]
    public void A_refusal_counts_against_the_feed_whose_key_was_given_and_never_names_the_key()
    {
        using var feeds = new FeedDirectory(new Switchyard.Core.Workspace.Workspace([TestService.Feed("app")]));
        Assert.Equal("input feed 'app'", feeds.Authenticate("Basic " + Base64("app-key:wrong-secret-0000000")).Refused);
        Assert.Equal("input feeds (unknown key)", feeds.Authenticate("Basic " + Base64("someone-elses-key:x")).Refused);
        Assert.Equal("input feeds (no valid credentials)", feeds.Authenticate(null).Refused);
        Assert.Equal("input feeds (no valid credentials)", feeds.Authenticate("Basic %%%").Refused);
    }

    [Fact]
    public async Task A_wrong_admin_token_is_logged_as_a_refusal_on_the_admin_api_without_the_token()
    {
        var logger = new FakeLogger<AuthRefusals>();
        var filter = new Switchyard.Admin.AdminTokenFilter(new Switchyard.Admin.AdminSettings("the-right-admin-token-0123456789"), new AuthRefusals(logger));
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer a-guessed-admin-token-000000";

        await filter.InvokeAsync(Microsoft.AspNetCore.Http.EndpointFilterInvocationContext.Create(http), _ => ValueTask.FromResult<object?>("reached"));

        var line = Assert.Single(logger.Collector.GetSnapshot()).Message;
        Assert.Contains("Credentials refused (403) on the admin API", line, StringComparison.Ordinal);
        Assert.DoesNotContain("a-guessed-admin-token", line, StringComparison.Ordinal);
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
