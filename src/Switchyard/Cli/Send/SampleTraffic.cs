using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchyard.Cli.Send;

/// <summary>
/// Generated batches that look like an app's traffic: each a user of <c>users</c> (customer id and email), a few user
/// attributes, one to five events, mostly custom events, some screen views, and a purchase in about one batch of ten.
/// The same seed gives the same users, events and attributes in the same order; times are those of the run.
/// </summary>
internal sealed class SampleTraffic(int seed, int users, string environment, DateTimeOffset now)
{
    private static readonly (string Name, string Type)[] CustomEvents =
    [
        ("Searched", "search"), ("Viewed Product", "navigation"), ("Added to Cart", "transaction"), ("Played", "media"),
        ("Shared", "social"), ("Signed Up", "other"), ("Opened Settings", "user_preference"),
    ];

    private static readonly string[] Screens = ["Home", "Search", "Product", "Cart", "Profile", "Settings"];
    private static readonly string[] Plans = ["free", "pro", "team"];
    private static readonly string[] Cities = ["Lisbon", "Madrid", "Ibiza", "Berlin", "Austin", "Osaka"];
    private static readonly string[] Genres = ["jazz", "rock", "house", "classical"];

    // A run id keeps the source_request_id of each batch unique across runs (the inbox de-duplicates on it) while a
    // retried request keeps its own, so a retry after a lost answer is not stored twice.
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    public IEnumerable<OutgoingBatch> Take(int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Batch(random, i);
        }
    }

    private OutgoingBatch Batch(Random random, int index)
    {
        var user = random.Next(users);
        var time = now.ToUnixTimeMilliseconds() - random.Next(60_000);
        var events = 1 + random.Next(5);
        var purchase = random.Next(10) == 0;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("environment", environment);
            json.WriteString("source_request_id", $"sample-{_run}-{index.ToString(CultureInfo.InvariantCulture)}");
            json.WriteStartObject("user_identities");
            json.WriteString("customer_id", $"sample-{user.ToString(CultureInfo.InvariantCulture)}");
            json.WriteString("email", $"sample-{user.ToString(CultureInfo.InvariantCulture)}@example.com");
            json.WriteEndObject();
            json.WriteStartObject("user_attributes");
            json.WriteString("plan", Plans[user % Plans.Length]);
            json.WriteString("$City", Cities[(user / Plans.Length) % Cities.Length]);
            json.WriteString("favourite_genre", Genres[random.Next(Genres.Length)]);
            json.WriteEndObject();
            json.WriteStartArray("events");
            for (var e = 0; e < events; e++)
            {
                if (random.Next(4) == 0)
                {
                    ScreenView(json, random, time + e);
                }
                else
                {
                    CustomEvent(json, random, time + e);
                }
            }

            if (purchase)
            {
                Purchase(json, random, time + events, index);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new OutgoingBatch(Encoding.UTF8.GetString(buffer.ToArray()), events + (purchase ? 1 : 0), $"sample {index + 1}");
    }

    private static void CustomEvent(Utf8JsonWriter json, Random random, long time)
    {
        var (name, type) = CustomEvents[random.Next(CustomEvents.Length)];
        json.WriteStartObject();
        json.WriteString("event_type", "custom_event");
        json.WriteStartObject("data");
        json.WriteString("event_name", name);
        json.WriteString("custom_event_type", type);
        json.WriteNumber("timestamp_unixtime_ms", time);
        json.WriteStartObject("custom_attributes");
        json.WriteString("genre", Genres[random.Next(Genres.Length)]);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void ScreenView(Utf8JsonWriter json, Random random, long time)
    {
        json.WriteStartObject();
        json.WriteString("event_type", "screen_view");
        json.WriteStartObject("data");
        json.WriteString("screen_name", Screens[random.Next(Screens.Length)]);
        json.WriteNumber("timestamp_unixtime_ms", time);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Purchase(Utf8JsonWriter json, Random random, long time, int index)
    {
        var quantity = 1 + random.Next(3);
        var cents = 499 + (random.Next(50) * 100);
        var price = cents / 100m;
        json.WriteStartObject();
        json.WriteString("event_type", "commerce_event");
        json.WriteStartObject("data");
        json.WriteNumber("timestamp_unixtime_ms", time);
        json.WriteString("currency_code", "USD");
        json.WriteStartObject("product_action");
        json.WriteString("action", "purchase");
        json.WriteString("transaction_id", $"t-{index.ToString(CultureInfo.InvariantCulture)}");
        json.WriteNumber("total_amount", price * quantity);
        json.WriteStartArray("products");
        json.WriteStartObject();
        json.WriteString("id", $"sku-{random.Next(20).ToString(CultureInfo.InvariantCulture)}");
        json.WriteString("name", "Sample product");
        json.WriteNumber("price", price);
        json.WriteNumber("quantity", quantity);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
