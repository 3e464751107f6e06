using System.Globalization;

namespace Switchyard.Braze.Mapping;

/// <summary>
/// A value in a Braze attributes object or event/purchase properties (reference/braze.md §1.3, §1.4). A closed
/// hierarchy kept in one file: the cases are only meaningful together, and <see cref="BrazeTrackJson"/> switches on them.
/// </summary>
public abstract record BrazeValue
{
    private protected BrazeValue()
    {
    }

    public static BrazeValue Null { get; } = new BrazeNull();

    public static BrazeValue Of(string value) => new BrazeString(value);

    public static BrazeValue Of(bool value) => new BrazeBoolean(value);

    public static BrazeValue Of(long value) => new BrazeNumber(value.ToString(CultureInfo.InvariantCulture));

    public static BrazeValue Of(decimal value) => new BrazeNumber(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A finite double, written in its shortest round-trip form.</summary>
    public static BrazeValue Of(double value) =>
        double.IsFinite(value) ? new BrazeNumber(value.ToString("R", CultureInfo.InvariantCulture)) : throw new ArgumentOutOfRangeException(nameof(value));
}

public sealed record BrazeString(string Value) : BrazeValue;

/// <summary>A JSON number kept as its literal, so an int64 or a decimal price is never rounded through a double.</summary>
public sealed record BrazeNumber(string Literal) : BrazeValue;

public sealed record BrazeBoolean(bool Value) : BrazeValue;

/// <summary>A time, written as ISO-8601 UTC with milliseconds (reference/braze.md §1.5).</summary>
public sealed record BrazeTime(DateTimeOffset Value) : BrazeValue;

public sealed record BrazeArray(IReadOnlyList<BrazeValue> Items) : BrazeValue;

/// <summary>
/// An edit of an array attribute, <c>{"add":[…],"remove":[…]}</c> (reference/braze.md §1.3): Braze adds and removes
/// these values instead of replacing the array. An empty list is left out of the JSON. Billed 1 per value (§4).
/// </summary>
public sealed record BrazeArrayEdit(IReadOnlyList<BrazeValue> Add, IReadOnlyList<BrazeValue> Remove) : BrazeValue;

/// <summary>A nested object; only the bundled commerce properties use it (reference/mparticle.md §2.3).</summary>
public sealed record BrazeObject(IReadOnlyList<BrazeProperty> Properties) : BrazeValue;

/// <summary>JSON <c>null</c>: on an attribute it removes the attribute (reference/braze.md §1.3).</summary>
public sealed record BrazeNull : BrazeValue;
