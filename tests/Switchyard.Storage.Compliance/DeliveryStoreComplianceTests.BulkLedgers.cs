namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task The_last_sent_ledgers_of_several_users_read_at_once_match_each_users_ledger()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        delivery.RecordSent(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1", ["city"] = "h2" });
        delivery.RecordSent(Braze, 2, new Dictionary<string, string?> { ["email"] = "h3" });
        delivery.RecordSent(Other, 3, new Dictionary<string, string?> { ["email"] = "other" });

        var ledgers = delivery.LastSent(Braze, [1, 2, 3, 2]);

        Assert.Equal([1L, 2L, 3L], ledgers.Keys.Order());
        Assert.Equal(delivery.LastSent(Braze, 1), ledgers[1]);
        Assert.Equal(delivery.LastSent(Braze, 2), ledgers[2]);
        Assert.Empty(ledgers[3]);
        Assert.Empty(delivery.LastSent(Braze, []));
    }

    [Fact]
    public async Task Delivered_among_returns_the_subset_already_delivered_by_that_output()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        delivery.RecordDelivered(Braze, ["1:event:0", "1:purchase:0", "quote\"d"], Now);
        delivery.RecordDelivered(Other, ["2:event:0"], Now);

        var delivered = delivery.DeliveredAmong(Braze, ["1:event:0", "1:event:1", "2:event:0", "quote\"d", "1:purchase:0"]);

        Assert.Equal(["1:event:0", "1:purchase:0", "quote\"d"], delivered.Order(StringComparer.Ordinal));
        Assert.Empty(delivery.DeliveredAmong(Braze, []));
    }

    [Fact]
    public async Task Recording_ledgers_at_once_updates_fields_of_several_users_and_delivered_ids_like_the_single_calls()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        delivery.RecordSent(Braze, 1, new Dictionary<string, string?> { ["email"] = "old", ["city"] = "c1" });

        delivery.RecordLedgers(
            Braze,
            new Dictionary<long, IReadOnlyDictionary<string, string?>>
            {
                [1] = new Dictionary<string, string?> { ["email"] = "new", ["city"] = null },
                [2] = new Dictionary<string, string?> { ["score"] = "s2" },
                [3] = new Dictionary<string, string?>(),
            },
            ["1:event:0", "2:purchase:0"],
            Now);
        delivery.RecordLedgers(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>(), [], Now);

        Assert.Equal(new Dictionary<string, string> { ["email"] = "new" }, delivery.LastSent(Braze, 1));
        Assert.Equal(new Dictionary<string, string> { ["score"] = "s2" }, delivery.LastSent(Braze, 2));
        Assert.Empty(delivery.LastSent(Braze, 3));
        Assert.Empty(delivery.LastSent(Other, 2));
        Assert.True(delivery.WasDelivered(Braze, "1:event:0"));
        Assert.True(delivery.WasDelivered(Braze, "2:purchase:0"));
        Assert.False(delivery.WasDelivered(Other, "1:event:0"));
    }
}
