using System.Text;

namespace Switchyard.Testing.Hostile;

/// <summary>
/// The hostile-input corpus, as data: whole bodies, request shapes (content types, content codings, chunked framing)
/// and, for routes that read a body, the values and property names swapped into the route's accepted sample one at a
/// time (<see cref="JsonMutations"/>). Add a row here and every route of both hosts is held to it.
/// </summary>
internal static class HostileCorpus
{
    private const HostileExpectation Refused = HostileExpectation.Refused;
    private const HostileExpectation AnyAnswer = HostileExpectation.AnyAnswer;
    private const HostileExpectation RefusedOrUnanswered = HostileExpectation.RefusedOrUnanswered;
    private const HostileExpectation RefusedUnlessUnknownIgnored = HostileExpectation.RefusedUnlessUnknownIgnored;

    private static readonly string DeepArrays = new string('[', 10_000) + new string(']', 10_000);

    private static readonly string DeepObjects = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);

    /// <summary>Whole bodies, sent with <c>Content-Type: application/json</c>.</summary>
    public static readonly (string Name, byte[] Body, HostileExpectation Expect)[] Bodies =
    [
        ("empty body", [], AnyAnswer),
        ("whitespace only", " \r\n\t "u8.ToArray(), AnyAnswer),
        ("not JSON", "not json"u8.ToArray(), Refused),
        ("truncated JSON", "{\"a\":[1,"u8.ToArray(), Refused),
        ("two JSON documents", "{}{}"u8.ToArray(), Refused),
        ("JSON null", "null"u8.ToArray(), AnyAnswer),
        ("JSON string", "\"text\""u8.ToArray(), AnyAnswer),
        ("JSON true", "true"u8.ToArray(), AnyAnswer),
        ("empty array", "[]"u8.ToArray(), AnyAnswer),
        ("empty object", "{}"u8.ToArray(), AnyAnswer),
        ("a comment", "/* c */ {}"u8.ToArray(), AnyAnswer),
        ("number 1e400", "1e400"u8.ToArray(), AnyAnswer),
        ("number 99999999999999999999999", "99999999999999999999999"u8.ToArray(), AnyAnswer),
        ("NaN literal", "{\"a\":NaN}"u8.ToArray(), Refused),
        ("Infinity literal", "{\"a\":Infinity}"u8.ToArray(), Refused),
        ("-Infinity literal", "[-Infinity]"u8.ToArray(), Refused),
        ("10,000 nested arrays", Encoding.ASCII.GetBytes(DeepArrays), Refused),
        ("10,000 nested objects", Encoding.ASCII.GetBytes(DeepObjects), Refused),
        ("lone low surrogate string", "\"\\udfff\""u8.ToArray(), Refused),
        ("lone surrogate property name", "{\"\\udfff\":1}"u8.ToArray(), Refused),
        ("high surrogate followed by a letter", "{\"a\":\"\\ud800x\"}"u8.ToArray(), RefusedUnlessUnknownIgnored),
        ("invalid UTF-8 in a string", [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8], Refused),
        ("invalid UTF-8 in a property name", [.. "{\""u8, 0xFF, .. "\":1}"u8], Refused),
        ("overlong UTF-8", [.. "{\"a\":\""u8, 0xC0, 0xAF, .. "\"}"u8], Refused),
        ("UTF-8 encoded surrogate", [.. "{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], Refused),
        ("UTF-16 with a byte order mark", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{\"a\":1}")], Refused),
        ("repeated property name", "{\"a\":1,\"a\":2}"u8.ToArray(), RefusedUnlessUnknownIgnored),
        ("repeated property name, one escaped", "{\"a\":1,\"\\u0061\":2}"u8.ToArray(), RefusedUnlessUnknownIgnored),
        ("10 MB body", Encoding.ASCII.GetBytes("{\"a\":\"" + new string('x', 10 * 1024 * 1024) + "\"}"), Refused),
    ];

    /// <summary>Values swapped, one at a time, into each value of a route's accepted sample.</summary>
    public static readonly (string Name, byte[] Json, HostileExpectation Expect)[] Values =
    [
        ("1e400", "1e400"u8.ToArray(), AnyAnswer),
        ("-1e400", "-1e400"u8.ToArray(), AnyAnswer),
        ("99999999999999999999999", "99999999999999999999999"u8.ToArray(), AnyAnswer),
        ("-99999999999999999999999", "-99999999999999999999999"u8.ToArray(), AnyAnswer),
        ("-1", "-1"u8.ToArray(), AnyAnswer),
        ("0.5", "0.5"u8.ToArray(), AnyAnswer),
        ("true", "true"u8.ToArray(), AnyAnswer),
        ("null", "null"u8.ToArray(), AnyAnswer),
        ("empty string", "\"\""u8.ToArray(), AnyAnswer),
        ("a string", "\"text\""u8.ToArray(), AnyAnswer),
        ("a 70,000-character string", Encoding.ASCII.GetBytes("\"" + new string('y', 70_000) + "\""), AnyAnswer),
        ("empty array", "[]"u8.ToArray(), AnyAnswer),
        ("mixed array", "[1,\"a\",null,{}]"u8.ToArray(), AnyAnswer),
        ("empty object", "{}"u8.ToArray(), AnyAnswer),
        ("NaN", "NaN"u8.ToArray(), Refused),
        ("Infinity", "Infinity"u8.ToArray(), Refused),
        ("lone low surrogate", "\"\\udfff\""u8.ToArray(), Refused),
        ("lone high surrogate", "\"a\\ud800\""u8.ToArray(), Refused),
        ("high surrogate then a letter", "\"\\ud800\\u0041\""u8.ToArray(), Refused),
        ("invalid UTF-8", [(byte)'"', 0xC3, 0x28, (byte)'"'], Refused),
        ("10,000 nested arrays", Encoding.ASCII.GetBytes(DeepArrays), Refused),
    ];

    /// <summary>Property names added to each object of a route's sample; <c>null</c> repeats the object's first name.</summary>
    public static readonly (string Name, byte[]? Property, HostileExpectation Expect)[] Names =
    [
        ("lone surrogate name", "\"\\udfff\":1"u8.ToArray(), Refused),
        ("invalid UTF-8 name", [(byte)'"', 0xFF, 0xFE, .. "\":1"u8], Refused),
        ("repeated name", null, Refused),
    ];

    /// <summary>Every whole-request case for a route: the bodies above, then request shapes built on its sample.</summary>
    public static IEnumerable<HostileCase> RequestCases(HostileRoute route)
    {
        var sample = Encoding.UTF8.GetBytes(route.Sample ?? "{}");
        foreach (var (name, body, expect) in Bodies)
        {
            yield return new(name, Base(route, "application/json") with { Body = body }, expect);
        }

        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml" }.Except(route.AlsoTakes))
        {
            yield return new("Content-Type " + contentType, Base(route, contentType) with { Body = sample }, Refused);
        }

        foreach (var coding in new[] { "gzip", "br", "deflate, gzip" })
        {
            yield return new("Content-Encoding " + coding + " on a plain body", Base(route, "application/json").WithHeader("Content-Encoding", coding) with { Body = sample }, Refused);
        }

        var chunked = Base(route, "application/json").WithHeader("Transfer-Encoding", "chunked");
        var size = sample.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        yield return new("chunked, well formed", chunked with { Framing = [.. Ascii(size + "\r\n"), .. sample, .. Ascii("\r\n0\r\n\r\n")] }, AnyAnswer);
        yield return new("chunk size ffffffffffffffff", chunked with { Framing = [.. Ascii("ffffffffffffffff\r\n"), .. sample, .. Ascii("\r\n0\r\n\r\n")] }, Refused);
        yield return new("chunk size not hex", chunked with { Framing = [.. Ascii("zz\r\n"), .. sample, .. Ascii("\r\n0\r\n\r\n")] }, Refused);
        yield return new("negative chunk size", chunked with { Framing = [.. Ascii("-5\r\n"), .. sample, .. Ascii("\r\n0\r\n\r\n")] }, Refused);
        yield return new("chunk data without its CRLF", chunked with { Framing = [.. Ascii(size + "\r\n"), .. sample, .. Ascii("XX0\r\n\r\n")] }, Refused);
        yield return new("chunk cut short, client closes", chunked with { Framing = [.. Ascii("ffff\r\n"), .. sample], CloseAfterSending = true }, RefusedOrUnanswered);
        yield return new("no last chunk, client closes", chunked with { Framing = [.. Ascii(size + "\r\n"), .. sample, .. Ascii("\r\n")], CloseAfterSending = true }, RefusedOrUnanswered);
        yield return new("10 MB chunked body", chunked with { Framing = [.. Ascii("a00000\r\n"), .. new byte[0xa00000], .. Ascii("\r\n0\r\n\r\n")] }, Refused);
        yield return new(
            "Content-Length beyond the body, client closes",
            Base(route, "application/json").WithHeader("Content-Length", (sample.Length + 100).ToString(System.Globalization.CultureInfo.InvariantCulture)) with { Framing = sample, CloseAfterSending = true },
            RefusedOrUnanswered);
    }

    /// <summary>The route's sample with one value replaced or one property name added, for every place in it.</summary>
    public static IEnumerable<HostileCase> MutationCases(HostileRoute route)
    {
        if (route.Sample is null)
        {
            yield break;
        }

        foreach (var mutation in JsonMutations.Of(route.Sample, Values, Names))
        {
            yield return new(mutation.What + " at " + mutation.Where, Base(route, "application/json") with { Body = mutation.Body }, mutation.Expect);
        }
    }

    private static RawRequest Base(HostileRoute route, string contentType)
    {
        var request = new RawRequest(route.RequestMethod, route.Path).WithHeader("Content-Type", contentType);
        return route.Authorization is null ? request : request.WithHeader("Authorization", route.Authorization);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
