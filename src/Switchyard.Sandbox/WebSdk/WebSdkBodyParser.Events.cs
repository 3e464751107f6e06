using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;
using Switchyard.Sandbox.Track;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// <c>events[]</c>: <c>{name:&lt;code&gt;, time:&lt;epoch seconds&gt;, data, user_id?}</c>. The codes applied are <c>ce</c>
/// (custom event), <c>p</c> (purchase), <c>ss</c>/<c>se</c> (session start/end) and <c>set</c>/<c>add</c>/<c>rem</c>/<c>inc</c>
/// (custom attribute operations); any other code (location, subscription groups, in-app message and card
/// impressions, …) is accepted and not stored.
/// </summary>
internal static partial class WebSdkBodyParser
{
    /// <summary>Times after the year 3000 are refused rather than clamped: no clock sends them.</summary>
    private const double MaxEpochSeconds = 32_503_680_000;

    private static WebSdkFieldError? ParseEvent(WebSdkBatch batch, JsonNode? node, string path, string? envelopeUser)
    {
        if (node is not JsonObject obj)
        {
            return new(path, "must be an object");
        }

        if (!ObjectIdentity.IsNonEmptyString(obj["name"], out var code))
        {
            return new(path + ".name", "is required: the event's type code, such as \"ce\"");
        }

        WebSdkFieldError? error;
        if ((error = ParseTime(obj, path, out var time)) is not null
            || (error = UserId(obj, path + ".user_id", envelopeUser, out var userId)) is not null)
        {
            return error;
        }

        var data = obj["data"];
        if (data is not null && data.GetValueKind() != JsonValueKind.Null && data is not JsonObject)
        {
            return new(path + ".data", "must be an object");
        }

        var fields = data as JsonObject ?? [];
        var identity = WebSdkDevice.Identity(userId, batch.DeviceId);
        batch.NoteUser(userId);
        return code switch
        {
            "ce" => CustomEvent(batch, fields, identity, time, path),
            "p" => Purchase(batch, fields, identity, time, path),
            "ss" => SessionStart(batch, identity, time, path),
            "set" or "add" or "rem" or "inc" => AttributeOperation(batch, code!, fields, identity, path),
            _ => null,
        };
    }

    private static WebSdkFieldError? ParseTime(JsonObject obj, string path, out string time)
    {
        time = string.Empty;
        if (obj["time"] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number
            || !value.TryGetValue<double>(out var seconds) || !double.IsFinite(seconds) || seconds is < 0 or > MaxEpochSeconds)
        {
            return new(path + ".time", "must be a number of seconds since 1970-01-01 (UTC)");
        }

        time = BrazeTime.Format(DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)));
        return null;
    }

    private static WebSdkFieldError? CustomEvent(WebSdkBatch batch, JsonObject data, JsonObject identity, string time, string path)
    {
        if (!ObjectIdentity.IsNonEmptyString(data["n"], out var name))
        {
            return new(path + ".data.n", "is required: the custom event's name");
        }

        if (Properties(data, "p", path, out var properties) is { } error)
        {
            return error;
        }

        identity["name"] = name;
        identity["time"] = time;
        identity["properties"] = properties;
        batch.AddEvent(identity, path);
        return null;
    }

    private static WebSdkFieldError? Purchase(WebSdkBatch batch, JsonObject data, JsonObject identity, string time, string path)
    {
        if (!ObjectIdentity.IsNonEmptyString(data["pid"], out var productId))
        {
            return new(path + ".data.pid", "is required: the product id");
        }

        if (!ObjectIdentity.IsNonEmptyString(data["c"], out var currency))
        {
            return new(path + ".data.c", "is required: an ISO 4217 currency code such as \"USD\"");
        }

        if (!TryPrice(data["p"], out var price))
        {
            return new(path + ".data.p", "must be a price such as \"19.99\"");
        }

        var quantity = 1;
        if (data["q"] is { } q && q.GetValueKind() != JsonValueKind.Null
            && (q.GetValueKind() != JsonValueKind.Number || !q.AsValue().TryGetValue(out quantity) || quantity is < 1 or > 100))
        {
            return new(path + ".data.q", "must be a whole number from 1 to 100");
        }

        if (Properties(data, "pr", path, out var properties) is { } error)
        {
            return error;
        }

        identity["product_id"] = productId;
        identity["currency"] = currency;
        identity["price"] = price;
        identity["quantity"] = quantity;
        identity["time"] = time;
        identity["properties"] = properties;
        batch.AddPurchase(identity, path);
        return null;
    }

    /// <summary>The SDK sends the price as a string with two decimals; a JSON number is taken too.</summary>
    private static bool TryPrice(JsonNode? node, out decimal price)
    {
        price = 0;
        return node?.GetValueKind() switch
        {
            JsonValueKind.String => decimal.TryParse(node.GetValue<string>(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price),
            JsonValueKind.Number => node.AsValue().TryGetValue(out price),
            _ => false,
        };
    }

    private static WebSdkFieldError? Properties(JsonObject data, string name, string path, out JsonObject? properties)
    {
        properties = null;
        var node = data[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            return new($"{path}.data.{name}", "must be an object of properties");
        }

        // A copy: a node belongs to one parent, and this one still belongs to the request body.
        properties = (JsonObject)obj.DeepClone();
        return null;
    }

    private static WebSdkFieldError? SessionStart(WebSdkBatch batch, JsonObject identity, string time, string path)
    {
        batch.SessionStarts.Add(new WebSdkSessionStart(identity, BrazeTime.ParseCanonical(time), path));
        return null;
    }

    /// <summary><c>{key, value}</c> as the /users/track attribute forms: a value, <c>{"add":[v]}</c>, <c>{"remove":[v]}</c>, <c>{"inc":n}</c>.</summary>
    private static WebSdkFieldError? AttributeOperation(WebSdkBatch batch, string code, JsonObject data, JsonObject identity, string path)
    {
        if (!ObjectIdentity.IsNonEmptyString(data["key"], out var key))
        {
            return new(path + ".data.key", "is required: the custom attribute's name");
        }

        if (ReservedName(key!) is { } reserved)
        {
            return new(path + ".data.key", reserved);
        }

        if (!data.ContainsKey("value"))
        {
            return new(path + ".data.value", "is required");
        }

        var value = data["value"]?.DeepClone();
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        switch (code)
        {
            case "inc" when kind != JsonValueKind.Number || !value!.AsValue().TryGetValue<long>(out _):
                return new(path + ".data.value", "must be a whole number to increment by");
            case "add" or "rem" when kind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False):
                return new(path + ".data.value", "must be a string, number or boolean");
        }

        identity[key!] = code switch
        {
            "add" => new JsonObject { ["add"] = new JsonArray(value) },
            "rem" => new JsonObject { ["remove"] = new JsonArray(value) },
            "inc" => new JsonObject { ["inc"] = value },
            _ => value,
        };
        batch.AddAttributes(identity, path);
        return null;
    }
}
