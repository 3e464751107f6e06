namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task The_last_sent_ledgers_of_several_users_read_at_once_match_each_users_ledger()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1", ["city"] = "h2" }, default);
        await delivery.RecordSentAsync(Braze, 2, new Dictionary<string, string?> { ["email"] = "h3" }, default);
        await delivery.RecordSentAsync(Other, 3, new Dictionary<string, string?> { ["email"] = "other" }, default);

        var ledgers = await delivery.LastSentAsync(Braze, [1, 2, 3, 2], default);

        Assert.Equal([1L, 2L, 3L], ledgers.Keys.Order());
        Assert.Equal(await delivery.LastSentAsync(Braze, 1, default), ledgers[1]);
        Assert.Equal(await delivery.LastSentAsync(Braze, 2, default), ledgers[2]);
        Assert.Empty(ledgers[3]);
        Assert.Empty(await delivery.LastSentAsync(Braze, [], default));
    }

    [Fact]
    public async Task Delivered_among_returns_the_subset_already_delivered_by_that_output()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await delivery.RecordDeliveredAsync(Braze, ["1:event:0", "1:purchase:0", "quote\"d"], Now, default);
        await delivery.RecordDeliveredAsync(Other, ["2:event:0"], Now, default);

        var delivered = await delivery.DeliveredAmongAsync(Braze, ["1:event:0", "1:event:1", "2:event:0", "quote\"d", "1:purchase:0"], default);

        Assert.Equal(["1:event:0", "1:purchase:0", "quote\"d"], delivered.Order(StringComparer.Ordinal));
        Assert.Empty(await delivery.DeliveredAmongAsync(Braze, [], default));
    }

    [Fact]
    public async Task Recording_ledgers_at_once_updates_fields_of_several_users_and_delivered_ids_like_the_single_calls()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["email"] = "old", ["city"] = "c1" }, default);

        await delivery.RecordLedgersAsync(
            Braze,
            new Dictionary<long, IReadOnlyDictionary<string, string?>>
            {
                [1] = new Dictionary<string, string?> { ["email"] = "new", ["city"] = null },
                [2] = new Dictionary<string, string?> { ["score"] = "s2" },
                [3] = new Dictionary<string, string?>(),
            },
            ["1:event:0", "2:purchase:0"],
            Now, default);
        await delivery.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>(), [], Now, default);

        Assert.Equal(new Dictionary<string, string> { ["email"] = "new" }, await delivery.LastSentAsync(Braze, 1, default));
        Assert.Equal(new Dictionary<string, string> { ["score"] = "s2" }, await delivery.LastSentAsync(Braze, 2, default));
        Assert.Empty(await delivery.LastSentAsync(Braze, 3, default));
        Assert.Empty(await delivery.LastSentAsync(Other, 2, default));
        Assert.True(await delivery.WasDeliveredAsync(Braze, "1:event:0", default));
        Assert.True(await delivery.WasDeliveredAsync(Braze, "2:purchase:0", default));
        Assert.False(await delivery.WasDeliveredAsync(Other, "1:event:0", default));
    }
}
