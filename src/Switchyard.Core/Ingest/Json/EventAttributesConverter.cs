using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads event <c>custom_attributes</c> / <c>custom_flags</c>; see <see cref="EventAttributeValueConverter"/> for the value rules.</summary>
internal sealed class EventAttributesConverter : AttributeMapConverter
{
    private static readonly EventAttributeValueConverter Value = new();

    protected override AttributeValue ReadValue(ref Utf8JsonReader reader) => Value.Read(ref reader, typeof(AttributeValue), JsonSerializerOptions.Default);
}
