using Switchyard.Braze.Tests.Audiences;
using Switchyard.Braze.Tests.Engine;

namespace Switchyard.Braze.Tests.AudienceSync;

public sealed class AudienceSyncTests : AudienceDeliveryFixture
{
    public static TheoryData<string> Options => [.. PlannerFixture.AllOptions];

    [Fact]
    public async Task Ibiza_dreamers_are_found_by_segment_membership_matches_regex_and_leave_it_when_they_leave_the_audience()
    {
        await SegmentAsync("ibiza", "SegmentMembership", "matches_regex", "11036");
        var engine = AudienceEngine();
        await Sync(1, "dreamer", 11036, 11034);
        await Sync(2, "stay-at-home", 11034);

        Assert.Equal(2, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Equal(["dreamer"], await MembersAsync("ibiza"));
        Assert.Equal("11034,11036", (string?)(await CustomAttributesAsync("dreamer"))["SegmentMembership"]);

        await Sync(1, "dreamer", 11034);
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Empty(await MembersAsync("ibiza"));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
    }

    [Fact]
    public async Task With_string_and_per_segment_the_in_ibiza_dreamers_segment_has_the_same_members()
    {
        await IbizaSegmentsAsync();
        var engine = AudienceEngine("string_and_per_segment");
        await Sync(1, "dreamer", 11036);
        await Sync(2, "other", 11034);
        await RunUntilIdleAsync(engine);

        Assert.Equal(["dreamer"], await MembersAsync("ibiza-string"));
        Assert.Equal(["dreamer"], await MembersAsync("ibiza-per-segment"));

        await Sync(1, "dreamer");
        await RunUntilIdleAsync(engine);

        Assert.Empty(await MembersAsync("ibiza-string"));
        Assert.Empty(await MembersAsync("ibiza-per-segment"));
        Assert.False((bool?)(await CustomAttributesAsync("dreamer"))["In Ibiza dreamers"]);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Each_option_puts_a_joining_user_in_the_segments_of_its_forms_and_takes_a_leaving_user_out(string option)
    {
        await IbizaSegmentsAsync();
        var engine = AudienceEngine(option);
        await Sync(1, "dreamer", 11036);
        await Sync(2, "other", 11034);
        await RunUntilIdleAsync(engine);

        var forms = PlannerFixture.Settings(option).SendSegmentsAs;
        Assert.Equal(forms.HasFlag(Braze.Settings.SendSegmentsAs.String) ? ["dreamer"] : [], await MembersAsync("ibiza-string"));
        Assert.Equal(forms.HasFlag(Braze.Settings.SendSegmentsAs.Array) ? ["dreamer"] : [], await MembersAsync("ibiza-array"));
        Assert.Equal(forms.HasFlag(Braze.Settings.SendSegmentsAs.PerSegment) ? ["dreamer"] : [], await MembersAsync("ibiza-per-segment"));

        await Sync(1, "dreamer");
        await RunUntilIdleAsync(engine);

        Assert.Empty(await MembersAsync("ibiza-string"));
        Assert.Empty(await MembersAsync("ibiza-array"));
        Assert.Empty(await MembersAsync("ibiza-per-segment"));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Empty(await Store.DeadLettersAsync(OutputId, 0, 10, default));
    }

    [Theory]
    [InlineData("single_string", 1)]
    [InlineData("single_array", 1)]
    [InlineData("one_attribute_per_segment", 1)]
    [InlineData("array_and_string", 2)]
    [InlineData("array_and_per_segment", 2)]
    [InlineData("string_and_per_segment", 2)]
    [InlineData("all", 3)]
    public async Task One_membership_change_costs_one_data_point_per_form_not_a_rewrite(string option, int perChange)
    {
        var engine = AudienceEngine(option);
        await Sync(1, "dreamer", 11034);
        await RunUntilIdleAsync(engine);
        var before = await DataPointsAsync("custom_attributes");
        Assert.Equal(perChange, before);

        // Joining a second audience: the array gets one add (not both ids again), the string one new value.
        await Sync(1, "dreamer", 11034, 11036);
        await RunUntilIdleAsync(engine);
        Assert.Equal(perChange, await DataPointsAsync("custom_attributes") - before);

        // The same membership again costs nothing and sends nothing.
        var requests = (await TrackRequestsAsync()).Count;
        await Sync(1, "dreamer", 11034, 11036);
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2 * perChange, await DataPointsAsync("custom_attributes"));
        Assert.Equal(requests, (await TrackRequestsAsync()).Count);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_rate_limit_or_server_error_is_retried_and_then_delivered_with_nothing_lost(int status)
    {
        await IbizaSegmentsAsync();
        await FaultAsync(status == 429
            ? new { kind = "status", status, retry_after_seconds = 10, count = 1 }
            : (object)new { kind = "status", status, count = 1 });
        using var metrics = new MetricsCapture(OutputId);
        var engine = AudienceEngine("all");
        await Sync(1, "dreamer", 11036);
        await Sync(2, "sun", 11036);

        Assert.Equal(2, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, await Store.CountQueuedAsync(OutputId, default));
        Assert.Empty(await MembersAsync("ibiza-string"));

        Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(2, await RunUntilIdleAsync(engine));

        Assert.Equal(["dreamer", "sun"], await MembersAsync("ibiza-string"));
        Assert.Equal(["dreamer", "sun"], await MembersAsync("ibiza-array"));
        Assert.Equal(["dreamer", "sun"], await MembersAsync("ibiza-per-segment"));
        Assert.Equal(2, metrics.Sum("switchyard.delivery.items.retried"));
        Assert.Equal(2, metrics.Sum("switchyard.delivery.items.delivered"));
        Assert.Equal(6, await DataPointsAsync("custom_attributes"));
    }

    [Fact]
    public async Task A_clean_up_removes_every_form_even_after_the_connection_is_gone()
    {
        var engine = AudienceEngine("all");
        await Sync(1, "dreamer", 11036, 11034);
        await RunUntilIdleAsync(engine);

        Links.Remove(Ibiza);
        await Cleanup(1, 11036);
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        var custom = await CustomAttributesAsync("dreamer");
        Assert.Equal("11034", (string?)custom["SegmentMembership"]);
        Assert.Equal(["11034"], custom["SegmentMembershipArray"]!.AsArray().Select(v => (string)v!));
        Assert.False(custom.ContainsKey("In Ibiza dreamers"));
        Assert.True((bool?)custom["In Possible Parisians"]);

        Links.Remove(Paris);
        await Cleanup(1, 11034);
        await RunUntilIdleAsync(engine);

        custom = await CustomAttributesAsync("dreamer");
        Assert.False(custom.ContainsKey("SegmentMembership"));
        Assert.False(custom.ContainsKey("In Possible Parisians"));
        Assert.Empty(custom["SegmentMembershipArray"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task A_deactivated_connection_leaves_braze_as_it_was()
    {
        await IbizaSegmentsAsync();
        var engine = AudienceEngine("all");
        await Sync(1, "dreamer", 11036);
        await RunUntilIdleAsync(engine);

        Links[0] = Ibiza with { Active = false };
        await Sync(1, "dreamer");
        await RunUntilIdleAsync(engine);

        Assert.Equal(["dreamer"], await MembersAsync("ibiza-string"));
        Assert.Equal(["dreamer"], await MembersAsync("ibiza-array"));
        Assert.Equal(["dreamer"], await MembersAsync("ibiza-per-segment"));
        Assert.Single(await TrackRequestsAsync());
    }
}
