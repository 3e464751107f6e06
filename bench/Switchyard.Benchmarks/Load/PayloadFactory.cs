using System.Globalization;
using System.Text;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// Builds realistic bulk bodies: each batch is one user with identities, device info, a few user attributes
/// and a mix of custom events, screen views and a purchase. Each batch carries a 24-character
/// <c>source_request_id</c> whose place in the body is known, so every request can be stamped with fresh ids
/// (the server's de-duplication must not make the load look lighter than it is).
/// </summary>
internal sealed class PayloadFactory
{
    public const int IdWidth = 24;
    private const string IdPlaceholder = "@@@@@@@@@@@@@@@@@@@@@@@@";

    private PayloadFactory(byte[] template, int[] idOffsets, int eventsPerRequest)
    {
        Template = template;
        IdOffsets = idOffsets;
        EventsPerRequest = eventsPerRequest;
    }

    public byte[] Template { get; }

    public int[] IdOffsets { get; }

    public int EventsPerRequest { get; }

    /// <param name="userOf">Turns the drawn user number (0 to <paramref name="users"/> − 1) into the user the batch is from; by default itself.</param>
    public static PayloadFactory Create(int batchesPerRequest, int eventsPerBatch, int seed, int users = 1_000_000, Func<int, int>? userOf = null)
    {
        var random = new Random(seed);
        var json = new StringBuilder();
        json.Append('[');
        for (var b = 0; b < batchesPerRequest; b++)
        {
            if (b > 0)
            {
                json.Append(',');
            }

            var drawn = random.Next(users);
            AppendBatch(json, random, b, eventsPerBatch, userOf is null ? drawn : userOf(drawn));
        }

        return Finish(json, batchesPerRequest * eventsPerBatch);
    }

    /// <summary>One batch for each of the users <paramref name="firstUser"/> to <paramref name="firstUser"/> + <paramref name="count"/> − 1, in order.</summary>
    public static PayloadFactory ForUsers(int firstUser, int count, int eventsPerBatch, int seed)
    {
        var random = new Random(seed);
        var json = new StringBuilder();
        json.Append('[');
        for (var b = 0; b < count; b++)
        {
            if (b > 0)
            {
                json.Append(',');
            }

            AppendBatch(json, random, b, eventsPerBatch, firstUser + b);
        }

        return Finish(json, count * eventsPerBatch);
    }

    private static PayloadFactory Finish(StringBuilder json, int eventsPerRequest)
    {
        json.Append(']');
        var template = Encoding.UTF8.GetBytes(json.ToString());
        var offsets = new List<int>();
        var placeholder = Encoding.UTF8.GetBytes(IdPlaceholder);
        for (var at = template.AsSpan().IndexOf(placeholder); at >= 0;)
        {
            offsets.Add(at);
            var next = template.AsSpan(at + IdWidth).IndexOf(placeholder);
            at = next < 0 ? -1 : at + IdWidth + next;
        }

        return new PayloadFactory(template, [.. offsets], eventsPerRequest);
    }

    /// <summary>One batch on its own, not in an array: the body of <c>/v2/events</c> and of the Web SDK's v3 events route.</summary>
    public static PayloadFactory Single(int eventsPerBatch, int seed)
    {
        var bulk = Create(1, eventsPerBatch, seed);
        // The bulk template is "[batch]": the batch alone is the body, each id one byte earlier.
        return new PayloadFactory(bulk.Template[1..^1], [.. bulk.IdOffsets.Select(o => o - 1)], eventsPerBatch);
    }

    /// <summary>Copies the template into <paramref name="body"/> with unique source_request_ids.</summary>
    public void Stamp(byte[] body, ref long counter)
    {
        Template.CopyTo(body, 0);
        Span<char> text = stackalloc char[IdWidth];
        foreach (var offset in IdOffsets)
        {
            var id = Interlocked.Increment(ref counter);
            id.TryFormat(text, out _, "D24", CultureInfo.InvariantCulture);
            for (var i = 0; i < IdWidth; i++)
            {
                body[offset + i] = (byte)text[i];
            }
        }
    }

    private static void AppendBatch(StringBuilder json, Random random, int index, int events, int user)
    {
        var now = 1_764_000_000_000L + random.Next(86_400_000);
        json.Append(CultureInfo.InvariantCulture, $$$"""
            {"environment":"production","source_request_id":"{{{IdPlaceholder}}}","mpid":{{{8_000_000_000L + user}}},
            "user_identities":{"customer_id":"cust-{{{user}}}","email":"user{{{user}}}@example.com"},
            "device_info":{"platform":"iOS","ios_idfv":"5C0B6C2E-{{{user:D8}}}-4B8A-9C11-2F6E3E1D0A7B","device_model":"iPhone15,2","os_version":"18.1"},
            "application_info":{"application_name":"Shop","application_version":"4.2.{{{index % 10}}}","os":"IOS"},
            "user_attributes":{"$FirstName":"Ada{{{user % 97}}}","plan":"{{{(user % 3 == 0 ? "pro" : "free")}}}","visits":"{{{user % 50}}}","favourite genres":["jazz","rock"]},
            "events":[
            """);
        for (var e = 0; e < events; e++)
        {
            if (e > 0)
            {
                json.Append(',');
            }

            var at = now + e * 1000;
            switch (e % 4)
            {
                case 0:
                    json.Append(CultureInfo.InvariantCulture, $$$"""{"event_type":"screen_view","data":{"screen_name":"Product {{{random.Next(500)}}}","timestamp_unixtime_ms":{{{at}}},"session_uuid":"s-{{{user}}}"}}""");
                    break;
                case 3:
                    json.Append(CultureInfo.InvariantCulture, $$$"""{"event_type":"commerce_event","data":{"timestamp_unixtime_ms":{{{at}}},"currency_code":"USD","product_action":{"action":"purchase","transaction_id":"tx-{{{user}}}-{{{e}}}","total_amount":59.9,"products":[{"id":"sku-{{{random.Next(5000)}}}","name":"Item","price":29.95,"quantity":2}]}}""").Append('}');
                    break;
                default:
                    json.Append(CultureInfo.InvariantCulture, $$$"""{"event_type":"custom_event","data":{"event_name":"Added to Wishlist","custom_event_type":"user_preference","timestamp_unixtime_ms":{{{at}}},"session_uuid":"s-{{{user}}}","custom_attributes":{"category":"shoes","position":"{{{e}}}","campaign":"autumn"}}""").Append('}');
                    break;
            }
        }

        json.Append("]}");
    }
}
