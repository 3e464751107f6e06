using System.Globalization;

namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// One attribute value as it arrived: its JSON kind plus its text. Numbers keep their literal text so an
/// int64 id or a decimal price is never rounded through a double; booleans are <c>"true"</c>/<c>"false"</c>;
/// arrays and objects (event attributes only) keep their raw JSON. A struct, so the common scalar case costs
/// one string and no extra object.
/// </summary>
public readonly record struct AttributeValue(AttributeValueKind Kind, string? Text, IReadOnlyList<string>? List = null)
{
    public static AttributeValue Null => default;

    public static AttributeValue True { get; } = new(AttributeValueKind.Boolean, "true");

    public static AttributeValue False { get; } = new(AttributeValueKind.Boolean, "false");

    public static AttributeValue FromString(string value) => new(AttributeValueKind.String, value);

    public static AttributeValue FromStringList(IReadOnlyList<string> values) => new(AttributeValueKind.StringList, null, values);

    public bool IsNull => Kind == AttributeValueKind.Null;

    /// <summary>The value as an int64 when it is a number (or numeric string) in range.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind is AttributeValueKind.Number or AttributeValueKind.String
            && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value as a double when it is a number (or numeric string).</summary>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        return Kind is AttributeValueKind.Number or AttributeValueKind.String
            && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>The value as a boolean when it is a JSON boolean.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = Kind == AttributeValueKind.Boolean && Text == "true";
        return Kind == AttributeValueKind.Boolean;
    }

    public override string ToString() => Kind switch
    {
        AttributeValueKind.Null => "null",
        AttributeValueKind.StringList => string.Join(",", List ?? []),
        _ => Text ?? "",
    };
}
