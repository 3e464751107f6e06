using System.Text;
using Bunit;
using Switchyard.Console.Components.Pages;
using Switchyard.Console.LiveStream;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Console;

public sealed class LiveStreamTests
{
    private static readonly Workspace Workspace = new([TestService.Feed("app"), TestService.Feed("web")]);

    [Fact]
    public void The_tap_keeps_nothing_while_no_page_watches_and_forgets_when_the_last_one_leaves()
    {
        var tap = new BatchTap(TimeProvider.System);
        tap.Offer("app", [Batch("c-1", "Played")]);
        Assert.Empty(tap.Recent(null));

        var watch = tap.Watch();
        tap.Offer("app", [Batch("c-1", "Played")]);
        Assert.Single(tap.Recent("app"));
        watch.Dispose();
        Assert.Empty(tap.Recent(null));
    }

    [Fact]
    public void The_tap_keeps_the_newest_batches_of_each_input_up_to_its_capacity()
    {
        var tap = new BatchTap(TimeProvider.System);
        using var watch = tap.Watch();
        for (var i = 0; i < BatchTap.CapacityPerInput + 5; i++)
        {
            tap.Offer("app", [Batch($"c-{i}", "Played")]);
        }

        tap.Offer("web", [Batch("w-1", "Viewed")]);
        var app = tap.Recent("app");
        Assert.Equal(BatchTap.CapacityPerInput, app.Count);
        Assert.Contains("customer_id: c-104", app[0].Identities);
        Assert.Equal(BatchTap.CapacityPerInput + 1, tap.Recent(null).Count);
        Assert.Equal("web", tap.Recent(null)[0].InputId);
    }

    [Theory]
    [InlineData("custom_event", null, null, 2)]
    [InlineData("screen_view", null, null, 1)]
    [InlineData(null, "played", null, 1)]
    [InlineData(null, "Home", null, 1)]
    [InlineData(null, null, "b@example.com", 1)]
    [InlineData(null, null, "email", 2)]
    [InlineData("commerce_event", null, null, 0)]
    [InlineData("custom_event", "Paused", "a@example.com", 0)]
    public void The_filter_matches_event_type_name_and_any_part_of_an_identity(string? type, string? name, string? identity, int expected)
    {
        var tap = new BatchTap(TimeProvider.System);
        using var watch = tap.Watch();
        tap.Offer("app", [Batch("a", "Played"), Batch("b", "Paused", screen: "Home")]);

        Assert.Equal(expected, tap.Recent("app").Count(new StreamFilter(type, name, identity).Matches));
    }

    [Fact]
    public async Task The_page_filters_what_arrives_and_shows_a_clicked_batch()
    {
        await using var context = await ConsoleComponentContext.StartAsync(Workspace);
        var tap = (BatchTap)context.Bunit.Services.GetService(typeof(BatchTap))!;
        var page = context.Bunit.Render<LiveStream>();
        Assert.True(tap.Watched);

        tap.Offer("app", [Batch("a", "Played"), Batch("b", "Paused")]);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.stream-row").Count));

        page.Find("#filter-name").Input("paused");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.stream-row")));
        page.Find("tr.stream-row").Click();
        Assert.Contains("b@example.com", page.Find("#batch-json").TextContent, StringComparison.Ordinal);

        page.Find("#filter-name").Input("");
        page.Find("#pause").Click();
        tap.Offer("app", [Batch("c", "While Paused")]);
        Assert.Equal(2, page.FindAll("tr.stream-row").Count);
        page.Find("#pause").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.stream-row").Count));

        // Leaving the page stops the tap from keeping batches.
        page.Instance.Dispose();
        Assert.False(tap.Watched);
    }

    private static ParsedBatch Batch(string user, string eventName, string? screen = null)
    {
        var screenEvent = screen is null ? "" : $$$""",{"event_type":"screen_view","data":{"screen_name":"{{{screen}}}"}}""";
        var json = $$$"""{"user_identities":{"customer_id":"{{{user}}}","email":"{{{user}}}@example.com"},"events":[{"event_type":"custom_event","data":{"event_name":"{{{eventName}}}","custom_event_type":"other"}}{{{screenEvent}}}]}""";
        return new ParsedBatch(new Batch(), Encoding.UTF8.GetBytes(json));
    }
}
