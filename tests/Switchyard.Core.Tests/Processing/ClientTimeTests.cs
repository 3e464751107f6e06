using Switchyard.Core.Tests.Ingest;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Processing.Support.TestBatches;

namespace Switchyard.Core.Tests.Processing;

/// <summary>Client clocks are not trusted beyond a small skew: a future time must not freeze a profile.</summary>
public sealed class ClientTimeTests
{
    private readonly ProcessingHarness _harness = new();

    [Fact]
    public void A_batch_dated_far_in_the_future_does_not_block_later_writes()
    {
        var year2100 = 4_102_444_800_000L;
        var mpid = _harness.Process(For(customerId: "c1", email: "a@f", atMs: year2100).WithAttributes(("plan", Text("free"))), nowMs: T0, receivedAtMs: T0).Mpid;

        _harness.Process(For(customerId: "c1", email: "b@f").WithAttributes(("plan", Text("pro"))), nowMs: T0 + 3_600_000, receivedAtMs: T0 + 3_600_000);

        var profile = _harness.Profile(mpid);
        Assert.Equal("pro", profile.Attributes["plan"].Text);
        Assert.Equal("b@f", profile.UserIdentities["email"]);
        Assert.True(profile.LastSeenMs <= T0 + 3_600_000 + 600_000);
    }

    [Fact]
    public void Extreme_event_times_are_clamped_into_a_representable_range()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("Late", long.MaxValue), Custom("Early", long.MinValue)), nowMs: T0, receivedAtMs: T0).Mpid;

        var profile = _harness.Profile(mpid);
        Assert.Equal(T0 + 600_000, profile.Events["custom_event:Late"].LastMs);
        Assert.Equal(0, profile.Events["custom_event:Early"].FirstMs);
        Assert.InRange(profile.LastSeenMs, 0, T0 + 600_000);
    }

    [Theory]
    [MemberData(nameof(OutOfRangeValueTests.Extremes), MemberType = typeof(OutOfRangeValueTests))]
    public void A_batch_with_every_time_field_out_of_range_is_processed_with_its_times_clamped(long ms)
    {
        var parsed = IngestTestData.Batch(OutOfRangeValueTests.EveryTimeField(ms));
        Assert.True(parsed.IsSuccess, parsed.Failure?.ToString());

        var mpid = _harness.Process(parsed.Batches[0].Batch, nowMs: T0, receivedAtMs: T0).Mpid;

        var profile = _harness.Profile(mpid);
        const long Latest = T0 + 600_000;
        Assert.InRange(profile.FirstSeenMs, 0, Latest);
        Assert.InRange(profile.LastSeenMs, 0, Latest);
        Assert.Equal(["a", "b"], profile.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.All(profile.Attributes.Values, a => Assert.InRange(a.UpdatedAtMs, 0, Latest));
        Assert.Equal(2, profile.Consent.Count);
        Assert.All(profile.Consent.Values, c => Assert.InRange(c.UpdatedAtMs, 0, Latest));
        Assert.NotEmpty(profile.PushTokens);
        Assert.All(profile.PushTokens.Values, p => Assert.InRange(p.UpdatedAtMs, 0, Latest));
        Assert.NotEmpty(profile.Events);
        Assert.All(profile.Events.Values, e => Assert.True(e.FirstMs >= 0 && e.LastMs <= Latest));
    }
}
