using System.Text.Json;
using System.Text.Unicode;

namespace Switchyard.Sandbox.Wire;

/// <summary>
/// What a JSON body must be before a sandbox route reads it: UTF-8, well formed (no comments, no trailing commas, as
/// Braze's parser), nested at most <c>maxDepth</c> levels, every string and property name decodable to Unicode text,
/// and no object naming a property twice. System.Text.Json checks none of the text rules while reading: a
/// <see cref="System.Text.Json.Nodes.JsonNode"/> throws <see cref="InvalidOperationException"/> later, in the middle of
/// a request, when such a string is decoded; and a repeated name makes a <c>JsonObject</c> throw on first use.
/// </summary>
internal static class JsonBodyRules
{
    /// <summary>
    /// Null when the body's text keeps the rules; otherwise what is wrong, for a 400. Repeated names are left to the
    /// parse that follows (<see cref="RequestBodyReader"/>), which compares names decoded and so must come after this.
    /// </summary>
    public static string? Problem(ReadOnlyMemory<byte> json, int maxDepth)
    {
        if (!Utf8.IsValid(json.Span))
        {
            return "Request body is not valid UTF-8.";
        }

        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = maxDepth });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String
                    && reader.ValueIsEscaped
                    && HasUnpairedSurrogate(reader.ValueSpan))
                {
                    return $"Request body is not valid text: a string at byte {reader.TokenStartIndex} escapes an unpaired UTF-16 surrogate (such as \\ud800).";
                }
            }

        }
        catch (JsonException e)
        {
            return "Request body is not valid JSON: " + e.Message;
        }

        return null;
    }

    /// <summary>
    /// Walks the escapes of a raw (still escaped) string: a high surrogate must be followed at once by an escaped low
    /// one, and a low one must follow a high one. Anything else cannot become UTF-16 or UTF-8 text.
    /// </summary>
    private static bool HasUnpairedSurrogate(ReadOnlySpan<byte> raw)
    {
        var awaitingLow = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\' || raw[i + 1] != (byte)'u')
            {
                if (awaitingLow)
                {
                    return true;
                }

                // Skip the escaped character too, so "\\u" (an escaped backslash, then 'u') is not read as an escape.
                i += raw[i] == (byte)'\\' ? 1 : 0;
                continue;
            }

            var unit = HexValue(raw.Slice(i + 2, 4));
            i += 5;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (isLow != awaitingLow)
            {
                return true;
            }

            awaitingLow = !isLow && unit is >= 0xD800 and <= 0xDBFF;
        }

        return awaitingLow;
    }

    // The reader has already checked that four hex digits follow every \u.
    private static int HexValue(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }

        return value;
    }
}
