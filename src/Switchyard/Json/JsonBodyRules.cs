using System.Text.Json;
using System.Text.Unicode;

namespace Switchyard.Json;

/// <summary>
/// What a JSON body must be before an endpoint reads it: UTF-8, well formed, nested at most <c>maxDepth</c> levels,
/// every string and property name decodable to Unicode text, and no object naming a property twice. System.Text.Json
/// checks none of the text rules while reading (it throws <see cref="InvalidOperationException"/> later, when a string
/// is decoded), and with a repeated name the last value would silently win; checking here keeps both out of every endpoint.
/// Comments and trailing commas pass: whether they are allowed is the endpoint's reader's decision.
/// </summary>
internal static class JsonBodyRules
{
    /// <summary>Null when the body keeps the rules; otherwise what is wrong, for a 400.</summary>
    public static string? Problem(ReadOnlyMemory<byte> json, int maxDepth)
    {
        if (!Utf8.IsValid(json.Span))
        {
            return "the body is not valid UTF-8.";
        }

        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions
            {
                MaxDepth = maxDepth,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String
                    && reader.ValueIsEscaped
                    && HasUnpairedSurrogate(reader.ValueSpan))
                {
                    return $"the body is not valid text: a string at byte {reader.TokenStartIndex} escapes an unpaired UTF-16 surrogate (such as \\ud800).";
                }
            }

            // Names are compared decoded, so this runs only once every name is known to decode.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                MaxDepth = maxDepth,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            return "the body is not valid JSON: " + e.Message;
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
