using System.Text.Json;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Turns a serializer exception into a client-facing sentence. The serializer says "The JSON value could not be
/// converted to System.Nullable`1[System.Int64]. Path: … | LineNumber: …"; clients know JSON, not .NET, and we
/// print our own path, so that becomes "expected an integer (int64)".
/// </summary>
internal static class JsonErrorText
{
    private const string ConvertedTo = "could not be converted to ";

    /// <summary>A property named twice in one object (refused: which value would count is the reader's choice).</summary>
    public const string RepeatedName = "appears more than once in its object";

    public static string Describe(JsonException ex)
    {
        if (ex is IngestJsonException)
        {
            return ex.Message;
        }

        // An escaped lone surrogate ("\ud800") is well-formed JSON but no valid string; say so rather than
        // blaming the type.
        if (ex.InnerException is InvalidOperationException inner && inner.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            return "invalid string: " + inner.Message.TrimEnd('.');
        }

        string message = ex.Message;
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return RepeatedName;
        }

        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        int at = message.IndexOf(ConvertedTo, StringComparison.Ordinal);
        return at < 0 ? message.TrimEnd('.') : "wrong JSON type or value out of range: expected " + Expected(message[(at + ConvertedTo.Length)..].TrimEnd('.'));
    }

    private static string Expected(string typeName)
    {
        string type = typeName.StartsWith("System.Nullable`1[", StringComparison.Ordinal) ? typeName[18..^1] : typeName;
        return type switch
        {
            "System.String" => "a string",
            "System.Int32" => "an integer (int32)",
            "System.Int64" => "an integer (int64)",
            "System.Decimal" => "a decimal number",
            "System.Double" => "a number",
            "System.Boolean" => "a boolean",
            _ when type.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
            _ => "an object",
        };
    }
}
