namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task Ledger_fields_acknowledged_before_the_cut_off_or_without_a_time_read_as_stale()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await delivery.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>
        {
            [1] = new Dictionary<string, string?> { ["plan"] = "\"pro\"", ["tier"] = "\"gold\"" },
        }, [], 1_000, default);
        await delivery.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>
        {
            [1] = new Dictionary<string, string?> { ["tier"] = "\"silver\"" },
            [2] = new Dictionary<string, string?> { ["plan"] = "\"free\"" },
        }, [], 5_000, default);
        await delivery.RecordSentAsync(Braze, 3, new Dictionary<string, string?> { ["plan"] = "\"old\"" }, default);

        var ledgers = await delivery.LastSentAsync(Braze, [1, 2, 3, 4], freshSinceMs: 5_000, default);

        Assert.Equal("\"pro\"", ledgers[1].Fields["plan"]);
        Assert.Equal("\"silver\"", ledgers[1].Fields["tier"]);
        Assert.Equal(["plan"], ledgers[1].Stale);
        Assert.False(ledgers[1].Holds("plan", "\"pro\""));
        Assert.True(ledgers[1].Holds("tier", "\"silver\""));
        Assert.Empty(ledgers[2].Stale);
        Assert.Equal(["plan"], ledgers[3].Stale);
        Assert.Empty(ledgers[4].Fields);
        Assert.Equal(await delivery.LastSentAsync(Braze, 1, default), ledgers[1].Fields);
    }

    [Fact]
    public async Task Expiring_ledger_fields_keeps_their_values_and_makes_only_them_stale()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await delivery.RecordLedgersAsync(Braze, new Dictionary<long, IReadOnlyDictionary<string, string?>>
        {
            [1] = new Dictionary<string, string?> { ["plan"] = "\"pro\"", ["tier"] = "\"gold\"" },
            [2] = new Dictionary<string, string?> { ["plan"] = "\"pro\"" },
        }, [], 1_000, default);

        await delivery.ExpireLedgerFieldsAsync(Braze, 1, ["plan", "unknown"], default);
        await delivery.ExpireLedgerFieldsAsync(Other, 2, ["plan"], default);

        var ledgers = await delivery.LastSentAsync(Braze, [1, 2], freshSinceMs: 0, default);
        Assert.Equal(["plan"], ledgers[1].Stale);
        Assert.Equal("\"pro\"", ledgers[1].Fields["plan"]);
        Assert.Equal(2, ledgers[1].Fields.Count);
        Assert.Empty(ledgers[2].Stale);
    }
}
