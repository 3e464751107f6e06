using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Users;

/// <summary>One stored purchase; a quantity of n arrives as n records (reference/braze.md §1.6).</summary>
internal sealed record PurchaseRecord(
    string ProductId,
    string Currency,
    decimal Price,
    DateTimeOffset Time,
    string? AppId,
    JsonObject? Properties)
{
    public PurchaseRecord DeepClone() => this with { Properties = (JsonObject?)Properties?.DeepClone() };
}
