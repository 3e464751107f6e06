using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads batch <c>user_attributes</c> with <see cref="AttributeValueReader.ReadUserValue"/>.</summary>
internal sealed class UserAttributesConverter : AttributeMapConverter
{
    protected override AttributeValue ReadValue(ref Utf8JsonReader reader) => AttributeValueReader.ReadUserValue(ref reader);
}
