using System.Text.Json;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Wording shared by error messages.</summary>
internal static class JsonTokenText
{
    /// <summary>Cuts a client-supplied value so a hostile one cannot blow up the error body.</summary>
    public static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
