using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads event <c>custom_attributes</c> / <c>custom_flags</c> with <see cref="AttributeValueReader.ReadEventValue"/>.</summary>
internal sealed class EventAttributesConverter : AttributeMapConverter
{
    protected override AttributeValue ReadValue(ref Utf8JsonReader reader) => AttributeValueReader.ReadEventValue(ref reader);
}
