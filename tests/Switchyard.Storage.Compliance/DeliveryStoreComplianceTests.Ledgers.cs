namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task The_last_sent_ledger_returns_what_was_recorded_and_a_null_value_removes_a_field()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Assert.Empty(await delivery.LastSentAsync(Braze, 1, default));

        await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1", ["score"] = "h2", ["city"] = "h3" }, default);
        await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["score"] = "h4", ["city"] = null, ["never"] = null }, default);

        Assert.Equal(
            new Dictionary<string, string> { ["email"] = "h1", ["score"] = "h4" },
            await delivery.LastSentAsync(Braze, 1, default));
    }

    [Fact]
    public async Task The_last_sent_ledger_is_kept_apart_per_output_and_per_user()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);

        await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["email"] = "braze-1" }, default);
        await delivery.RecordSentAsync(Braze, 2, new Dictionary<string, string?> { ["email"] = "braze-2" }, default);
        await delivery.RecordSentAsync(Other, 1, new Dictionary<string, string?> { ["email"] = "other-1" }, default);
        await delivery.RecordSentAsync(Other, 1, new Dictionary<string, string?> { ["email"] = null }, default);

        Assert.Equal("braze-1", (await delivery.LastSentAsync(Braze, 1, default))["email"]);
        Assert.Equal("braze-2", (await delivery.LastSentAsync(Braze, 2, default))["email"]);
        Assert.Empty(await delivery.LastSentAsync(Other, 1, default));
        Assert.Empty(await delivery.LastSentAsync(Other, 2, default));
    }

    [Fact]
    public async Task Delivered_event_ids_are_remembered_per_output()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Assert.False(await delivery.WasDeliveredAsync(Braze, "e1", default));

        await delivery.RecordDeliveredAsync(Braze, ["e1", "e2"], Now, default);
        await delivery.RecordDeliveredAsync(Braze, ["e2"], Now, default);
        await delivery.RecordDeliveredAsync(Braze, [], Now, default);

        Assert.True(await delivery.WasDeliveredAsync(Braze, "e1", default));
        Assert.True(await delivery.WasDeliveredAsync(Braze, "e2", default));
        Assert.False(await delivery.WasDeliveredAsync(Braze, "e3", default));
        Assert.False(await delivery.WasDeliveredAsync(Other, "e1", default));
    }

    [Fact]
    public async Task Pruning_forgets_event_ids_recorded_before_the_cutoff_and_counts_them()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await delivery.RecordDeliveredAsync(Braze, ["old", "older"], Now, default);
        await delivery.RecordDeliveredAsync(Other, ["old-other"], Now, default);
        await delivery.RecordDeliveredAsync(Braze, ["new"], Now + 1_000, default);

        Assert.Equal(3, await delivery.PruneDeliveredBeforeAsync(Now + 1_000, default));
        Assert.False(await delivery.WasDeliveredAsync(Braze, "old", default));
        Assert.False(await delivery.WasDeliveredAsync(Braze, "older", default));
        Assert.False(await delivery.WasDeliveredAsync(Other, "old-other", default));
        Assert.True(await delivery.WasDeliveredAsync(Braze, "new", default));
        Assert.Equal(0, await delivery.PruneDeliveredBeforeAsync(Now + 1_000, default));
    }

    [Fact]
    public async Task An_event_id_recorded_again_counts_from_its_latest_delivery()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await delivery.RecordDeliveredAsync(Braze, ["again"], Now, default);
        await delivery.RecordDeliveredAsync(Braze, ["again"], Now + 1_000, default);
        await delivery.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>(), ["again"], Now + 2_000, default);

        // How many rows an id leaves behind is the store's business; whether it is remembered is not.
        await delivery.PruneDeliveredBeforeAsync(Now + 2_000, default);
        Assert.True(await delivery.WasDeliveredAsync(Braze, "again", default));
        Assert.Equal("again", Assert.Single(await delivery.DeliveredAmongAsync(Braze, ["again", "never"], default)));

        await delivery.PruneDeliveredBeforeAsync(Now + 2_001, default);
        Assert.False(await delivery.WasDeliveredAsync(Braze, "again", default));
    }

    [Fact]
    public async Task Pruning_more_event_ids_than_one_statement_removes_every_old_one_and_keeps_the_rest()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        string[] old = [.. Enumerable.Range(0, 12_345).Select(i => "old-" + i)];
        await delivery.RecordDeliveredAsync(Braze, old, Now, default);
        await delivery.RecordDeliveredAsync(Braze, ["new"], Now + 1_000, default);

        Assert.Equal(old.Length, await delivery.PruneDeliveredBeforeAsync(Now + 1_000, default));
        Assert.False(await delivery.WasDeliveredAsync(Braze, "old-0", default));
        Assert.False(await delivery.WasDeliveredAsync(Braze, "old-12344", default));
        Assert.True(await delivery.WasDeliveredAsync(Braze, "new", default));
    }
}
