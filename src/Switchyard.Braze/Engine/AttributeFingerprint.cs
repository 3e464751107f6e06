using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.Braze.Mapping;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The ledger's fingerprint of an attribute value: its JSON text as sent (design.md, attribute deltas). Two values
/// with the same text cost Braze the same and leave the profile the same, so one is enough.
/// </summary>
internal static class AttributeFingerprint
{
    public static string Of(BrazeValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BrazeTrackJson.WriterOptions))
        {
            BrazeTrackJson.WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
