using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Segments;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Segments;

/// <summary>Compiles one condition on attribute <c>a</c> and evaluates it against one value at a fixed moment.</summary>
internal static class FilterHarness
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static SegmentNode Compile(string filterJson)
    {
        var errors = new List<FieldError>();
        var node = SegmentFilterParser.Parse(JsonNode.Parse(filterJson), "filter", errors);
        Assert.Empty(errors);
        return node!;
    }

    public static List<FieldError> Errors(string filterJson)
    {
        var errors = new List<FieldError>();
        var node = SegmentFilterParser.Parse(JsonNode.Parse(filterJson), "filter", errors);
        Assert.Null(node);
        return errors;
    }

    /// <param name="operatorName">The operator's wire name.</param>
    /// <param name="operand">Extra JSON members such as <c>"value":"x"</c> or <c>"values":["x"]</c>, or empty.</param>
    /// <param name="valueJson">The user's value of <c>a</c> as JSON, or null for a user without <c>a</c>.</param>
    /// <param name="type">An optional declared type.</param>
    public static bool Matches(string operatorName, string operand, string? valueJson, string? type = null)
    {
        var typePart = type is null ? "" : $",\"type\":\"{type}\"";
        var operandPart = operand.Length == 0 ? "" : "," + operand;
        var filter = Compile($"{{\"attribute\":\"a\",\"operator\":\"{operatorName}\"{typePart}{operandPart}}}");
        return filter.Matches(TestSubject.WithA(valueJson), Now);
    }
}
