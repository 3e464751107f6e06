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
            refusals.Refused("app", 403);
        }

        refusals.Refused("(no valid credentials)", 401);
        refusals.Refused("(no valid credentials)", 401);
        Assert.Equal(2, logger.Collector.Count);

        refusals.Summarise(TimeSpan.FromMinutes(1));
        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("Input feed app: 1000 requests refused", StringComparison.Ordinal) && l.Contains("1000 × 403", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("(no valid credentials): 2 requests refused", StringComparison.Ordinal) && l.Contains("2 × 401", StringComparison.Ordinal));

        // A new minute: the next refusal is logged at once again; a quiet minute logs nothing.
        refusals.Refused("app", 403);
        refusals.Summarise(TimeSpan.FromMinutes(1));
        refusals.Summarise(TimeSpan.FromMinutes(1));
        Assert.Equal(5, logger.Collector.Count);
    }

    [Fact]
    public void A_refusal_counts_against_the_feed_whose_key_was_given_and_never_names_the_key()
    {
        using var feeds = new FeedDirectory(new Switchyard.Core.Workspace.Workspace([TestService.Feed("app")]));
        Assert.Equal("app", feeds.Authenticate("Basic " + Base64("app-key:wrong-secret-0000000")).Refused);
        Assert.Equal("(unknown key)", feeds.Authenticate("Basic " + Base64("someone-elses-key:x")).Refused);
        Assert.Equal("(no valid credentials)", feeds.Authenticate(null).Refused);
        Assert.Equal("(no valid credentials)", feeds.Authenticate("Basic %%%").Refused);
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
