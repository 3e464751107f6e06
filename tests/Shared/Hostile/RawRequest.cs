using System.Text;

namespace Switchyard.Testing.Hostile;

/// <summary>
/// An HTTP/1.1 request written byte for byte, so a test can send what no well-behaved client would: a body on a GET,
/// bytes that are not UTF-8, broken chunked framing, a Content-Length that lies.
/// </summary>
internal sealed record RawRequest(string Method, string Target)
{
    /// <summary>Header lines besides <c>Host</c> and <c>Connection: close</c>, which are always sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A body sent with a matching <c>Content-Length</c>; ignored when <see cref="Framing"/> is set.</summary>
    public byte[]? Body { get; init; }

    /// <summary>
    /// Bytes written after the blank line exactly as given; the headers must declare the framing themselves
    /// (<c>Transfer-Encoding: chunked</c>, a <c>Content-Length</c>).
    /// </summary>
    public byte[]? Framing { get; init; }

    /// <summary>Shut the sending side down after the last byte, as a client that goes away mid-body does.</summary>
    public bool CloseAfterSending { get; init; }

    public RawRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public byte[] ToBytes() => [.. HeadBytes(), .. BodyBytes()];

    /// <summary>The bytes after the blank line.</summary>
    public byte[] BodyBytes() => Framing ?? Body ?? [];

    /// <summary>The request line and headers, up to and including the blank line.</summary>
    public byte[] HeadBytes()
    {
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Target).Append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (Framing is null && Body is not null)
        {
            head.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }
}
