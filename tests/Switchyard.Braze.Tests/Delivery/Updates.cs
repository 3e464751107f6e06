using Switchyard.Braze.Mapping;

namespace Switchyard.Braze.Tests.Delivery;

/// <summary>Hand-built updates with a given number of objects, so packing tests count exactly.</summary>
internal static class Updates
{
    public static readonly DateTimeOffset Time = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    public static BrazeUserUpdate User(string externalId, bool attributes = true, int events = 0, int purchases = 0, int quantity = 1) => new(
        externalId,
        attributes ? [new BrazeProperty("first_name", new BrazeString("Ann"))] : [],
        [],
        Enumerable.Range(0, events).Select(i => new BrazeEvent($"Played {i}", Time, [])).ToArray(),
        Enumerable.Range(0, purchases).Select(i => new BrazePurchase($"sku-{i}", "EUR", 9.99m, quantity, Time, [])).ToArray(),
        []);
}
