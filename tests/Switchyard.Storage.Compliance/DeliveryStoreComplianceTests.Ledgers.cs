namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task The_last_sent_ledger_returns_what_was_recorded_and_a_null_value_removes_a_field()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Assert.Empty(delivery.LastSent(Braze, 1));

        delivery.RecordSent(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1", ["score"] = "h2", ["city"] = "h3" });
        delivery.RecordSent(Braze, 1, new Dictionary<string, string?> { ["score"] = "h4", ["city"] = null, ["never"] = null });

        Assert.Equal(
            new Dictionary<string, string> { ["email"] = "h1", ["score"] = "h4" },
            delivery.LastSent(Braze, 1));
    }

    [Fact]
    public async Task The_last_sent_ledger_is_kept_apart_per_output_and_per_user()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);

        delivery.RecordSent(Braze, 1, new Dictionary<string, string?> { ["email"] = "braze-1" });
        delivery.RecordSent(Braze, 2, new Dictionary<string, string?> { ["email"] = "braze-2" });
        delivery.RecordSent(Other, 1, new Dictionary<string, string?> { ["email"] = "other-1" });
        delivery.RecordSent(Other, 1, new Dictionary<string, string?> { ["email"] = null });

        Assert.Equal("braze-1", delivery.LastSent(Braze, 1)["email"]);
        Assert.Equal("braze-2", delivery.LastSent(Braze, 2)["email"]);
        Assert.Empty(delivery.LastSent(Other, 1));
        Assert.Empty(delivery.LastSent(Other, 2));
    }

    [Fact]
    public async Task Delivered_event_ids_are_remembered_per_output()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Assert.False(delivery.WasDelivered(Braze, "e1"));

        delivery.RecordDelivered(Braze, ["e1", "e2"], Now);
        delivery.RecordDelivered(Braze, ["e2"], Now);
        delivery.RecordDelivered(Braze, [], Now);

        Assert.True(delivery.WasDelivered(Braze, "e1"));
        Assert.True(delivery.WasDelivered(Braze, "e2"));
        Assert.False(delivery.WasDelivered(Braze, "e3"));
        Assert.False(delivery.WasDelivered(Other, "e1"));
    }

    [Fact]
    public async Task Pruning_forgets_event_ids_recorded_before_the_cutoff_and_counts_them()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        delivery.RecordDelivered(Braze, ["old", "again"], Now);
        delivery.RecordDelivered(Other, ["old-other"], Now);
        delivery.RecordDelivered(Braze, ["new"], Now + 1_000);

        // Recorded again later, an id counts from its latest delivery.
        delivery.RecordDelivered(Braze, ["again"], Now + 1_000);

        Assert.Equal(2, delivery.PruneDeliveredBefore(Now + 1_000));
        Assert.False(delivery.WasDelivered(Braze, "old"));
        Assert.False(delivery.WasDelivered(Other, "old-other"));
        Assert.True(delivery.WasDelivered(Braze, "new"));
        Assert.True(delivery.WasDelivered(Braze, "again"));
        Assert.Equal(0, delivery.PruneDeliveredBefore(Now + 1_000));
    }
}
