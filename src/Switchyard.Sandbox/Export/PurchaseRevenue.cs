using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Export;

/// <summary>
/// <c>total_revenue</c> of an export (reference/braze.md §2). Any price a decimal holds is accepted at track time, so
/// the sum can pass decimal's range (two purchases of 7e28 already do); it is then given as a double instead of
/// failing the export.
/// </summary>
internal static class PurchaseRevenue
{
    public static JsonNode Total(IReadOnlyList<PurchaseRecord> purchases)
    {
        var total = 0m;
        foreach (var purchase in purchases)
        {
            if (!TryAdd(total, purchase.Price, out total))
            {
                return JsonValue.Create(purchases.Sum(p => (double)p.Price));
            }
        }

        return JsonValue.Create(total);
    }

    private static bool TryAdd(decimal total, decimal price, out decimal sum)
    {
        // decimal addition always throws on overflow, so test the headroom first rather than catch.
        var fits = price >= 0 ? total <= decimal.MaxValue - price : total >= decimal.MinValue - price;
        sum = fits ? total + price : total;
        return fits;
    }
}
