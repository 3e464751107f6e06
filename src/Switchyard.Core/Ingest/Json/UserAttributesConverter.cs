using System.Text.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads batch <c>user_attributes</c>; see <see cref="UserAttributeValueConverter"/> for the value rules.</summary>
internal sealed class UserAttributesConverter : AttributeMapConverter
{
    private static readonly UserAttributeValueConverter Value = new();

    protected override AttributeValue ReadValue(ref Utf8JsonReader reader) => Value.Read(ref reader, typeof(AttributeValue), JsonSerializerOptions.Default);
}
