using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Console.Components.Shared;

/// <summary>Indents JSON for reading; text that is not JSON is shown as it is.</summary>
internal static class PrettyJson
{
    // The page escapes the text for HTML itself; JSON escaping on top would show \u0022 for quotes.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Format(document.RootElement);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    public static string Format(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
