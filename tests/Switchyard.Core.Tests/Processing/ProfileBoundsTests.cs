using Switchyard.Core.Processing;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Processing.Support.TestBatches;

namespace Switchyard.Core.Tests.Processing;

/// <summary>A profile stays bounded whatever a client sends.</summary>
public sealed class ProfileBoundsTests
{
    [Fact]
    public void Beyond_the_cap_of_event_keys_the_least_recently_seen_keys_are_dropped()
    {
        var harness = new ProcessingHarness(new ProcessingSettings { MaxEventKeysPerProfile = 3 });
        var mpid = harness.Process(For(customerId: "c1").WithEvents(Custom("a", T0 - 5000), Custom("b", T0 - 4000), Custom("c", T0 - 3000))).Mpid;

        harness.Process(For(customerId: "c1").WithEvents(Custom("a", T0 - 1000), Custom("d", T0 - 2000)));

        var keys = harness.Profile(mpid).Events.Keys.Order(StringComparer.Ordinal);
        Assert.Equal(["custom_event:a", "custom_event:c", "custom_event:d"], keys);
    }
}
