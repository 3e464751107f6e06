using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Reads an enum-like wire string case-insensitively against a closed list of values and rejects anything
/// else with <see cref="IngestErrorCodes.InvalidValue"/>. We do not use <c>JsonStringEnumConverter</c>
/// because it also accepts integers and comma-joined flag names, which the Events API does not allow.
/// </summary>
/// <typeparam name="TEnum">The enum the wire strings map to.</typeparam>
internal abstract class WireEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Longer values cannot be in any list, so they are rejected without being decoded.</summary>
    private const int MaxNameLength = 64;

    private readonly FrozenDictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly FrozenDictionary<TEnum, string> _byValue;

    /// <param name="names">Wire name → value. The first name listed for a value is the one written back.</param>
    protected WireEnumConverter(IEnumerable<KeyValuePair<string, TEnum>> names)
    {
        var pairs = names.ToList();
        _bySpan = pairs.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _byValue = pairs.DistinctBy(p => p.Value).ToFrozenDictionary(p => p.Value, p => p.Key);
    }

    /// <summary>True when <paramref name="name"/> is a listed value; no allocation.</summary>
    public bool TryParse(ReadOnlySpan<char> name, out TEnum value) => _bySpan.TryGetValue(name, out value);

    /// <summary>The wire name of a value (the first listed, where several names read as one value).</summary>
    public string NameOf(TEnum value) => _byValue.TryGetValue(value, out var name) ? name : value.ToString()!;

    /// <summary>Reads the current string token as a listed value, or returns false.</summary>
    public bool TryRead(ref Utf8JsonReader reader, out TEnum value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        long byteLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (byteLength > MaxNameLength)
        {
            // Escapes (\u0061) make the bytes longer than the text; only then is decoding worth it.
            return reader.ValueIsEscaped && byteLength <= MaxNameLength * 6 && TryParse(reader.GetString(), out value);
        }

        Span<char> buffer = stackalloc char[MaxNameLength];
        int written = reader.CopyString(buffer);
        return TryParse(buffer[..written], out value);
    }

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new IngestJsonException(IngestErrorCodes.InvalidField, $"expected a string, got {JsonTokenText.Describe(reader.TokenType)}");
        }

        if (TryRead(ref reader, out var value))
        {
            return value;
        }

        throw new IngestJsonException(IngestErrorCodes.InvalidValue, $"'{JsonTokenText.Shorten(reader.GetString())}' is not an allowed value");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(_byValue.TryGetValue(value, out var name) ? name : value.ToString());
}
