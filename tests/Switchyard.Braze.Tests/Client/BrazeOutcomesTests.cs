using Switchyard.Braze.Client;

namespace Switchyard.Braze.Tests.Client;

public sealed class BrazeOutcomesTests
{
    private static BrazeSendResult Result(params (long, BrazeDeliveryOutcome)[] outcomes) =>
        new(201, outcomes.Select(o => new BrazeItemOutcome(o.Item1, o.Item2)).ToArray(), null, null);

    [Fact]
    public void A_split_item_is_rejected_if_any_part_was_and_retried_if_any_part_must_be()
    {
        var results = new[]
        {
            Result((1, Delivered.Instance), (2, Delivered.Instance), (3, Delivered.Instance)),
            Result((2, new Retryable(TimeSpan.FromSeconds(1), "429")), (3, new Rejected("201: bad"))),
            Result((2, new Retryable(TimeSpan.FromSeconds(5), "429")), (3, new Retryable(null, "503")), (4, Delivered.Instance)),
        };

        var perItem = BrazeOutcomes.PerItem(results);

        Assert.Equal([1L, 2, 3, 4], perItem.Select(o => o.ItemId));
        Assert.IsType<Delivered>(perItem[0].Outcome);
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<Retryable>(perItem[1].Outcome).RetryAfter);
        Assert.Equal("201: bad", Assert.IsType<Rejected>(perItem[2].Outcome).Reason);
        Assert.IsType<Delivered>(perItem[3].Outcome);
    }
}
