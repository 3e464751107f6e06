using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Testing.Hostile;

/// <summary>What came back on the socket: the status line, the headers and the de-chunked body.</summary>
internal sealed record RawResponse(int Status, string Head, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? ContentType => Header("Content-Type");

    public string? Header(string name)
    {
        foreach (var line in Head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>The body as a JSON object, or null when it is not one (the caller says what it expected).</summary>
    public JsonObject? JsonBody()
    {
        try
        {
            return JsonNode.Parse(Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => Head + "\r\n\r\n" + (Text.Length > 400 ? Text[..400] + "…" : Text);

    /// <summary>One line: the status, the content type and the start of the body.</summary>
    public string Summary()
    {
        var text = System.Text.RegularExpressions.Regex.Replace(Text, @"\s+", " ");
        return $"{Status} {ContentType} {(text.Length > 200 ? text[..200] + "…" : text)}";
    }

    /// <summary>Splits what was read into head and body, undoing chunked transfer coding.</summary>
    public static RawResponse Parse(byte[] received)
    {
        var end = received.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException($"No complete response head in {received.Length} bytes: '{Encoding.ASCII.GetString(received)}'");
        }

        var head = Encoding.ASCII.GetString(received, 0, end);
        var statusLine = head.Split("\r\n")[0].Split(' ');
        var status = int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = received.AsSpan(end + 4);
        var response = new RawResponse(status, head, body.ToArray());
        return string.Equals(response.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase)
            ? response with { Body = Dechunk(body) }
            : response;
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var output = new List<byte>();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                throw new InvalidDataException("A chunk size line is cut off: the response ended early.");
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0], 16);
            if (size == 0)
            {
                return [.. output];
            }

            if (body.Length < lineEnd + 2 + size)
            {
                throw new InvalidDataException("A chunk is cut off: the response ended early.");
            }

            output.AddRange(body.Slice(lineEnd + 2, size));
            body = body[(lineEnd + 2 + size + 2)..];
        }
    }
}
