using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Segments;

/// <summary>Reads the <c>{"filter": …}</c> body shared by segment definitions and ad-hoc evaluation.</summary>
internal static class SegmentBodyParser
{
    public static SegmentNode? Parse(JsonNode? body, List<FieldError> errors)
    {
        if (body is not JsonObject obj || !obj.ContainsKey("filter"))
        {
            errors.Add(new("filter", "is required: {\"filter\": {\"and\":[{\"attribute\":\"…\",\"operator\":\"…\",\"value\":…}]}}"));
            return null;
        }

        return SegmentFilterParser.Parse(obj["filter"], "filter", errors);
    }
}
