using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Cli;

/// <summary>JSON answers printed on one line, so a refusal stays one line of output that grep finds.</summary>
internal static class CliJson
{
    // Printed for a person: keep quotes, accents and '<' as they are rather than as \u escapes.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string OneLine(string text)
    {
        try
        {
            return JsonNode.Parse(text)?.ToJsonString(Relaxed) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
